import type { Settings } from "./settings.js";

/** AI reviewers that post as users or apps; their reviews are not a human's review. */
const AI_REVIEWERS = new Set([
  "copilot",
  "copilot-pull-request-reviewer",
  "coderabbitai",
  "sourcery-ai",
  "codium-pr-agent",
  "gemini-code-assist",
  "sweep-ai",
  "ellipsis-dev",
  "greptile-apps",
]);

export interface Actor {
  login: string;
  /** GitHub's account type: "User", "Bot", "Organization", "Mannequin". */
  type?: string;
}

export const isBot = (actor: Actor, settings: Settings): boolean => {
  const login = actor.login.toLowerCase();
  return (
    actor.type === "Bot" ||
    login.endsWith("[bot]") ||
    AI_REVIEWERS.has(login.replace(/\[bot\]$/, "")) ||
    settings.bots.some((b) => b.toLowerCase() === login)
  );
};
