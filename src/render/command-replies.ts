import type { Role } from "../domain/authorization.js";
import type { CriterionInfo, LineOutcome } from "../domain/goal-commands.js";
import { escapeInline, plainLogin } from "./escape.js";

/**
 * What Rungs answers to commands on a goal issue: short, exact, and never pinging anyone (logins are
 * written without `@`). Pure: the use-case posts them.
 */

/** The hidden first line of a reply: which comment, and which answer (so it is posted once). */
export const replyMarker = (commentId: number, kind: string): string =>
  `<!-- rungs:reply comment=${commentId} ${kind.replace(/[^a-z0-9-]/gi, "")} -->`;

/** Each line that went wrong, with what was wrong. */
export const failureReply = (outcomes: readonly LineOutcome[]): string => {
  const failed = outcomes.filter((o) => !o.ok);
  return [
    `Rungs could not do ${failed.length === 1 ? "one line" : `${failed.length} lines`} of that comment; the rest ${outcomes.length > failed.length ? "was done" : "is unchanged"}:`,
    "",
    ...failed.map((o) => `- line ${o.line}: ${o.said}`),
    "",
    "`/rungs help` lists what you may do here.",
  ].join("\n");
};

export const outsiderReply = (engineer: string): string =>
  `Thanks for the note. Rungs commands on this goal issue are for ${plainLogin(engineer)}, their manager, their manager's manager and the admins named in the career repo's settings, so nothing was changed.`;

export const undoneReply = (undone: readonly string[], deleted: boolean): string =>
  [
    `A comment with Rungs commands was ${deleted ? "deleted" : "edited"}, so what it no longer says was undone:`,
    "",
    ...undone.map((u) => `- ${u}`),
  ].join("\n");

const COMMANDS: { usage: string; what: string; judge?: boolean }[] = [
  {
    usage: "/evidence <criterion-id> <url> [note]",
    what: "add evidence for a criterion measured by people (a claim until a manager or admin confirms it; theirs are confirmed at once)",
  },
  { usage: "/confirm <ref>", what: "confirm a claim, so it counts", judge: true },
  { usage: "/reject <ref> <reason>", what: "reject a claim, with the reason", judge: true },
  {
    usage: "/exclude <url-or-ref> <reason>",
    what: "take an item out of the count (a revert, credit that belongs elsewhere); it stays listed with the reason",
  },
  { usage: "/include <url-or-ref>", what: "put an excluded item back" },
  {
    usage: "/focus <criterion-id> …",
    what: "the 2–3 criteria to work on this quarter (or tick them in the issue)",
  },
  { usage: "/refresh", what: "recompute and re-render this issue (and an open promotion packet)" },
  {
    usage: "/promote [level]",
    what: "open the promotion packet for the next level (a pull request with the evidence, for the manager to review), or bring it up to date",
  },
  { usage: "/rungs help", what: "this list" },
];

const ROLE_NAMES: Record<Role, string> = {
  engineer: "the engineer",
  manager: "their manager",
  "skip-level": "their manager's manager",
  admin: "an admin",
};

export const helpReply = (
  actor: string,
  engineer: string,
  roles: readonly Role[],
  criteria: readonly CriterionInfo[],
): string => {
  const judge = roles.some((r) => r !== "engineer");
  const mine = COMMANDS.filter((c) => !c.judge || judge);
  const manual = criteria.filter((c) => c.manual);
  return [
    `${plainLogin(actor)}, you are ${roles.map((r) => ROLE_NAMES[r]).join(" and ")} here. One command per line; a command in a code block or a quote is not run.`,
    "",
    "| Command | What it does |",
    "|---|---|",
    ...mine.map((c) => `| \`${c.usage}\` | ${c.what} |`),
    "",
    manual.length
      ? `Criteria that take \`/evidence\`: ${manual.map((c) => `\`${c.id}\` (${escapeInline(c.title, 60)})`).join(", ")}.`
      : `Every criterion on ${plainLogin(engineer)}'s path is measured from GitHub.`,
    "Refs are the short codes beside each item in the Evidence section of this issue.",
  ].join("\n");
};

/** Where the packet is and what it says, in two lines. */
export const packetReply = (o: {
  status: string;
  number: number;
  url: string;
  verdict: { line: string };
  target: { to: string };
}): string => {
  const did =
    { opened: "opened", reopened: "reopened", updated: "brought up to date", unchanged: "up to date" }[
      o.status
    ] ?? o.status;
  return `Promotion packet for ${escapeInline(o.target.to, 20)} ${did}: #${o.number}.\n\n${escapeInline(o.verdict.line, 600)}`;
};

export const packetRefusedReply = (o: { message?: string; valid?: readonly string[] }): string =>
  `No promotion packet was opened: ${escapeInline(o.message ?? "nothing to do", 300)}${o.valid?.length ? ` (valid: ${o.valid.map((v) => `\`${escapeInline(v, 20)}\``).join(", ")})` : ""}.`;
