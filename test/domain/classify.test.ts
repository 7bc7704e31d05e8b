import { describe, expect, it } from "vitest";
import { classifyIssue, classifyPullRequest, isSmall } from "../../src/domain/classify.js";
import type { IssueItem, PullRequestItem } from "../../src/domain/evidence.js";
import { defaultSettings, Settings } from "../../src/domain/settings.js";

const defaults = defaultSettings();
const prOf = (title: string, labels: string[] = [], paths: string[] = []) => ({ title, labels, paths });

describe("pull request classes: the first match wins (design doc, feature, bug fix, docs, else other)", () => {
  it.each<[string, ReturnType<typeof prOf>, PullRequestItem["class"]]>([
    // the default signals, one row each
    ["label design-doc", prOf("x", ["design-doc"]), "design-doc"],
    ["label adr", prOf("x", ["adr"]), "design-doc"],
    ["label rfc", prOf("x", ["rfc"]), "design-doc"],
    ["path docs/adr/**", prOf("x", [], ["docs/adr/0001-use-postgres.md"]), "design-doc"],
    ["path docs/adrs/**", prOf("x", [], ["docs/adrs/1.md"]), "design-doc"],
    ["path docs/decisions/**", prOf("x", [], ["docs/decisions/a/b.md"]), "design-doc"],
    ["path docs/design/**", prOf("x", [], ["docs/design/x.md"]), "design-doc"],
    ["path adr/**", prOf("x", [], ["adr/x.md"]), "design-doc"],
    ["path rfcs/**", prOf("x", [], ["rfcs/0001.md"]), "design-doc"],
    ["label feature", prOf("x", ["feature"]), "feature"],
    ["label enhancement", prOf("x", ["enhancement"]), "feature"],
    ["title feat:", prOf("feat: add search"), "feature"],
    ["label bug", prOf("x", ["bug"]), "bugfix"],
    ["label bugfix", prOf("x", ["bugfix"]), "bugfix"],
    ["title fix:", prOf("fix: crash"), "bugfix"],
    ["label documentation", prOf("x", ["documentation"]), "docs"],
    ["label docs", prOf("x", ["docs"]), "docs"],
    ["title docs:", prOf("docs: typo"), "docs"],
    ["nothing matches", prOf("chore: bump deps", ["dependencies"], ["package.json"]), "other"],
    // Conventional Commit titles
    ["a scope", prOf("feat(ui): add a button"), "feature"],
    ["a breaking change", prOf("feat!: drop node 18"), "feature"],
    ["a scope and a breaking change", prOf("fix(api)!: status codes"), "bugfix"],
    ["upper-case type", prOf("FEAT: shout"), "feature"],
    ["leading spaces", prOf("  fix: x"), "bugfix"],
    ["no space after the colon", prOf("feat:x"), "other"],
    ["a longer word is another type", prOf("feature: x"), "other"],
    ["a type with a prefix is another type", prOf("refix: x"), "other"],
    ["the type must start the title", prOf("wip feat: x"), "other"],
    ["the type only in the scope", prOf("chore(feat): x"), "other"],
    ["a space before the colon", prOf("feat : x"), "other"],
    // labels
    ["labels are case-insensitive", prOf("x", ["Bug"]), "bugfix"],
    ["any label is enough", prOf("x", ["ui", "ENHANCEMENT"]), "feature"],
    ["a label containing a signal is not the signal", prOf("x", ["bugs"]), "other"],
    // paths: one matching file is enough
    ["one design file among others", prOf("x", [], ["src/a.ts", "docs/adr/1.md"]), "design-doc"],
    ["a file outside the design folders", prOf("x", [], ["src/docs/adr/1.md"]), "other"],
    // precedence
    ["design doc beats feature", prOf("feat: x", ["adr"]), "design-doc"],
    ["design doc path beats a fix title", prOf("fix: x", [], ["rfcs/1.md"]), "design-doc"],
    ["feature beats bug fix", prOf("x", ["bug", "feature"]), "feature"],
    ["feature title beats bug label", prOf("feat: x", ["bug"]), "feature"],
    ["bug fix beats docs", prOf("docs: x", ["bug"]), "bugfix"],
    ["docs beats other", prOf("x", ["docs", "dependencies"]), "docs"],
  ])("%s → %s", (_name, pr, expected) => {
    expect(classifyPullRequest(pr, defaults)).toBe(expected);
  });

  it("reads the organisation's signals, not only the defaults", () => {
    const settings = Settings.parse({
      classification: {
        feature: { labels: ["Kind/Feature"], title_prefixes: ["Add"], paths: [] },
        docs: { paths: ["**/*.md"] },
      },
    });
    expect(classifyPullRequest(prOf("x", ["kind/feature"]), settings)).toBe("feature");
    expect(classifyPullRequest(prOf("add: x"), settings)).toBe("feature");
    expect(classifyPullRequest(prOf("x", ["feature"]), settings)).toBe("other");
    expect(classifyPullRequest(prOf("x", [], ["README.md"]), settings)).toBe("docs");
    expect(classifyPullRequest(prOf("x", [], ["a/b/c.md"]), settings)).toBe("docs");
    expect(classifyPullRequest(prOf("x", [], ["a/b/c.ts"]), settings)).toBe("other");
  });
});

describe("small pull requests: additions + deletions at most small.max_lines", () => {
  it.each<[number, number, boolean]>([
    [0, 0, true],
    [400, 0, true],
    [0, 400, true],
    [200, 200, true],
    [401, 0, false],
    [0, 401, false],
    [300, 200, false],
    [201, 200, false],
  ])("+%i −%i → %s", (additions, deletions, small) => {
    expect(isSmall({ additions, deletions }, defaults)).toBe(small);
  });

  it("reads max_lines from the settings", () => {
    const settings = Settings.parse({ small: { max_lines: 50 } });
    expect(isSmall({ additions: 30, deletions: 20 }, settings)).toBe(true);
    expect(isSmall({ additions: 30, deletions: 21 }, settings)).toBe(false);
  });
});

describe("issue classes: incident, then spec, else task; escalated on its own", () => {
  it.each<[string, string, string[], IssueItem["class"], boolean]>([
    ["no labels", "Outage", [], "task", false],
    ["incident", "x", ["incident"], "incident", false],
    ["incident, any case", "x", ["INCIDENT"], "incident", false],
    ["escalated incident", "x", ["incident", "escalated"], "incident", true],
    ["spec", "x", ["spec"], "spec", false],
    ["feature is a spec", "x", ["feature"], "spec", false],
    ["epic is a spec", "x", ["epic"], "spec", false],
    ["incident beats spec", "x", ["epic", "incident"], "incident", false],
    ["escalated without incident is still a task", "x", ["escalated"], "task", true],
    ["escalated spec", "x", ["escalated", "spec"], "spec", true],
    ["PR title prefixes are not issue signals", "feat: x", [], "task", false],
  ])("%s", (_name, title, labels, cls, escalated) => {
    expect(classifyIssue({ title, labels }, defaults)).toEqual({ class: cls, escalated });
  });

  it("reads the organisation's issue signals, and never matches paths", () => {
    const settings = Settings.parse({
      classification: {
        incident: { labels: [], title_prefixes: ["sev"], paths: ["**"] },
        escalated: { labels: ["paged"] },
      },
    });
    expect(classifyIssue({ title: "SEV: db down", labels: ["paged"] }, settings)).toEqual({
      class: "incident",
      escalated: true,
    });
    expect(classifyIssue({ title: "db down", labels: ["incident"] }, settings)).toEqual({
      class: "task",
      escalated: false,
    });
  });
});
