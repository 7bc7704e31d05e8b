import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import type { Consistency, Ladder } from "../../src/domain/ladder/schema.js";
import type { Goals, Profile } from "../../src/domain/profile.js";
import {
  buildReport,
  calendarOf,
  consistencyOf,
  countedItems,
  historyQuarters,
  ledgerQuarters,
  type Report,
  type ReportInput,
  reportJson,
} from "../../src/domain/report.js";
import { defaultSettings, type Settings } from "../../src/domain/settings.js";
import { criterion, issue, ladderOf, level, pr, profile, profilesOf, review } from "./fixtures.js";

/** IC0 → IC1 (top of its track). IC0's path: a feature PR and a review each quarter. */
const ladder = (consistency: Consistency = { quarters: 2, of: 3 }): Ladder =>
  ladderOf(
    level({
      id: "IC0",
      title: "Intern",
      next: "IC1",
      consistency,
      criteria: [
        criterion("ship", { kind: "count", evidence: "pull_request", min: 1, where: { class: ["feature"] } }),
        criterion("review", { kind: "count", evidence: "review", min: 1 }),
        criterion("rounds", {
          kind: "aggregate",
          evidence: "pull_request",
          field: "review_rounds",
          stat: "median",
          max: 9,
          min_sample: 1,
        }),
      ],
      signals: [criterion("incidents", { kind: "count", evidence: "issue", min: 2 })],
    }),
    level({
      id: "IC1",
      title: "Engineer",
      rank: 1,
      next: null,
      consistency: { quarters: 1, of: 1 },
      criteria: [criterion("ship-more", { kind: "count", evidence: "pull_request", min: 1 })],
    }),
    level({ id: "IC5", title: "Empty", rank: 5, next: "IC1", consistency: { quarters: 1, of: 1 } }),
  );

/** Every criterion of IC0 met; `half` meets only some. */
const met = (): EvidenceItem[] => [pr({ class: "feature" }), review()];
const half = (): EvidenceItem[] => [pr({ class: "feature" })];

interface Setup {
  byQuarter?: Record<string, EvidenceItem[]>;
  settings?: Partial<Settings>;
  ladder?: Ladder;
  profiles?: Profile[];
  goals?: ReportInput["goals"];
}

const input = (s: Setup = {}): ReportInput => ({
  settings: { ...defaultSettings(), ...s.settings },
  ladder: s.ladder ?? ladder(),
  profiles: profilesOf(...(s.profiles ?? [profile("alice", { level: "IC0", manager: "dana" })])),
  items: (login, quarter) => (login === "alice" ? s.byQuarter?.[quarter] : undefined),
  goals: s.goals ?? (() => undefined),
});

const report = (s: Setup = {}, login = "alice", quarter = { year: 2026, q: 4 }): Report => {
  const r = buildReport(input(s), login, quarter);
  if ("error" in r) throw new Error(r.error);
  return r;
};

/** Quarters most recent first, from 2026-Q4 back. */
const LABELS = ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"];
type Q = "met" | "half" | "none";
const history = (...qs: Q[]): Record<string, EvidenceItem[]> =>
  Object.fromEntries(
    qs.flatMap((q, i) => (q === "none" ? [] : [[LABELS[i] as string, q === "met" ? met() : half()]])),
  );

describe("readiness: every criterion met in `quarters` of the last `of` quarters", () => {
  it.each<[string, Consistency, Q[], number, boolean]>([
    ["2 of 3: this quarter and last", { quarters: 2, of: 3 }, ["met", "met"], 2, true],
    ["2 of 3: this quarter and the one before last", { quarters: 2, of: 3 }, ["met", "none", "met"], 2, true],
    ["2 of 3: the two quarters before this one", { quarters: 2, of: 3 }, ["half", "met", "met"], 2, true],
    ["2 of 3: all three", { quarters: 2, of: 3 }, ["met", "met", "met"], 3, true],
    ["2 of 3: only this quarter", { quarters: 2, of: 3 }, ["met", "half", "half"], 1, false],
    ["2 of 3: only last quarter", { quarters: 2, of: 3 }, ["none", "met", "none"], 1, false],
    [
      "2 of 3: the fourth quarter back is outside the window",
      { quarters: 2, of: 3 },
      ["met", "half", "half", "met"],
      1,
      false,
    ],
    ["2 of 3: half met is not met", { quarters: 2, of: 3 }, ["half", "half", "half"], 0, false],
    ["2 of 3: nothing at all", { quarters: 2, of: 3 }, [], 0, false],
    [
      "3 of 4: the fourth quarter back counts",
      { quarters: 3, of: 4 },
      ["met", "met", "none", "met"],
      3,
      true,
    ],
    ["3 of 4: the fifth does not", { quarters: 3, of: 4 }, ["met", "met", "none", "none", "met"], 2, false],
    ["1 of 1: this quarter", { quarters: 1, of: 1 }, ["met"], 1, true],
    ["1 of 1: last quarter is outside", { quarters: 1, of: 1 }, ["half", "met"], 0, false],
    ["3 of 3: one miss is too many", { quarters: 3, of: 3 }, ["met", "met", "half"], 2, false],
    ["1 of 3: last quarter is enough", { quarters: 1, of: 3 }, ["none", "met"], 1, true],
  ])("%s", (_name, consistency, qs, quartersMet, ready) => {
    const r = report({ ladder: ladder(consistency), byQuarter: history(...qs) });
    expect(r.readiness.rule).toEqual(consistency);
    expect(r.readiness.quartersMet).toBe(quartersMet);
    expect(r.readiness.ready).toBe(ready);
    expect(r.readiness.quarters).toEqual(
      LABELS.slice(0, consistency.of).map((quarter, i) => ({
        quarter,
        met: qs[i] === "met",
        // A quarter without a ledger is "no data", never a failure.
        status: qs[i] === "met" ? "met" : qs[i] === "half" ? "not-met" : "no-data",
      })),
    );
  });

  it("uses the settings' consistency over the level's", () => {
    const s = { ladder: ladder({ quarters: 3, of: 3 }), byQuarter: history("met", "half", "half") };
    expect(report(s).readiness.ready).toBe(false);
    const r = report({ ...s, settings: { consistency: { quarters: 1, of: 2 } } });
    expect(r.readiness.rule).toEqual({ quarters: 1, of: 2 });
    expect(r.readiness.quarters).toEqual([
      { quarter: "2026-Q4", met: true, status: "met" },
      { quarter: "2026-Q3", met: false, status: "not-met" },
    ]);
    expect(r.readiness.ready).toBe(true);
  });

  it("is never ready at the top of a track, whatever is met", () => {
    const r = report({
      profiles: [profile("alice", { level: "IC1" })],
      byQuarter: { "2026-Q4": [pr()] },
    });
    expect(r.readiness.quarters).toEqual([{ quarter: "2026-Q4", met: true, status: "met" }]);
    expect(r.readiness.quartersMet).toBe(1);
    expect(r.readiness.ready).toBe(false);
    expect(r.next).toBeNull();
    expect(r.nextTitle).toBeNull();
  });

  it("does not count a quarter as met when the level has no criteria", () => {
    const r = report({ profiles: [profile("alice", { level: "IC5" })], byQuarter: history("met") });
    expect(r.criteria).toEqual([]);
    expect(r.readiness.quarters).toEqual([{ quarter: "2026-Q4", met: false, status: "not-met" }]);
    expect(r.readiness.ready).toBe(false);
  });

  it("crosses the year boundary", () => {
    const r = report({ byQuarter: { "2026-Q4": met(), "2026-Q3": met() } }, "alice", { year: 2027, q: 1 });
    expect(r.quarter).toBe("2027-Q1");
    expect(r.readiness.quarters.map((q) => q.quarter)).toEqual(["2027-Q1", "2026-Q4", "2026-Q3"]);
    expect(r.readiness.quartersMet).toBe(2);
    expect(r.readiness.ready).toBe(true);
    expect(r.criteria.map((c) => [c.value, c.previous])).toEqual([
      [0, 1],
      [0, 1],
      [null, 1],
    ]);
  });
});

describe("the report", () => {
  it("names the level, the next level and the quarter", () => {
    const r = report();
    expect([r.login, r.level, r.levelTitle, r.next, r.nextTitle, r.quarter]).toEqual([
      "alice",
      "IC0",
      "Intern",
      "IC1",
      "Engineer",
      "2026-Q4",
    ]);
  });

  it("gives each criterion last quarter's value for the change since then", () => {
    const r = report({
      byQuarter: {
        "2026-Q4": [
          pr({ class: "feature" }),
          pr({ class: "feature" }),
          pr({ class: "feature", review_rounds: 5 }),
        ],
        "2026-Q3": [review(), review(), pr({ class: "bugfix", review_rounds: 3 })],
        "2026-Q2": [pr({ class: "feature" }), pr({ class: "feature" }), pr({ class: "feature" }), pr()],
      },
    });
    expect(r.criteria.map((c) => [c.id, c.value, c.previous])).toEqual([
      ["ship", 3, 0],
      ["review", 0, 2],
      ["rounds", 1, 3],
    ]);
  });

  it("has no previous value when last quarter was not measurable or had no ledger", () => {
    // No ledger last quarter: no data, so no change against it (not "+1 since last quarter").
    const r = report({ byQuarter: { "2026-Q4": [pr({ class: "feature" })] } });
    expect(r.criteria.map((c) => [c.id, c.value, c.previous])).toEqual([
      ["ship", 1, null],
      ["review", 0, null],
      ["rounds", 1, null],
    ]);
    const withLedger = report({ byQuarter: { "2026-Q4": [pr({ class: "feature" })], "2026-Q3": [] } });
    expect(withLedger.criteria.map((c) => [c.id, c.value, c.previous])).toEqual([
      ["ship", 1, 0],
      ["review", 0, 0],
      ["rounds", 1, null],
    ]);
  });

  it("evaluates the level's signals on this quarter only", () => {
    const r = report({ byQuarter: { "2026-Q4": [issue(), issue()], "2026-Q3": [issue()] } });
    expect(r.signals).toHaveLength(1);
    expect(r.signals[0]).toMatchObject({ id: "incidents", value: 2, met: true });
    expect(report({ byQuarter: { "2026-Q3": [issue(), issue()] } }).signals[0]).toMatchObject({
      value: 0,
      met: false,
    });
  });

  it("carries this quarter's goals and items", () => {
    const items = met();
    const goals: Goals = { focus: ["ship"], text: "ship it" };
    const asked: string[] = [];
    const r = report({
      byQuarter: { "2026-Q4": items, "2026-Q3": [review()] },
      goals: (login, quarter) => {
        asked.push(`${login} ${quarter}`);
        return quarter === "2026-Q4" ? goals : undefined;
      },
    });
    expect(r.goals).toEqual(goals);
    expect(asked).toEqual(["alice 2026-Q4"]);
    expect(r.items).toEqual(items);
    expect(report({ byQuarter: { "2026-Q3": met() } }).items).toEqual([]);
  });

  it("reads another person's ledger, not alice's", () => {
    const r = report(
      {
        profiles: [profile("alice", { level: "IC0" }), profile("bob", { level: "IC0" })],
        byQuarter: history("met"),
      },
      "bob",
    );
    expect(r.login).toBe("bob");
    expect(r.criteria.map((c) => c.value)).toEqual([0, 0, null]);
  });

  it.each<[string, Profile[], string, string]>([
    ["no profile", [], "zoe", 'no profile for "zoe" (people/zoe/profile.md)'],
    [
      "a level not in the ladder",
      [profile("zoe", { level: "IC9" })],
      "zoe",
      `zoe's level "IC9" is not in the ladder`,
    ],
  ])("an error for %s", (_name, profiles, login, error) => {
    expect(buildReport(input({ profiles }), login, { year: 2026, q: 4 })).toEqual({ error });
  });

  it("has a machine-readable form", () => {
    expect(reportJson(report({ byQuarter: history("met", "met") }))).toMatchObject({
      login: "alice",
      level: "IC0",
      next: "IC1",
      quarter: "2026-Q4",
      criteria: [
        { id: "ship", kind: "measured", scope: "quarter", value: 1, target: 1, met: true },
        { id: "review", kind: "measured", scope: "quarter", value: 1, target: 1, met: true },
        { id: "rounds", kind: "measured", scope: "quarter", value: 1, target: 9, met: true },
      ],
      ready: true,
      readiness: {
        ready: true,
        needed: { quarters: 2, of: 3 },
        window: [
          { quarter: "2026-Q4", status: "met" },
          { quarter: "2026-Q3", status: "met" },
          { quarter: "2026-Q2", status: "no-data" },
        ],
      },
      items: { counted: 2, claimed: 0, unverified: 0 },
    });
  });
});

describe("an item recorded in two quarters counts in the earlier one only", () => {
  const twice = pr({ class: "feature", key: "PR_twice" });

  it("is left out of the later quarter, whichever ledger recorded it first", () => {
    const byQuarter = { "2026-Q4": [twice, review()], "2026-Q3": [twice, review()] };
    const r = report({ byQuarter });
    expect(r.criteria.map((c) => [c.id, c.value, c.previous])).toEqual([
      ["ship", 0, 1],
      ["review", 1, 1],
      ["rounds", null, 1],
    ]);
    expect(r.items.map((i) => i.kind)).toEqual(["review"]);
    expect(r.readiness.quarters.map((q) => q.met)).toEqual([false, true, false]);
  });

  it.each<[string, Record<string, EvidenceItem[]>, string[]]>([
    ["only this quarter", { "2026-Q4": [twice] }, ["PR_twice"]],
    ["also last quarter", { "2026-Q4": [twice], "2026-Q3": [twice] }, []],
    ["another key last quarter", { "2026-Q4": [twice], "2026-Q3": [pr({ key: "PR_other" })] }, ["PR_twice"]],
    ["no ledger this quarter", { "2026-Q3": [twice] }, []],
  ])("countedItems: %s", (_name, byQuarter, keys) => {
    expect(countedItems(input({ byQuarter }), "alice", { year: 2026, q: 4 }).map((i) => i.key)).toEqual(keys);
  });

  it("reads one more quarter of ledgers than the readiness window", () => {
    expect(ledgerQuarters(defaultSettings(), ladder({ quarters: 2, of: 3 }))).toBe(3);
    expect(ledgerQuarters(defaultSettings(), ladderOf())).toBe(2);
  });
});

describe("settings a report reads", () => {
  it("takes the calendar from the settings", () => {
    expect(calendarOf({ ...defaultSettings(), fiscal_year_start_month: 7, time_zone: "Asia/Tokyo" })).toEqual(
      {
        startMonth: 7,
        timeZone: "Asia/Tokyo",
      },
    );
  });

  it("evaluates weeks in the settings' time zone", () => {
    const weekly = ladderOf(
      level({
        id: "IC0",
        next: "IC1",
        criteria: [criterion("weekly", { kind: "weekly", evidence: "pull_request", min_weeks: 2 })],
      }),
      level({ id: "IC1", rank: 1 }),
    );
    // 2026-10-07T23:30Z is 2026-10-08 in Berlin: a second week there, still the first in UTC.
    const byQuarter = { "2026-Q4": [pr({ at: "2026-10-01T12:00:00Z" }), pr({ at: "2026-10-07T23:30:00Z" })] };
    expect(report({ ladder: weekly, byQuarter }).criteria[0]?.value).toBe(1);
    expect(
      report({ ladder: weekly, byQuarter, settings: { time_zone: "Europe/Berlin" } }).criteria[0]?.value,
    ).toBe(2);
  });

  it.each<[string, Consistency | undefined, Consistency, Consistency]>([
    ["the level's rule without an override", undefined, { quarters: 2, of: 3 }, { quarters: 2, of: 3 }],
    ["the settings' rule when set", { quarters: 1, of: 4 }, { quarters: 2, of: 3 }, { quarters: 1, of: 4 }],
  ])("consistency: %s", (_name, override, own, expected) => {
    const settings: Settings = { ...defaultSettings(), consistency: override };
    expect(consistencyOf(settings, level({ id: "IC0", consistency: own }))).toEqual(expected);
  });

  it.each<[string, Consistency[], Consistency | undefined, number]>([
    [
      "the longest window less the current quarter",
      [
        { quarters: 1, of: 2 },
        { quarters: 2, of: 5 },
      ],
      undefined,
      4,
    ],
    ["at least one quarter", [{ quarters: 1, of: 1 }], undefined, 1],
    ["at least one quarter, with no levels", [], undefined, 1],
    ["the settings' window overrides every level's", [{ quarters: 2, of: 8 }], { quarters: 1, of: 3 }, 2],
  ])("history: %s", (_name, rules, override, expected) => {
    const l = ladderOf(...rules.map((consistency, i) => level({ id: `IC${i}`, consistency })));
    expect(historyQuarters({ ...defaultSettings(), consistency: override }, l)).toBe(expected);
  });
});
