/**
 * Milestones (`scope: window`), pieces of work (`workUnits`), the teaching and sole-assignee filters,
 * and the readiness window's statuses (met, not-met, no-data, before-level) — including a promotion in
 * the middle of the window. src/domain/criteria.ts and src/domain/report.ts.
 */
import { describe, expect, it } from "vitest";
import { evaluateCriterion, matchesWhere, workUnits } from "../../src/domain/criteria.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import type { Consistency, Ladder, Rule, Where } from "../../src/domain/ladder/schema.js";
import type { Profile } from "../../src/domain/profile.js";
import type { Quarter } from "../../src/domain/quarter.js";
import {
  buildReport,
  type QuarterStatus,
  type Report,
  type ReportInput,
  reportJson,
} from "../../src/domain/report.js";
import { defaultSettings, type Settings } from "../../src/domain/settings.js";
import {
  criterion,
  issue,
  ladderOf,
  level,
  manual,
  note,
  pr,
  profile,
  profilesOf,
  review,
  standardLadder,
} from "./fixtures.js";

const Q4: Quarter = { year: 2026, q: 4 };

describe("workUnits: pull requests closing a common issue are one piece of work", () => {
  it.each<[string, EvidenceItem[], number]>([
    ["none", [], 0],
    ["one closing nothing", [pr({ key: "a" })], 1],
    ["two closing nothing: two", [pr({ key: "a" }), pr({ key: "b" })], 2],
    [
      "two closing the same issue: one",
      [pr({ key: "a", closes: ["I1"] }), pr({ key: "b", closes: ["I1"] })],
      1,
    ],
    [
      "three closing the same issue: one",
      [pr({ key: "a", closes: ["I1"] }), pr({ key: "b", closes: ["I1"] }), pr({ key: "c", closes: ["I1"] })],
      1,
    ],
    [
      "two closing different issues: two",
      [pr({ key: "a", closes: ["I1"] }), pr({ key: "b", closes: ["I2"] })],
      2,
    ],
    [
      "a chain: a–I1–b–I2–c is one",
      [
        pr({ key: "a", closes: ["I1"] }),
        pr({ key: "b", closes: ["I1", "I2"] }),
        pr({ key: "c", closes: ["I2"] }),
      ],
      1,
    ],
    [
      "the bridge arriving last still joins the chain",
      [
        pr({ key: "a", closes: ["I1"] }),
        pr({ key: "c", closes: ["I2"] }),
        pr({ key: "b", closes: ["I2", "I1"] }),
      ],
      1,
    ],
    [
      "a longer chain through three issues",
      [
        pr({ key: "a", closes: ["I1"] }),
        pr({ key: "b", closes: ["I2"] }),
        pr({ key: "c", closes: ["I3"] }),
        pr({ key: "d", closes: ["I3", "I2"] }),
        pr({ key: "e", closes: ["I1", "I3"] }),
      ],
      1,
    ],
    [
      "a group, a lone PR closing an issue, and one closing nothing",
      [
        pr({ key: "a", closes: ["I1", "I2"] }),
        pr({ key: "b", closes: ["I2"] }),
        pr({ key: "c", closes: ["I3"] }),
        pr({ key: "d" }),
      ],
      3,
    ],
    [
      "PRs closing nothing are never grouped together",
      [pr({ key: "a", closes: [] }), pr({ key: "b", closes: [] })],
      2,
    ],
    ["one PR closing two issues: one", [pr({ key: "a", closes: ["I1", "I2"] })], 1],
    [
      "an issue key and a PR key that look alike are not confused",
      [pr({ key: "I1" }), pr({ key: "b", closes: ["I1"] })],
      2,
    ],
  ])("%s → %i", (_name, prs, want) => {
    expect(workUnits(prs)).toBe(want);
    // The order the pull requests come in never changes the count.
    expect(workUnits([...prs].reverse())).toBe(want);
  });
});

const ctx = (items: EvidenceItem[], windowItems?: EvidenceItem[]) => ({
  login: "alice",
  quarter: Q4,
  calendar: { startMonth: 1, timeZone: "UTC" },
  items,
  ...(windowItems ? { windowItems } : {}),
  profiles: profilesOf(profile("alice")),
  ladder: standardLadder(),
});

describe("the count rule counts pull requests as pieces of work", () => {
  const rule = (where?: Where): Rule => ({
    kind: "count",
    evidence: "pull_request",
    min: 2,
    ...(where ? { where } : {}),
  });
  it.each<[string, Rule, EvidenceItem[], number, { items: number; groups: number } | undefined, boolean]>([
    ["two separate PRs: 2, met", rule(), [pr(), pr()], 2, undefined, true],
    [
      "two PRs of one issue: 1, not met",
      rule(),
      [pr({ closes: ["I1"] }), pr({ closes: ["I1"] })],
      1,
      { items: 2, groups: 1 },
      false,
    ],
    [
      "three PRs across two issues: 2, met",
      rule(),
      [pr({ closes: ["I1"] }), pr({ closes: ["I1"] }), pr({ closes: ["I2"] })],
      2,
      { items: 3, groups: 2 },
      true,
    ],
    [
      "only PRs matching the filter are grouped",
      rule({ class: ["feature"] }),
      [
        pr({ class: "feature", closes: ["I1"] }),
        pr({ class: "bugfix", closes: ["I1"] }),
        pr({ class: "feature" }),
      ],
      2,
      undefined,
      true,
    ],
  ])("%s", (_name, r, items, value, units, met) => {
    const res = evaluateCriterion(criterion("ship", r), ctx(items));
    expect(res.value).toBe(value);
    expect(res.units).toEqual(units);
    expect(res.met).toBe(met);
    expect(res.evidence).toHaveLength(units?.items ?? value);
  });

  it("other kinds count items, not pieces of work", () => {
    const res = evaluateCriterion(
      criterion("r", { kind: "count", evidence: "review", min: 2 }),
      ctx([review(), review()]),
    );
    expect([res.value, res.units]).toEqual([2, undefined]);
  });
});

describe("Where: teaching reviews and sole-assignee issues", () => {
  it.each<[string, Where, EvidenceItem, boolean]>([
    ["teaching: a teaching review", { teaching: true }, review({ teaching: true }), true],
    ["teaching: a rubber stamp", { teaching: true }, review({ teaching: false }), false],
    ["teaching: a pull request is not a review", { teaching: true }, pr(), false],
    ["teaching: an issue is not a review", { teaching: true }, issue(), false],
    ["not teaching: a rubber stamp", { teaching: false }, review({ teaching: false }), true],
    ["not teaching: a teaching review", { teaching: false }, review({ teaching: true }), false],
    ["not teaching: still only reviews", { teaching: false }, pr(), false],
    ["sole: one assignee", { sole_assignee: true }, issue({ assignees: 1 }), true],
    ["sole: two assignees", { sole_assignee: true }, issue({ assignees: 2 }), false],
    ["sole: five assignees", { sole_assignee: true }, issue({ assignees: 5 }), false],
    ["sole: a review is not an issue", { sole_assignee: true }, review(), false],
    ["sole: a pull request is not an issue", { sole_assignee: true }, pr(), false],
    ["shared: two assignees", { sole_assignee: false }, issue({ assignees: 2 }), true],
    ["shared: one assignee", { sole_assignee: false }, issue({ assignees: 1 }), false],
    ["shared: still only issues", { sole_assignee: false }, note(), false],
    [
      "the independent-incidents filter: sole, not escalated",
      { class: ["incident"], escalated: false, sole_assignee: true },
      issue({ class: "incident", escalated: false, assignees: 1 }),
      true,
    ],
    [
      "the independent-incidents filter: shared",
      { class: ["incident"], escalated: false, sole_assignee: true },
      issue({ class: "incident", escalated: false, assignees: 2 }),
      false,
    ],
    [
      "the mentor-intern filter: teaching an IC0",
      { pr_author_level: ["IC0"], teaching: true },
      review({ pr_author_level: "IC0", teaching: true }),
      true,
    ],
    [
      "the mentor-intern filter: a rubber stamp of an IC0",
      { pr_author_level: ["IC0"], teaching: true },
      review({ pr_author_level: "IC0", teaching: false }),
      false,
    ],
    [
      "the mentor-intern filter: teaching an IC1",
      { pr_author_level: ["IC0"], teaching: true },
      review({ pr_author_level: "IC1", teaching: true }),
      false,
    ],
  ])("%s", (_name, where, item, want) => {
    expect(matchesWhere(item, where)).toBe(want);
  });

  it("independent incidents count only incidents the person handled alone", () => {
    const rule: Rule = {
      kind: "count",
      evidence: "issue",
      min: 2,
      where: { class: ["incident"], escalated: false, sole_assignee: true },
    };
    const alone = issue({ class: "incident", assignees: 1 });
    const shared = issue({ class: "incident", assignees: 2 });
    const r = evaluateCriterion(criterion("incidents", rule), ctx([alone, shared, shared]));
    expect([r.value, r.met, r.evidence]).toEqual([1, false, [alone]]);
  });
});

describe("scope window: a milestone reads the window's items, a rate reads the quarter's", () => {
  const spec = issue({ class: "spec", linked_prs: 1 });
  const count = (scope?: "quarter" | "window"): Rule => ({
    kind: "count",
    evidence: "issue",
    min: 1,
    where: { class: ["spec"], min_linked_prs: 1 },
    ...(scope ? { scope } : {}),
  });
  const claim = (scope?: "quarter" | "window"): Rule => ({
    kind: "manual",
    min: 1,
    ...(scope ? { scope } : {}),
  });
  type Row = [string, Rule, EvidenceItem[], EvidenceItem[] | undefined, number, "window" | undefined];
  it.each<Row>([
    ["count, window: found in the window", count("window"), [], [spec], 1, "window"],
    ["count, window: the quarter's items alone are not read", count("window"), [spec], [], 0, "window"],
    ["count, window: without window items, the quarter's", count("window"), [spec], undefined, 1, "window"],
    ["count, quarter: the window is not read", count("quarter"), [], [spec], 0, undefined],
    ["count, no scope: a rate", count(), [], [spec], 0, undefined],
    ["count, no scope: this quarter's", count(), [spec], [spec, spec], 1, undefined],
    ["manual, window: found in the window", claim("window"), [], [manual("m")], 1, "window"],
    [
      "manual, window: another criterion's claim does not count",
      claim("window"),
      [],
      [manual("other")],
      0,
      "window",
    ],
    ["manual, window: the quarter's alone are not read", claim("window"), [manual("m")], [], 0, "window"],
    ["manual, no scope: the window is not read", claim(), [], [manual("m")], 0, undefined],
    ["manual, no scope: this quarter's", claim(), [manual("m")], [], 1, undefined],
  ])("%s", (_name, rule, items, windowItems, value, scope) => {
    const r = evaluateCriterion(criterion("m", rule), ctx(items, windowItems));
    expect(r.value).toBe(value);
    expect(r.met).toBe(value >= 1);
    expect(r.scope).toBe(scope);
  });

  it("pull requests across the window are grouped into pieces of work too", () => {
    const rule: Rule = { kind: "count", evidence: "pull_request", min: 2, scope: "window" };
    const r = evaluateCriterion(
      criterion("m", rule),
      ctx([], [pr({ closes: ["I1"] }), pr({ closes: ["I1"] }), pr({ closes: ["I2"] })]),
    );
    expect([r.value, r.units, r.met]).toEqual([2, { items: 3, groups: 2 }, true]);
  });
});

/**
 * IC1 → IC2: `ship` (a pull request each quarter) and the milestone `spec` (a spec issue once in the
 * window), 2 of the last 3 quarters.
 */
const ladder = (consistency: Consistency = { quarters: 2, of: 3 }): Ladder =>
  ladderOf(
    level({
      id: "IC0",
      rank: 0,
      next: "IC1",
      consistency,
      criteria: [criterion("old", { kind: "count", evidence: "review", min: 1 })],
    }),
    level({
      id: "IC1",
      rank: 1,
      next: "IC2",
      consistency,
      criteria: [
        criterion("ship", { kind: "count", evidence: "pull_request", min: 1 }),
        criterion("spec", {
          kind: "count",
          evidence: "issue",
          where: { class: ["spec"] },
          min: 1,
          scope: "window",
        }),
      ],
    }),
    level({ id: "IC2", rank: 2, next: null }),
  );

const ship = (): EvidenceItem => pr();
const spec = (key?: string): EvidenceItem => issue({ class: "spec", ...(key ? { key } : {}) });

interface Setup {
  byQuarter: Record<string, EvidenceItem[]>;
  profile?: Partial<Profile>;
  settings?: Partial<Settings>;
  consistency?: Consistency;
  uncounted?: ReportInput["uncounted"];
}

const report = (s: Setup, quarter = Q4): Report => {
  const input: ReportInput = {
    settings: { ...defaultSettings(), time_zone: "UTC", ...s.settings },
    ladder: ladder(s.consistency),
    profiles: profilesOf(profile("alice", { level: "IC1", manager: "dana", ...s.profile })),
    items: (login, q) => (login === "alice" ? s.byQuarter[q] : undefined),
    ...(s.uncounted ? { uncounted: s.uncounted } : {}),
    goals: () => undefined,
  };
  const r = buildReport(input, "alice", quarter);
  if ("error" in r) throw new Error(r.error);
  return r;
};

const statuses = (r: Report): QuarterStatus[] => r.readiness.quarters.map((q) => q.status);

describe("readiness window statuses", () => {
  type Row = [string, Setup, QuarterStatus[], number, boolean];
  it.each<Row>([
    [
      "no `since`: every quarter with data is judged",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()], "2026-Q2": [] } },
      ["met", "met", "not-met"],
      2,
      true,
    ],
    [
      "an empty ledger is data: not met, not no-data",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [], "2026-Q2": [] } },
      ["met", "not-met", "not-met"],
      1,
      false,
    ],
    [
      "no ledger: no data",
      { byQuarter: { "2026-Q4": [ship(), spec()] } },
      ["met", "no-data", "no-data"],
      1,
      false,
    ],
    [
      "no ledger this quarter either: no data",
      { byQuarter: { "2026-Q3": [ship(), spec()], "2026-Q2": [ship()] } },
      ["no-data", "met", "met"],
      2,
      true,
    ],
    [
      "since the first day of Q4: Q4 is at the level, earlier quarters are before it",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship(), spec()], "2026-Q2": [ship()] },
        profile: { since: "2026-10-01" },
      },
      ["met", "before-level", "before-level"],
      1,
      false,
    ],
    [
      "since the first day of Q3: two quarters at the level, ready",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()], "2026-Q2": [ship()] },
        profile: { since: "2026-07-01" },
      },
      ["met", "met", "before-level"],
      2,
      true,
    ],
    [
      "since the second day of Q3: Q3 began before the level",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()], "2026-Q2": [ship()] },
        profile: { since: "2026-07-02" },
      },
      ["met", "before-level", "before-level"],
      1,
      false,
    ],
    [
      "before-level wins over no-data",
      { byQuarter: { "2026-Q4": [ship(), spec()] }, profile: { since: "2026-07-01" } },
      ["met", "no-data", "before-level"],
      1,
      false,
    ],
    [
      "a mid-November promotion: every quarter of the window, Q4 included, began before the level",
      {
        byQuarter: {
          "2026-Q4": [ship(), ship(), spec()],
          "2026-Q3": [ship(), ship(), spec()],
          "2026-Q2": [ship(), spec()],
        },
        profile: { since: "2026-11-15", history: [{ level: "IC0", since: "2026-01-05" }] },
      },
      ["before-level", "before-level", "before-level"],
      0,
      false,
    ],
    [
      "a mid-window promotion (August): only Q4 counts, not ready",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship(), spec()], "2026-Q2": [ship(), spec()] },
        profile: { since: "2026-08-15" },
      },
      ["met", "before-level", "before-level"],
      1,
      false,
    ],
    [
      "a date far in the past changes nothing",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()] }, profile: { since: "2020-01-01" } },
      ["met", "met", "no-data"],
      2,
      true,
    ],
    [
      "since in Tokyo: 1 October starts at Q4's first instant there (not before-level)",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()] },
        profile: { since: "2026-10-01" },
        settings: { time_zone: "Asia/Tokyo" },
      },
      ["met", "before-level", "before-level"],
      1,
      false,
    ],
    [
      "since in Tokyo: 2 October is after Q4 began",
      {
        byQuarter: { "2026-Q4": [ship(), spec()] },
        profile: { since: "2026-10-02" },
        settings: { time_zone: "Asia/Tokyo" },
      },
      ["before-level", "before-level", "before-level"],
      0,
      false,
    ],
    [
      "since in Los Angeles: 1 July starts at Q3's first instant there",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()] },
        profile: { since: "2026-07-01" },
        settings: { time_zone: "America/Los_Angeles" },
      },
      ["met", "met", "before-level"],
      2,
      true,
    ],
    [
      "3 of 4 with one quarter before the level: not enough left",
      {
        byQuarter: {
          "2026-Q4": [ship(), spec()],
          "2026-Q3": [ship()],
          "2026-Q2": [ship()],
          "2026-Q1": [ship()],
        },
        profile: { since: "2026-04-01" },
        consistency: { quarters: 3, of: 4 },
      },
      ["met", "met", "met", "before-level"],
      3,
      true,
    ],
  ])("%s", (_name, setup, want, met, ready) => {
    const r = report(setup);
    expect(statuses(r)).toEqual(want);
    expect(r.readiness.quarters.map((q) => q.met)).toEqual(want.map((s) => s === "met"));
    expect(r.readiness.quartersMet).toBe(met);
    expect(r.readiness.ready).toBe(ready);
  });
});

describe("milestones count across the window's quarters with data at the level", () => {
  type Row = [string, Setup, QuarterStatus[], number];
  it.each<Row>([
    [
      "a spec two quarters back meets the milestone in every quarter of the window",
      { byQuarter: { "2026-Q4": [ship()], "2026-Q3": [ship()], "2026-Q2": [ship(), spec()] } },
      ["met", "met", "met"],
      1,
    ],
    [
      "a spec this quarter meets it for the quarters before too",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship()], "2026-Q2": [] } },
      ["met", "met", "not-met"],
      1,
    ],
    [
      "a spec outside the window (four quarters back) does not",
      { byQuarter: { "2026-Q4": [ship()], "2026-Q3": [ship()], "2026-Q2": [ship()], "2026-Q1": [spec()] } },
      ["not-met", "not-met", "not-met"],
      0,
    ],
    [
      "a spec from before the level does not",
      {
        byQuarter: { "2026-Q4": [ship()], "2026-Q3": [ship()], "2026-Q2": [ship(), spec()] },
        profile: { since: "2026-07-01" },
      },
      ["not-met", "not-met", "before-level"],
      0,
    ],
    [
      "two specs across the window count 2",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship(), spec()], "2026-Q2": [] } },
      ["met", "met", "not-met"],
      2,
    ],
    [
      "the same spec recorded in two quarters counts once",
      {
        byQuarter: { "2026-Q4": [ship()], "2026-Q3": [ship(), spec("I_same")], "2026-Q2": [spec("I_same")] },
      },
      ["met", "met", "not-met"],
      1,
    ],
  ])("%s", (_name, setup, want, value) => {
    const r = report(setup);
    expect(statuses(r)).toEqual(want);
    const milestone = r.criteria.find((c) => c.id === "spec");
    expect(milestone?.value).toBe(value);
    expect(milestone?.scope).toBe("window");
  });
});

describe("the change since last quarter: only against a quarter with data at the level", () => {
  type Row = [string, Setup, [string, number | null][]];
  it.each<Row>([
    [
      "last quarter has data",
      { byQuarter: { "2026-Q4": [ship(), ship(), ship()], "2026-Q3": [ship()] } },
      [
        ["ship", 1],
        ["spec", null],
      ],
    ],
    [
      "last quarter's ledger is empty: 0, not unknown",
      { byQuarter: { "2026-Q4": [ship()], "2026-Q3": [] } },
      [
        ["ship", 0],
        ["spec", null],
      ],
    ],
    [
      "last quarter has no ledger",
      { byQuarter: { "2026-Q4": [ship()] } },
      [
        ["ship", null],
        ["spec", null],
      ],
    ],
    [
      "last quarter was before the level",
      { byQuarter: { "2026-Q4": [ship()], "2026-Q3": [ship(), ship()] }, profile: { since: "2026-10-01" } },
      [
        ["ship", null],
        ["spec", null],
      ],
    ],
    [
      "a milestone never has a previous value, even with data",
      { byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship(), spec()] } },
      [
        ["ship", 1],
        ["spec", null],
      ],
    ],
  ])("%s", (_name, setup, want) => {
    expect(report(setup).criteria.map((c) => [c.id, c.previous])).toEqual(want);
  });
});

describe("reportJson: readiness and items", () => {
  it("gives the window's statuses, what is needed, and counted/claimed/unverified counts", () => {
    const r = report({
      byQuarter: { "2026-Q4": [ship(), spec(), ship()], "2026-Q3": [ship()] },
      profile: { since: "2026-07-01" },
      uncounted: (login, q) =>
        login === "alice" && q === "2026-Q4"
          ? { claimed: [manual("m")], unverified: [pr(), pr(), review()] }
          : { claimed: [], unverified: [] },
    });
    const json = reportJson(r);
    expect(json.readiness).toEqual({
      ready: true,
      needed: { quarters: 2, of: 3 },
      window: [
        { quarter: "2026-Q4", status: "met" },
        { quarter: "2026-Q3", status: "met" },
        { quarter: "2026-Q2", status: "before-level" },
      ],
    });
    expect(json.ready).toBe(true);
    expect(json.items).toMatchObject({ counted: 3, claimed: 1, unverified: 3 });
    expect(json.criteria.map((c) => [c.id, c.scope, c.value, c.met])).toEqual([
      ["ship", "quarter", 2, true],
      ["spec", "window", 1, true],
    ]);
  });

  it.each<[string, Setup, boolean, QuarterStatus[]]>([
    [
      "a mid-window promotion",
      {
        byQuarter: { "2026-Q4": [ship(), spec()], "2026-Q3": [ship(), spec()] },
        profile: { since: "2026-11-15" },
      },
      false,
      ["before-level", "before-level", "before-level"],
    ],
    ["a first quarter", { byQuarter: { "2026-Q4": [ship(), spec()] } }, false, ["met", "no-data", "no-data"]],
  ])("%s", (_name, setup, ready, window) => {
    const json = reportJson(report(setup));
    expect(json.readiness.ready).toBe(ready);
    expect(json.readiness.window.map((w) => w.status)).toEqual(window);
    // Without `uncounted`, nothing is claimed or unverified.
    expect([json.items.claimed, json.items.unverified]).toEqual([0, 0]);
  });
});
