import { describe, expect, it } from "vitest";
import {
  type EvaluationContext,
  evaluateCriterion,
  matchesWhere,
  workUnits,
} from "../../src/domain/criteria.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import type { Rule, Where } from "../../src/domain/ladder/schema.js";
import type { Profile } from "../../src/domain/profile.js";
import type { FiscalCalendar, Quarter } from "../../src/domain/quarter.js";
import {
  criterion,
  dayInQ4,
  issue,
  manual,
  note,
  pr,
  profile,
  profilesOf,
  review,
  standardLadder,
} from "./fixtures.js";

const Q4: Quarter = { year: 2026, q: 4 };
const UTC: FiscalCalendar = { startMonth: 1, timeZone: "UTC" };

const ctx = (over: Partial<EvaluationContext> = {}): EvaluationContext => ({
  login: "dana",
  quarter: Q4,
  calendar: UTC,
  items: [],
  profiles: new Map(),
  ladder: standardLadder(),
  ...over,
});

const evaluate = (rule: Rule, items: readonly EvidenceItem[], over: Partial<EvaluationContext> = {}) =>
  evaluateCriterion(criterion("the-criterion", rule), ctx({ items, ...over }));

describe("matchesWhere: every filter narrows, absent filters do not", () => {
  it.each<[string, EvidenceItem, Where | undefined, boolean]>([
    ["no where at all", review(), undefined, true],
    ["an empty where", note(), {}, true],
    // class
    ["class: a PR of a listed class", pr({ class: "feature" }), { class: ["bugfix", "feature"] }, true],
    ["class: a PR of another class", pr({ class: "docs" }), { class: ["feature"] }, false],
    ["class: an issue of a listed class", issue({ class: "incident" }), { class: ["incident"] }, true],
    ["class: an issue of another class", issue({ class: "task" }), { class: ["incident"] }, false],
    ["class: a review has no class", review(), { class: ["feature"] }, false],
    ["class: a learning note has no class", note(), { class: ["feature"] }, false],
    // small
    ["small: true, PR small", pr({ small: true }), { small: true }, true],
    ["small: true, PR not small", pr({ small: false }), { small: true }, false],
    ["small: false, PR not small", pr({ small: false }), { small: false }, true],
    ["small: false, PR small", pr({ small: true }), { small: false }, false],
    ["small: false, an issue is not a PR", issue(), { small: false }, false],
    // reviewed
    ["reviewed: true, PR reviewed", pr({ reviewed: true }), { reviewed: true }, true],
    ["reviewed: true, PR not reviewed", pr({ reviewed: false }), { reviewed: true }, false],
    ["reviewed: false, PR not reviewed", pr({ reviewed: false }), { reviewed: false }, true],
    ["reviewed: false, PR reviewed", pr({ reviewed: true }), { reviewed: false }, false],
    ["reviewed: false, a review is not a PR", review(), { reviewed: false }, false],
    // labels
    ["labels: one of them", pr({ labels: ["ui", "perf"] }), { labels: ["perf", "x"] }, true],
    ["labels: case-insensitive (item upper)", pr({ labels: ["PERF"] }), { labels: ["perf"] }, true],
    ["labels: case-insensitive (rule upper)", issue({ labels: ["perf"] }), { labels: ["Perf"] }, true],
    ["labels: none of them", pr({ labels: ["ui"] }), { labels: ["perf"] }, false],
    ["labels: no labels at all", pr({ labels: [] }), { labels: ["perf"] }, false],
    ["labels: a review has no labels", review(), { labels: ["perf"] }, false],
    // escalated
    ["escalated: false, not escalated", issue({ escalated: false }), { escalated: false }, true],
    ["escalated: false, escalated", issue({ escalated: true }), { escalated: false }, false],
    ["escalated: true, escalated", issue({ escalated: true }), { escalated: true }, true],
    ["escalated: true, not escalated", issue({ escalated: false }), { escalated: true }, false],
    ["escalated: false, a PR is not an issue", pr(), { escalated: false }, false],
    // min_linked_prs
    ["min_linked_prs: exactly the minimum", issue({ linked_prs: 2 }), { min_linked_prs: 2 }, true],
    ["min_linked_prs: more", issue({ linked_prs: 3 }), { min_linked_prs: 2 }, true],
    ["min_linked_prs: fewer", issue({ linked_prs: 1 }), { min_linked_prs: 2 }, false],
    ["min_linked_prs: 0 holds for any issue", issue({ linked_prs: 0 }), { min_linked_prs: 0 }, true],
    ["min_linked_prs: 0, a PR is not an issue", pr(), { min_linked_prs: 0 }, false],
    // pr_author_level
    ["pr_author_level: listed", review({ pr_author_level: "IC0" }), { pr_author_level: ["IC0"] }, true],
    ["pr_author_level: not listed", review({ pr_author_level: "IC1" }), { pr_author_level: ["IC0"] }, false],
    ["pr_author_level: unknown author level", review(), { pr_author_level: ["IC0"] }, false],
    ["pr_author_level: a PR is not a review", pr(), { pr_author_level: ["IC0"] }, false],
    // teaching
    ["teaching: true, a teaching review", review({ teaching: true }), { teaching: true }, true],
    ["teaching: true, an ordinary review", review({ teaching: false }), { teaching: true }, false],
    ["teaching: false, an ordinary review", review({ teaching: false }), { teaching: false }, true],
    ["teaching: false, a teaching review", review({ teaching: true }), { teaching: false }, false],
    ["teaching: false, a PR is not a review", pr(), { teaching: false }, false],
    // sole_assignee
    ["sole_assignee: true, one assignee", issue({ assignees: 1 }), { sole_assignee: true }, true],
    ["sole_assignee: true, two assignees", issue({ assignees: 2 }), { sole_assignee: true }, false],
    ["sole_assignee: false, two assignees", issue({ assignees: 2 }), { sole_assignee: false }, true],
    ["sole_assignee: false, one assignee", issue({ assignees: 1 }), { sole_assignee: false }, false],
    ["sole_assignee: false, a PR is not an issue", pr(), { sole_assignee: false }, false],
    // every filter must hold
    [
      "all filters hold",
      pr({ class: "feature", small: true, reviewed: true, labels: ["a"] }),
      { class: ["feature"], small: true, reviewed: true, labels: ["a"] },
      true,
    ],
    [
      "class holds, small does not",
      pr({ class: "feature", small: false }),
      { class: ["feature"], small: true },
      false,
    ],
    [
      "small holds, class does not",
      pr({ class: "docs", small: true }),
      { class: ["feature"], small: true },
      false,
    ],
    [
      "class holds, labels do not",
      pr({ class: "feature", labels: [] }),
      { class: ["feature"], labels: ["a"] },
      false,
    ],
    [
      "escalated holds, linked PRs do not",
      issue({ escalated: false, linked_prs: 0 }),
      { escalated: false, min_linked_prs: 1 },
      false,
    ],
  ])("%s → %s", (_name, item, where, expected) => {
    expect(matchesWhere(item, where)).toBe(expected);
  });
});

describe("count rule", () => {
  const rule = (min: number, where?: Where): Rule => ({
    kind: "count",
    evidence: "pull_request",
    min,
    where,
  });
  const features = (n: number) => Array.from({ length: n }, () => pr({ class: "feature" }));

  it.each<[string, Rule, EvidenceItem[], number, boolean]>([
    ["none", rule(3), [], 0, false],
    ["one short of the minimum", rule(3), features(2), 2, false],
    ["exactly the minimum", rule(3), features(3), 3, true],
    ["more than the minimum", rule(3), features(4), 4, true],
    ["other kinds are not counted", rule(1), [review(), issue(), note(), manual("the-criterion")], 0, false],
    [
      "only items the where keeps are counted",
      rule(2, { class: ["feature"] }),
      [pr({ class: "feature" }), pr({ class: "bugfix" }), pr({ class: "docs" })],
      1,
      false,
    ],
  ])("%s", (_name, r, items, value, met) => {
    const result = evaluate(r, items);
    expect(result.value).toBe(value);
    expect(result.met).toBe(met);
  });

  it("reports the rule, its target and the items behind the number", () => {
    const kept = pr({ class: "feature" });
    const result = evaluate(rule(2, { class: ["feature"] }), [kept, pr({ class: "docs" }), review()]);
    expect(result).toEqual({
      id: "the-criterion",
      title: "Title of the-criterion",
      kind: "measured",
      rule: "count",
      value: 1,
      target: 2,
      comparator: ">=",
      met: false,
      evidence: [kept],
      people: [],
    });
  });
});

describe("aggregate rule (median vs mean, min_sample, max/min)", () => {
  type Stat = "median" | "mean";
  const rounds = (...xs: number[]) => xs.map((review_rounds) => pr({ review_rounds }));
  const atMost = (max: number, stat: Stat = "median", min_sample = 1): Rule => ({
    kind: "aggregate",
    evidence: "pull_request",
    field: "review_rounds",
    stat,
    max,
    min_sample,
  });
  const atLeast = (min: number, stat: Stat = "median", min_sample = 1): Rule => ({
    kind: "aggregate",
    evidence: "pull_request",
    field: "review_rounds",
    stat,
    min,
    min_sample,
  });

  it.each<[string, Rule, EvidenceItem[], number | null, boolean]>([
    // the statistic
    ["median of an odd sample is the middle (not the mean 4)", atMost(3), rounds(1, 2, 9), 2, true],
    ["mean of the same sample is 4 (not the median 2)", atMost(3, "mean"), rounds(1, 2, 9), 4, false],
    ["median of an even sample averages the middle two", atMost(3), rounds(1, 2, 3, 10), 2.5, true],
    ["mean of the same even sample", atMost(3, "mean"), rounds(1, 2, 3, 10), 4, false],
    ["median sorts the sample first", atMost(5), rounds(9, 1, 2), 2, true],
    ["median sorts numbers as numbers, not as text", atMost(5), rounds(10, 9, 2), 9, false],
    ["median sorts an even sample as numbers", atMost(5), rounds(10, 1, 9, 2), 5.5, false],
    ["median of one item", atMost(5), rounds(7), 7, false],
    ["median of two items", atMost(5), rounds(2, 4), 3, true],
    ["mean is rounded to two decimals", atMost(5, "mean"), rounds(1, 1, 2), 1.33, true],
    ["mean is rounded half up", atMost(5, "mean"), rounds(1, 2, 2), 1.67, true],
    ["median of halves is rounded", atMost(5), rounds(1, 2), 1.5, true],
    // max: met when at most
    ["max: below", atMost(2), rounds(1, 1, 1), 1, true],
    ["max: equal is met", atMost(2), rounds(2, 2, 2), 2, true],
    ["max: above", atMost(2), rounds(3, 3, 3), 3, false],
    ["max: just above (2.5 > 2)", atMost(2), rounds(2, 3), 2.5, false],
    // min: met when at least
    ["min: above", atLeast(2), rounds(3, 3), 3, true],
    ["min: equal is met", atLeast(2), rounds(2, 2), 2, true],
    ["min: below", atLeast(2), rounds(1, 1), 1, false],
    ["min: just below (1.5 < 2)", atLeast(2), rounds(1, 2), 1.5, false],
    // min_sample
    ["one short of min_sample: not measurable, not met", atMost(2, "median", 3), rounds(1, 1), null, false],
    ["min_sample reached exactly: measurable", atMost(2, "median", 3), rounds(1, 1, 1), 1, true],
    ["no items: not measurable, even under a max", atMost(2, "mean", 1), [], null, false],
    ["min rule below min_sample: not met", atLeast(0, "mean", 2), rounds(5), null, false],
    // what is aggregated
    [
      "only the rule's evidence kind is aggregated",
      atMost(2, "median", 2),
      [...rounds(1), review(), issue()],
      null,
      false,
    ],
    [
      "only items the where keeps are aggregated",
      { ...atMost(2, "median", 1), where: { small: true } } as Rule,
      [pr({ small: true, review_rounds: 1 }), pr({ small: false, review_rounds: 9 })],
      1,
      true,
    ],
  ])("%s", (_name, r, items, value, met) => {
    const result = evaluate(r, items);
    expect(result.value).toBe(value);
    expect(result.met).toBe(met);
  });

  it("keeps only the rule's evidence kind as the items behind the number", () => {
    const first = pr({ review_rounds: 1 });
    const second = pr({ review_rounds: 2 });
    const result = evaluate(atMost(2, "median", 1), [first, review(), issue(), note(), second]);
    expect(result.evidence).toEqual([first, second]);
    expect(result.sample).toEqual({ size: 2, needed: 1 });
  });

  it("is not measurable over items that lack the field", () => {
    const r: Rule = {
      kind: "aggregate",
      evidence: "review",
      field: "review_rounds",
      stat: "mean",
      max: 2,
      min_sample: 1,
    };
    expect(evaluate(r, [review(), review()])).toMatchObject({
      value: null,
      met: false,
      sample: { size: 0, needed: 1 },
    });
  });

  it("aggregates the rule's field, hours_to_merge", () => {
    const r: Rule = {
      kind: "aggregate",
      evidence: "pull_request",
      field: "hours_to_merge",
      stat: "mean",
      max: 24,
      min_sample: 2,
    };
    const result = evaluate(r, [pr({ hours_to_merge: 10, review_rounds: 1 }), pr({ hours_to_merge: 20 })]);
    expect(result.value).toBe(15);
    expect(result.met).toBe(true);
  });

  it("reports comparator, target, sample and evidence", () => {
    const items = rounds(1, 3);
    expect(evaluate(atMost(2, "median", 5), items)).toEqual({
      id: "the-criterion",
      title: "Title of the-criterion",
      kind: "measured",
      rule: "aggregate",
      value: null,
      target: 2,
      comparator: "<=",
      met: false,
      sample: { size: 2, needed: 5 },
      evidence: items,
      people: [],
    });
    expect(evaluate(atLeast(1.5, "mean", 2), items)).toMatchObject({
      value: 2,
      target: 1.5,
      comparator: ">=",
      met: true,
      sample: { size: 2, needed: 2 },
    });
  });
});

describe("weekly rule", () => {
  const rule = (min_weeks: number, where?: Where): Rule => ({
    kind: "weekly",
    evidence: "learning_note",
    min_weeks,
    where,
  });
  const notesOn = (...days: number[]) => days.map((d) => note({ at: dayInQ4(d) }));

  it.each<[string, Rule, EvidenceItem[], number, boolean]>([
    ["no notes", rule(1), [], 0, false],
    ["two notes in one week count once", rule(2), notesOn(0, 6), 1, false],
    ["day 7 starts the second week", rule(2), notesOn(0, 7), 2, true],
    ["exactly min_weeks", rule(3), notesOn(0, 7, 14), 3, true],
    ["one short of min_weeks", rule(3), notesOn(0, 8, 9, 10), 2, false],
    ["more than min_weeks", rule(2), notesOn(0, 7, 14, 21), 4, true],
    ["the long last week (days 84–91) is one week", rule(2), notesOn(84, 91), 1, false],
    ["other kinds do not count", rule(1), [pr(), review(), manual("the-criterion")], 0, false],
    [
      "only items the where keeps count",
      { kind: "weekly", evidence: "pull_request", min_weeks: 2, where: { small: true } },
      [pr({ small: true, at: dayInQ4(0) }), pr({ small: false, at: dayInQ4(7) })],
      1,
      false,
    ],
  ])("%s", (_name, r, items, value, met) => {
    const result = evaluate(r, items);
    expect(result.value).toBe(value);
    expect(result.met).toBe(met);
  });

  it("counts weeks in the organisation's time zone, not UTC", () => {
    // 2026-10-07T23:30Z is already 2026-10-08 (day 7: the second week) in Berlin, still day 6 (the first week, like day 0) in UTC.
    const items = [note({ at: dayInQ4(0) }), note({ at: "2026-10-07T23:30:00Z" })];
    expect(evaluate(rule(2), items).value).toBe(1);
    expect(evaluate(rule(2), items, { calendar: { startMonth: 1, timeZone: "Europe/Berlin" } }).value).toBe(
      2,
    );
  });

  it("reports target, comparator and evidence", () => {
    const items = notesOn(0, 7);
    expect(evaluate(rule(5), items)).toEqual({
      id: "the-criterion",
      title: "Title of the-criterion",
      kind: "measured",
      rule: "weekly",
      value: 2,
      target: 5,
      comparator: ">=",
      met: false,
      evidence: items,
      people: [],
    });
  });
});

describe("manual rule", () => {
  const rule = (min: number): Rule => ({ kind: "manual", min });

  it.each<[string, Rule, EvidenceItem[], number, boolean]>([
    ["none", rule(1), [], 0, false],
    ["one for this criterion", rule(1), [manual("the-criterion")], 1, true],
    ["one short of min", rule(2), [manual("the-criterion")], 1, false],
    ["exactly min", rule(2), [manual("the-criterion"), manual("the-criterion")], 2, true],
    ["items for another criterion do not count", rule(1), [manual("other-criterion")], 0, false],
    ["observed items do not count", rule(1), [pr(), issue(), note()], 0, false],
  ])("%s", (_name, r, items, value, met) => {
    const result = evaluate(r, items);
    expect(result.value).toBe(value);
    expect(result.met).toBe(met);
  });

  it("is reported as manual, with its items", () => {
    const mine = manual("the-criterion");
    expect(evaluate(rule(1), [mine, manual("other")])).toEqual({
      id: "the-criterion",
      title: "Title of the-criterion",
      kind: "manual",
      rule: "manual",
      value: 1,
      target: 1,
      comparator: ">=",
      met: true,
      evidence: [mine],
      people: [],
    });
  });
});

describe("people rule", () => {
  type Who = "reports" | "promoted-reports" | "promoted-mentees";
  const rule = (
    who: Who,
    min: number,
    over: { track?: "ic" | "manager"; within_quarters?: number; include_track_changes?: boolean } = {},
  ): Rule => ({
    kind: "people",
    who,
    min,
    within_quarters: over.within_quarters ?? 4,
    ...(over.track ? { track: over.track } : {}),
    ...(over.include_track_changes ? { include_track_changes: true } : {}),
  });
  /** A report of dana promoted from `from` to `to` on `since`. */
  const promoted = (login: string, since: string, from = "IC0", to = "IC1", rel: Partial<Profile> = {}) =>
    profile(login, {
      level: to,
      since,
      history: [{ level: from, since: "2020-01-01" }],
      manager: "dana",
      ...rel,
    });
  const logins = (r: Rule, people: Profile[], over: Partial<EvaluationContext> = {}) =>
    evaluate(r, [], { profiles: profilesOf(...people), ...over }).people;

  it.each<[string, Rule, Profile[], string[]]>([
    // reports
    [
      "reports: people whose manager is dana",
      rule("reports", 1),
      [profile("a", { manager: "dana" }), profile("b", { manager: "erin" }), profile("c", { manager: null })],
      ["a"],
    ],
    [
      "reports: the manager login is matched exactly",
      rule("reports", 1),
      [profile("a", { manager: "dana" }), profile("b", { manager: "danax" })],
      ["a"],
    ],
    [
      "reports: mentees are not reports",
      rule("reports", 1),
      [profile("a", { manager: "erin", mentor: "dana" })],
      [],
    ],
    [
      "reports on a track: only reports whose level is on it",
      rule("reports", 1, { track: "manager" }),
      [profile("a", { manager: "dana", level: "M1" }), profile("b", { manager: "dana", level: "IC3" })],
      ["a"],
    ],
    [
      "reports on the ic track",
      rule("reports", 1, { track: "ic" }),
      [profile("a", { manager: "dana", level: "M1" }), profile("b", { manager: "dana", level: "IC3" })],
      ["b"],
    ],
    [
      "reports on a track: a level not in the ladder is on no track",
      rule("reports", 1, { track: "ic" }),
      [profile("a", { manager: "dana", level: "X9" })],
      [],
    ],
    [
      "reports without a track: every report, whatever the level",
      rule("reports", 1),
      [profile("a", { manager: "dana", level: "X9" }), profile("b", { manager: "dana", level: "M1" })],
      ["a", "b"],
    ],
    [
      "reports need no promotion",
      rule("reports", 1),
      [profile("a", { manager: "dana", level: "IC1", since: "2010-01-01" })],
      ["a"],
    ],
    // promoted-reports: who
    [
      "promoted-reports: a report promoted this quarter",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15")],
      ["a"],
    ],
    [
      "promoted-reports: not someone else's report",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC0", "IC1", { manager: "erin", mentor: "dana" })],
      [],
    ],
    [
      "promoted-reports: a report never promoted",
      rule("promoted-reports", 1),
      [profile("a", { manager: "dana", level: "IC1", since: "2026-11-15" })],
      [],
    ],
    // promoted-mentees: who
    [
      "promoted-mentees: a mentee promoted this quarter",
      rule("promoted-mentees", 1),
      [promoted("a", "2026-11-15", "IC0", "IC1", { manager: "erin", mentor: "dana" })],
      ["a"],
    ],
    [
      "promoted-mentees: a promoted report who is not a mentee",
      rule("promoted-mentees", 1),
      [promoted("a", "2026-11-15", "IC0", "IC1", { manager: "dana", mentor: "erin" })],
      [],
    ],
    // what a promotion is
    [
      "a demotion is not a promotion",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC2", "IC1")],
      [],
    ],
    [
      "a move to the same level is not a promotion",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC1", "IC1")],
      [],
    ],
    [
      "a move onto the manager track is a role change, not a level-up (IC4 → M2)",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC4", "M2")],
      [],
    ],
    [
      "a move onto the manager track at a lower rank is a role change (IC4 → M1)",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC4", "M1")],
      [],
    ],
    [
      "a track change counts when the rule says so (IC4 → M1, include_track_changes)",
      rule("promoted-reports", 1, { include_track_changes: true }),
      [promoted("a", "2026-11-15", "IC4", "M1")],
      ["a"],
    ],
    [
      "a counted track change must be onto the rule's track (M2 → IC4 is not onto manager)",
      rule("promoted-reports", 1, { track: "manager", include_track_changes: true }),
      [promoted("a", "2026-11-15", "M2", "IC4")],
      [],
    ],
    [
      "a move off the manager track at equal rank is not (M2 → IC4)",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "M2", "IC4")],
      [],
    ],
    [
      "a move within the manager track at a lower rank is not (M2 → M1)",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "M2", "M1")],
      [],
    ],
    [
      "a promotion within the manager track (M1 → M2)",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "M1", "M2")],
      ["a"],
    ],
    [
      "a change from a level not in the ladder is not a promotion",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "X9", "IC1")],
      [],
    ],
    [
      "a change to a level not in the ladder is not a promotion",
      rule("promoted-reports", 1),
      [promoted("a", "2026-11-15", "IC1", "X9")],
      [],
    ],
    // track
    [
      "track manager: a promotion to an IC level does not count",
      rule("promoted-reports", 1, { track: "manager" }),
      [promoted("a", "2026-11-15", "IC0", "IC1")],
      [],
    ],
    [
      "track manager: a promotion to a manager level counts",
      rule("promoted-reports", 1, { track: "manager" }),
      [promoted("a", "2026-11-15", "M1", "M2")],
      ["a"],
    ],
    [
      "track ic: a promotion to an IC level counts",
      rule("promoted-mentees", 1, { track: "ic" }),
      [promoted("a", "2026-11-15", "IC0", "IC1", { manager: null, mentor: "dana" })],
      ["a"],
    ],
    // within_quarters, inclusive of the quarter's first day, exclusive of the next quarter's
    [
      "within 1 quarter: on the quarter's first day",
      rule("promoted-reports", 1, { within_quarters: 1 }),
      [promoted("a", "2026-10-01")],
      ["a"],
    ],
    [
      "within 1 quarter: on its last day",
      rule("promoted-reports", 1, { within_quarters: 1 }),
      [promoted("a", "2026-12-31")],
      ["a"],
    ],
    [
      "within 1 quarter: the day before it",
      rule("promoted-reports", 1, { within_quarters: 1 }),
      [promoted("a", "2026-09-30")],
      [],
    ],
    [
      "within 1 quarter: the next quarter's first day",
      rule("promoted-reports", 1, { within_quarters: 1 }),
      [promoted("a", "2027-01-01")],
      [],
    ],
    [
      "within 4 quarters: the first day of the quarter three back",
      rule("promoted-reports", 1, { within_quarters: 4 }),
      [promoted("a", "2026-01-01")],
      ["a"],
    ],
    [
      "within 4 quarters: the day before that",
      rule("promoted-reports", 1, { within_quarters: 4 }),
      [promoted("a", "2025-12-31")],
      [],
    ],
    [
      "within 2 quarters: last quarter counts",
      rule("promoted-mentees", 1, { within_quarters: 2 }),
      [promoted("a", "2026-07-01", "IC0", "IC1", { manager: null, mentor: "dana" })],
      ["a"],
    ],
    [
      "within 2 quarters: the quarter before last does not",
      rule("promoted-mentees", 1, { within_quarters: 2 }),
      [promoted("a", "2026-06-30", "IC0", "IC1", { manager: null, mentor: "dana" })],
      [],
    ],
  ])("%s", (_name, r, people, expected) => {
    expect(logins(r, people)).toEqual(expected);
  });

  it("reads promotions from the history as well as the current level", () => {
    const r = rule("promoted-reports", 1, { within_quarters: 1 });
    // Promoted IC0 → IC1 this quarter (in history), then moved sideways; no `since` for the current level.
    const inHistory = profile("a", {
      manager: "dana",
      level: "IC1",
      history: [
        { level: "IC0", since: "2024-01-01" },
        { level: "IC1", since: "2026-10-10" },
      ],
    });
    // The only change (IC0 → IC1) was long ago; the current level has no `since`.
    const old = profile("b", {
      manager: "dana",
      level: "IC2",
      history: [
        { level: "IC0", since: "2020-01-01" },
        { level: "IC1", since: "2021-01-01" },
      ],
    });
    // History repeats a level: no change, so no promotion this quarter.
    const repeated = profile("c", {
      manager: "dana",
      level: "IC1",
      since: "2026-11-01",
      history: [{ level: "IC1", since: "2020-01-01" }],
    });
    // Only the current level, no history: nothing to compare with.
    const fresh = profile("d", { manager: "dana", level: "IC1", since: "2026-11-01" });
    expect(logins(r, [inHistory, old, repeated, fresh])).toEqual(["a"]);
  });

  it("counts a promotion on any step, the latest one or an earlier one", () => {
    const r = rule("promoted-reports", 1, { within_quarters: 1 });
    const twoSteps = profile("a", {
      manager: "dana",
      level: "IC2",
      since: "2026-12-01",
      history: [
        { level: "IC0", since: "2020-01-01" },
        { level: "IC1", since: "2026-10-02" },
      ],
    });
    const earlierOnly = profile("b", {
      manager: "dana",
      level: "IC1",
      since: "2026-12-01",
      history: [
        { level: "IC1", since: "2020-01-01" },
        { level: "IC2", since: "2026-10-02" },
      ],
    });
    // a: IC0 → IC1 and IC1 → IC2 both this quarter; b: IC1 → IC2 this quarter, then IC2 → IC1 (not a promotion).
    expect(logins(r, [twoSteps, earlierOnly])).toEqual(["a", "b"]);
  });

  it("reads promotion dates as local days in the organisation's time zone", () => {
    const r = rule("promoted-reports", 1, { within_quarters: 1 });
    // New York: the quarter starts at 2026-10-01T04:00Z; local midnight of 10-01 is inside it, UTC midnight is not.
    const ny = { calendar: { startMonth: 1, timeZone: "America/New_York" } };
    expect(logins(r, [promoted("a", "2026-10-01")], ny)).toEqual(["a"]);
    // Tokyo: the next quarter starts at 2026-12-31T15:00Z; local midnight of 2027-01-01 is outside this one.
    const tokyo = { calendar: { startMonth: 1, timeZone: "Asia/Tokyo" } };
    expect(logins(r, [promoted("a", "2027-01-01")], tokyo)).toEqual([]);
    expect(logins(r, [promoted("a", "2026-12-31")], tokyo)).toEqual(["a"]);
  });

  it("uses the fiscal calendar for the window", () => {
    const r = rule("promoted-reports", 1, { within_quarters: 1 });
    // Fiscal year from July: 2027-Q2 is October–December 2026.
    const fy = { calendar: { startMonth: 7, timeZone: "UTC" }, quarter: { year: 2027, q: 2 } };
    expect(logins(r, [promoted("a", "2026-10-01")], fy)).toEqual(["a"]);
    expect(logins(r, [promoted("a", "2026-09-30")], fy)).toEqual([]);
  });

  it.each<[string, number, number, boolean]>([
    ["one short of min", 3, 2, false],
    ["exactly min", 2, 2, true],
    ["more than min", 1, 2, true],
  ])("met: %s", (_name, min, reports, met) => {
    const people = Array.from({ length: reports }, (_, i) => profile(`r${i}`, { manager: "dana" }));
    const result = evaluate(rule("reports", min), [], { profiles: profilesOf(...people) });
    expect(result.value).toBe(reports);
    expect(result.met).toBe(met);
  });

  it("reports the people behind the number and no evidence items", () => {
    const result = evaluate(rule("reports", 3), [pr()], {
      profiles: profilesOf(profile("a", { manager: "dana" }), profile("b", { manager: "dana" })),
    });
    expect(result).toEqual({
      id: "the-criterion",
      title: "Title of the-criterion",
      kind: "measured",
      rule: "people",
      value: 2,
      target: 3,
      comparator: ">=",
      met: false,
      evidence: [],
      people: ["a", "b"],
    });
  });
});

describe("pieces of work: pull requests closing a common issue are one", () => {
  it.each<[string, string[][], number]>([
    ["none", [], 0],
    ["each closing nothing", [[], [], []], 3],
    ["two closing the same issue", [["A"], ["A"]], 1],
    ["two closing different issues", [["A"], ["B"]], 2],
    ["a chain through a shared issue", [["A"], ["A", "B"], ["B"]], 1],
    ["a chain listed the other way round", [["B"], ["A"], ["A", "B"]], 1],
    ["two groups and a loner", [["A"], ["A"], ["B"], ["B", "C"], []], 3],
  ])("%s → %i", (_name, closes, units) => {
    expect(workUnits(closes.map((c) => pr({ closes: c })))).toBe(units);
  });

  it("counts other items one by one", () => {
    expect(workUnits([pr({ closes: ["A"] }), issue(), review(), pr({ closes: ["A"] })])).toBe(3);
  });

  it("counts pull requests as pieces of work, and says so when they differ", () => {
    const rule: Rule = { kind: "count", evidence: "pull_request", min: 2 };
    const shared = [pr({ closes: ["A"] }), pr({ closes: ["A"] })];
    expect(evaluate(rule, shared)).toMatchObject({ value: 1, met: false, units: { items: 2, groups: 1 } });
    const separate = [pr({ closes: ["A"] }), pr({ closes: ["B"] })];
    const result = evaluate(rule, separate);
    expect(result).toMatchObject({ value: 2, met: true });
    expect(result.units).toBeUndefined();
    // Other kinds are counted one by one, whatever they close.
    expect(evaluate({ kind: "count", evidence: "issue", min: 2 }, [issue(), issue()]).value).toBe(2);
  });
});
