import { describe, expect, it } from "vitest";
import { compareItems, EvidenceItem, mergeItems } from "../../src/domain/evidence.js";
import { Consistency, Criterion, LevelFrontmatter, Rule, Where } from "../../src/domain/ladder/schema.js";
import { failed, formatProblem, ok, problemAt } from "../../src/domain/problem.js";
import { issue, pr } from "./fixtures.js";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? [] : (r.error?.issues.map((i) => i.message) ?? []);

describe("ladder rules", () => {
  it.each<[string, unknown, string[]]>([
    ["a count", { kind: "count", evidence: "pull_request", min: 1 }, []],
    [
      "a count of 0",
      { kind: "count", evidence: "pull_request", min: 0 },
      ["Too small: expected number to be >=1"],
    ],
    [
      "an aggregate with max",
      {
        kind: "aggregate",
        evidence: "pull_request",
        field: "review_rounds",
        stat: "median",
        max: 2,
        min_sample: 5,
      },
      [],
    ],
    [
      "an aggregate with min",
      {
        kind: "aggregate",
        evidence: "pull_request",
        field: "hours_to_merge",
        stat: "mean",
        min: 2,
        min_sample: 1,
      },
      [],
    ],
    [
      "an aggregate with both max and min",
      {
        kind: "aggregate",
        evidence: "pull_request",
        field: "review_rounds",
        stat: "median",
        max: 2,
        min: 1,
        min_sample: 5,
      },
      ["give exactly one of max or min"],
    ],
    [
      "an aggregate with neither",
      { kind: "aggregate", evidence: "pull_request", field: "review_rounds", stat: "median", min_sample: 5 },
      ["give exactly one of max or min"],
    ],
    ["weekly, 13 weeks", { kind: "weekly", evidence: "learning_note", min_weeks: 13 }, []],
    [
      "weekly, 14 weeks",
      { kind: "weekly", evidence: "learning_note", min_weeks: 14 },
      ["Too big: expected number to be <=13"],
    ],
    [
      "an unknown kind",
      { kind: "fortnightly" },
      ["unknown rule kind; expected one of count, aggregate, weekly, people, manual"],
    ],
  ])("%s", (_name, data, expected) => {
    expect(messages(Rule.safeParse(data))).toEqual(expected);
  });

  it("fills defaults: within_quarters 4, manual min 1", () => {
    expect(Rule.parse({ kind: "people", who: "reports", min: 2 })).toEqual({
      kind: "people",
      who: "reports",
      min: 2,
      within_quarters: 4,
    });
    expect(Rule.parse({ kind: "manual" })).toEqual({ kind: "manual", min: 1 });
  });

  it.each<[string, unknown, string[]]>([
    ["2 of 3", { quarters: 2, of: 3 }, []],
    ["3 of 3", { quarters: 3, of: 3 }, []],
    ["4 of 3", { quarters: 4, of: 3 }, ["quarters cannot be more than of"]],
    ["1 of 8", { quarters: 1, of: 8 }, []],
    ["1 of 9", { quarters: 1, of: 9 }, ["Too big: expected number to be <=8"]],
  ])("consistency %s", (_name, data, expected) => {
    expect(messages(Consistency.safeParse(data))).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ["ship-small-features", true],
    ["a1", true],
    ["Ship", false],
    ["ship_features", false],
    ["-ship", false],
    ["ship-", false],
    ["ship--it", false],
    ["x ship", false],
  ])("criterion id %j", (id, valid) => {
    const r = Criterion.safeParse({ id, title: "t", rule: { kind: "manual" } });
    expect(r.success).toBe(valid);
    if (!valid) expect(messages(r)).toEqual(["ids are kebab-case, e.g. ship-small-features"]);
  });

  it.each<[string, boolean]>([
    ["IC2", true],
    ["M10", true],
    ["ic2", false],
    ["IC", false],
    ["2", false],
    ["IC2a", false],
    ["xIC2", false],
  ])("level id %j", (id, valid) => {
    const r = LevelFrontmatter.safeParse({
      id,
      title: "t",
      track: "ic",
      rank: 0,
      core_question: "q",
      primary_focus: "f",
      next: null,
    });
    expect(r.success).toBe(valid);
    if (!valid) expect(messages(r)).toEqual(["level ids look like IC2 or M1"]);
  });

  it("fills a level's defaults", () => {
    const l = LevelFrontmatter.parse({
      id: "IC2",
      title: "t",
      track: "ic",
      rank: 0,
      core_question: "q",
      primary_focus: "f",
      next: null,
    });
    expect([l.track_changes, l.consistency, l.criteria, l.signals]).toEqual([
      [],
      { quarters: 2, of: 3 },
      [],
      [],
    ]);
  });

  it("keeps where's filters", () => {
    expect(Where.safeParse({ min_linked_prs: -1 }).success).toBe(false);
    expect(Where.safeParse({ class: ["incident", "feature"] }).success).toBe(true);
    expect(Where.safeParse({ class: ["chore"] }).success).toBe(false);
  });
});

describe("evidence items", () => {
  it("explains a date that is not ISO 8601", () => {
    const bad = { ...pr(), at: "last tuesday" };
    expect(messages(EvidenceItem.safeParse(bad))).toEqual([
      "expected an ISO 8601 date-time, e.g. 2026-10-05T15:00:00Z",
    ]);
    expect(EvidenceItem.safeParse({ ...pr(), at: "2026-10-05T15:00:00+02:00" }).success).toBe(true);
  });

  it("merges as a set keyed by key: the first recorded wins, sorted by time then key", () => {
    const a = pr({ key: "B", at: "2026-10-02T00:00:00Z", title: "first" });
    const again = pr({ key: "B", at: "2026-10-02T00:00:00Z", title: "second" });
    const early = issue({ key: "Z", at: "2026-10-01T00:00:00Z" });
    const sameTime = issue({ key: "A", at: "2026-10-02T00:00:00Z" });
    const merged = mergeItems([a], [again, early, sameTime]);
    expect(merged.map((i) => [i.key, i.title])).toEqual([
      ["Z", early.title],
      ["A", sameTime.title],
      ["B", "first"],
    ]);
    expect(mergeItems([again], [a]).map((i) => i.title)).toEqual(["second"]);
  });

  it.each<[string, string, string, string, number]>([
    ["earlier first", "2026-10-01T00:00:00Z", "Z", "2026-10-02T00:00:00Z", -1],
    ["later last", "2026-10-03T00:00:00Z", "A", "2026-10-02T00:00:00Z", 1],
    ["same time: key order", "2026-10-02T00:00:00Z", "A", "2026-10-02T00:00:00Z", -1],
    ["same time, later key", "2026-10-02T00:00:00Z", "C", "2026-10-02T00:00:00Z", 1],
    ["same time, same key", "2026-10-02T00:00:00Z", "B", "2026-10-02T00:00:00Z", 0],
  ])("compareItems: %s", (_name, at, key, otherAt, sign) => {
    expect(compareItems(pr({ at, key }), pr({ at: otherAt, key: "B" }))).toBe(sign);
  });
});

describe("problems", () => {
  it("formats file:line:column: message, defaulting to 1:1", () => {
    expect(formatProblem(problemAt("a.yml", "bad"))).toBe("a.yml:1:1: bad");
    expect(formatProblem(problemAt("a.yml", "bad", 3, 7))).toBe("a.yml:3:7: bad");
    expect(problemAt("a.yml", "bad", 3)).toEqual({ file: "a.yml", line: 3, column: 1, message: "bad" });
  });

  it("wraps values and problems", () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    expect(failed([problemAt("f", "m")])).toEqual({
      ok: false,
      problems: [{ file: "f", line: 1, column: 1, message: "m" }],
    });
  });
});
