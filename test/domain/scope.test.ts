import { describe, expect, it } from "vitest";
import { type Actor, isBot } from "../../src/domain/bots.js";
import { whyActorIgnored, whyRepoIgnored } from "../../src/domain/scope.js";
import { defaultSettings, Settings } from "../../src/domain/settings.js";

const defaults = defaultSettings();

describe("bots and AI reviewers are not people", () => {
  it.each<[string, Actor, boolean]>([
    ["a person", { login: "alice", type: "User" }, false],
    ["a person without a type", { login: "alice" }, false],
    ["an organisation", { login: "acme", type: "Organization" }, false],
    ["a Bot account", { login: "deploy-helper", type: "Bot" }, true],
    ["an app login ending in [bot]", { login: "dependabot[bot]", type: "User" }, true],
    ["[bot], any case", { login: "Renovate[BOT]" }, true],
    ["[bot] only at the end", { login: "[bot]alice" }, false],
    ["[bot] before an AI reviewer's login", { login: "[bot]copilot" }, false],
    ["a login merely containing bot", { login: "abbott" }, false],
    ["copilot", { login: "copilot" }, true],
    ["Copilot, any case", { login: "Copilot", type: "User" }, true],
    ["copilot-pull-request-reviewer", { login: "copilot-pull-request-reviewer" }, true],
    ["coderabbitai", { login: "coderabbitai" }, true],
    ["sourcery-ai", { login: "sourcery-ai" }, true],
    ["codium-pr-agent", { login: "codium-pr-agent" }, true],
    ["gemini-code-assist", { login: "gemini-code-assist" }, true],
    ["sweep-ai", { login: "sweep-ai" }, true],
    ["ellipsis-dev", { login: "ellipsis-dev" }, true],
    ["greptile-apps", { login: "greptile-apps" }, true],
    ["a login that only starts like an AI reviewer", { login: "copilot-fan" }, false],
    ["a login that only ends like an AI reviewer", { login: "not-coderabbitai" }, false],
  ])("%s → %s", (_name, actor, bot) => {
    expect(isBot(actor, defaults)).toBe(bot);
  });

  it.each<[string, string[], string, boolean]>([
    ["a configured login", ["ci-runner"], "ci-runner", true],
    ["a configured login, any case (login)", ["ci-runner"], "CI-Runner", true],
    ["a configured login, any case (setting)", ["CI-Runner"], "ci-runner", true],
    ["another configured login", ["ci-runner", "release-me"], "release-me", true],
    ["a login not configured", ["ci-runner"], "ci-runner2", false],
    ["no configured logins", [], "ci-runner", false],
  ])("settings.bots: %s → %s", (_name, bots, login, bot) => {
    expect(isBot({ login, type: "User" }, Settings.parse({ bots }))).toBe(bot);
  });

  it("says why an actor is ignored", () => {
    expect(whyActorIgnored({ login: "dependabot[bot]", type: "Bot" }, defaults)).toBe("bot dependabot[bot]");
    expect(whyActorIgnored({ login: "Copilot" }, defaults)).toBe("bot Copilot");
    expect(whyActorIgnored({ login: "alice", type: "User" }, defaults)).toBeUndefined();
  });
});

describe("repositories whose activity is not evidence", () => {
  const repo = (full_name: string) => ({ name: full_name.split("/")[1] ?? full_name, full_name });

  it.each<[string, string[], string, string | undefined]>([
    ["an ordinary repository", [], "acme/web", undefined],
    ["the career repo", [], "acme/careers", "the career repo itself"],
    ["the career repo, any case", [], "ACME/Careers", "the career repo itself"],
    ["a repo named like the career repo in another owner", [], "other/careers", undefined],
    ["the career repo even when also excluded", ["careers"], "acme/careers", "the career repo itself"],
    ["excluded by name", ["sandbox"], "acme/sandbox", "excluded repository acme/sandbox"],
    ["excluded by owner/name", ["acme/sandbox"], "acme/sandbox", "excluded repository acme/sandbox"],
    ["owner/name of another owner", ["other/sandbox"], "acme/sandbox", undefined],
    ["excluded by a name glob", ["legacy-*"], "acme/legacy-api", "excluded repository acme/legacy-api"],
    ["excluded by an owner glob", ["acme/*"], "acme/web", "excluded repository acme/web"],
    ["a name glob that does not match", ["legacy-*"], "acme/api-legacy", undefined],
    ["any of several patterns", ["x", "web"], "acme/web", "excluded repository acme/web"],
    ["a prefix of the name is not the name", ["web"], "acme/webapp", undefined],
  ])("%s", (_name, excluded_repos, fullName, why) => {
    expect(whyRepoIgnored(repo(fullName), "acme/careers", Settings.parse({ excluded_repos }))).toBe(why);
  });
});
