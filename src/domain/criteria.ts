import type { EvidenceItem } from "./evidence.js";
import type { Criterion, Ladder, Rule, Where } from "./ladder/schema.js";
import { dayStart, isLevelUp, levelAt, levelChanges, managerAt, mentorAt } from "./org-chart.js";
import type { Profile } from "./profile.js";
import {
  type FiscalCalendar,
  type Quarter,
  quarterEnd,
  quarterStart,
  shiftQuarter,
  weekOfQuarter,
} from "./quarter.js";

/** What a criterion's number is and whether it is met, with the items behind it. Definitions: docs/metrics.md. */
export interface CriterionResult {
  id: string;
  title: string;
  kind: "measured" | "manual";
  rule: Rule["kind"];
  /** The number a person reads: a count, a median, a number of weeks or of people; null when not yet measurable. */
  value: number | null;
  target: number;
  comparator: ">=" | "<=";
  met: boolean;
  /** For aggregates: how many items the statistic is over, and how many it needs. */
  sample?: { size: number; needed: number };
  /** For median aggregates once measurable: the sample's mean, shown beside the median. */
  mean?: number;
  /** Pull requests counted as pieces of work: `items` pull requests across `groups` (shared closing issues). */
  units?: { items: number; groups: number };
  /** A milestone, counted once across the readiness window instead of in each quarter. */
  scope?: "window";
  /** Items (or people's logins) behind the number, for links. */
  evidence: EvidenceItem[];
  people: string[];
}

export interface EvaluationContext {
  login: string;
  quarter: Quarter;
  calendar: FiscalCalendar;
  /** The person's evidence in `quarter`. */
  items: readonly EvidenceItem[];
  /**
   * The person's evidence across the readiness window (quarters at their level with data), for
   * milestones (`scope: window`): met once in the window, not every quarter. Defaults to `items`.
   */
  windowItems?: readonly EvidenceItem[];
  profiles: ReadonlyMap<string, Profile>;
  ladder: Ladder;
}

/** Lowered label sets by the ladder's list: made once per list, not once per item checked. */
const lowered = new WeakMap<readonly string[], Set<string>>();
const lower = (xs: readonly string[]) => {
  const known = lowered.get(xs);
  if (known) return known;
  const set = new Set(xs.map((x) => x.toLowerCase()));
  lowered.set(xs, set);
  return set;
};

export const matchesWhere = (item: EvidenceItem, where: Where | undefined): boolean => {
  if (!where) return true;
  if (where.class && !("class" in item && (where.class as readonly string[]).includes(item.class)))
    return false;
  if (where.small !== undefined && !(item.kind === "pull_request" && item.small === where.small))
    return false;
  if (where.reviewed !== undefined && !(item.kind === "pull_request" && item.reviewed === where.reviewed))
    return false;
  if (where.labels) {
    const wanted = lower(where.labels);
    if (!("labels" in item && item.labels.some((l) => wanted.has(l.toLowerCase())))) return false;
  }
  if (where.escalated !== undefined && !(item.kind === "issue" && item.escalated === where.escalated))
    return false;
  if (
    where.min_linked_prs !== undefined &&
    !(item.kind === "issue" && item.linked_prs >= where.min_linked_prs)
  ) {
    return false;
  }
  if (where.teaching !== undefined && !(item.kind === "review" && item.teaching === where.teaching))
    return false;
  if (
    where.sole_assignee !== undefined &&
    !(item.kind === "issue" && (item.assignees === 1) === where.sole_assignee)
  )
    return false;
  if (where.pr_author_level) {
    if (
      !(
        item.kind === "review" &&
        item.pr_author_level &&
        where.pr_author_level.includes(item.pr_author_level)
      )
    ) {
      return false;
    }
  }
  return true;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Pieces of work among pull requests: those that close a common issue (directly or through a chain)
 * are one; a pull request that closes nothing is one on its own.
 */
export const workUnits = (prs: readonly EvidenceItem[]): number => {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const pr of prs) {
    const node = `pr:${pr.key}`;
    add(node);
    for (const issue of pr.kind === "pull_request" ? pr.closes : []) {
      add(`issue:${issue}`);
      parent.set(find(node), find(`issue:${issue}`));
    }
  }
  return new Set(prs.map((pr) => find(`pr:${pr.key}`))).size;
};

/** GitHub logins are case-insensitive: `manager: Dana` names the person in `people/dana/`. */
const isLogin = (value: string | null | undefined, login: string): boolean =>
  typeof value === "string" && value.toLowerCase() === login.toLowerCase();

const peopleValue = (rule: Extract<Rule, { kind: "people" }>, ctx: EvaluationContext): string[] => {
  const tz = ctx.calendar.timeZone;
  const end = quarterEnd(ctx.quarter, ctx.calendar) - 1;
  const people = [...ctx.profiles.values()];
  if (rule.who === "reports") {
    // The team as it stood at the quarter's end.
    return people
      .filter((p) => isLogin(managerAt(p, end, tz), ctx.login))
      .filter((p) => !rule.track || ctx.ladder.levels.get(levelAt(p, end, tz) ?? "")?.track === rule.track)
      .map((p) => p.login);
  }
  const from = quarterStart(shiftQuarter(ctx.quarter, 1 - rule.within_quarters), ctx.calendar);
  const to = end + 1;
  // Credit goes to whoever was the manager (or mentor) when the promotion happened.
  const creditedAt = rule.who === "promoted-mentees" ? mentorAt : managerAt;
  return people
    .filter((p) =>
      levelChanges(p).some((c) => {
        const at = dayStart(c.since, tz);
        return (
          at >= from &&
          at < to &&
          isLogin(creditedAt(p, at, tz), ctx.login) &&
          isLevelUp(ctx.ladder, c.from, c.to, {
            track: rule.track,
            includeTrackChanges: rule.include_track_changes,
          })
        );
      }),
    )
    .map((p) => p.login);
};

export const evaluateCriterion = (criterion: Criterion, ctx: EvaluationContext): CriterionResult => {
  const rule = criterion.rule;
  const base = { id: criterion.id, title: criterion.title, rule: rule.kind, people: [] as string[] };
  switch (rule.kind) {
    case "count": {
      const pool = rule.scope === "window" ? (ctx.windowItems ?? ctx.items) : ctx.items;
      const evidence = pool.filter((i) => i.kind === rule.evidence && matchesWhere(i, rule.where));
      // Pull requests that close the same issue are one piece of work (docs/metrics.md#criteria).
      const value = rule.evidence === "pull_request" ? workUnits(evidence) : evidence.length;
      return {
        ...base,
        kind: "measured",
        value,
        target: rule.min,
        comparator: ">=",
        met: value >= rule.min,
        evidence,
        ...(value !== evidence.length ? { units: { items: evidence.length, groups: value } } : {}),
        ...(rule.scope === "window" ? { scope: "window" as const } : {}),
      };
    }
    case "aggregate": {
      const evidence = ctx.items.filter((i) => i.kind === rule.evidence && matchesWhere(i, rule.where));
      const numbers = evidence.flatMap((i) =>
        rule.field in i ? [(i as Record<string, unknown>)[rule.field]] : [],
      );
      const xs = numbers.filter((n): n is number => typeof n === "number");
      const sample = { size: xs.length, needed: rule.min_sample };
      const measurable = xs.length >= rule.min_sample;
      const value = measurable ? round2(rule.stat === "median" ? median(xs) : mean(xs)) : null;
      const target = (rule.max ?? rule.min) as number;
      const comparator = rule.max !== undefined ? "<=" : ">=";
      const met = value !== null && (comparator === "<=" ? value <= target : value >= target);
      const beside = rule.stat === "median" && measurable ? { mean: round2(mean(xs)) } : {};
      return { ...base, kind: "measured", value, target, comparator, met, sample, ...beside, evidence };
    }
    case "weekly": {
      const evidence = ctx.items.filter((i) => i.kind === rule.evidence && matchesWhere(i, rule.where));
      const weeks = new Set(evidence.map((i) => weekOfQuarter(Date.parse(i.at), ctx.quarter, ctx.calendar)));
      const value = weeks.size;
      return {
        ...base,
        kind: "measured",
        value,
        target: rule.min_weeks,
        comparator: ">=",
        met: value >= rule.min_weeks,
        evidence,
      };
    }
    case "people": {
      const people = peopleValue(rule, ctx);
      return {
        ...base,
        kind: "measured",
        value: people.length,
        target: rule.min,
        comparator: ">=",
        met: people.length >= rule.min,
        evidence: [],
        people,
      };
    }
    case "manual": {
      const pool = rule.scope === "window" ? (ctx.windowItems ?? ctx.items) : ctx.items;
      const evidence = pool.filter((i) => i.kind === "manual" && i.criterion === criterion.id);
      return {
        ...base,
        kind: "manual",
        value: evidence.length,
        target: rule.min,
        comparator: ">=",
        met: evidence.length >= rule.min,
        evidence,
        ...(rule.scope === "window" ? { scope: "window" as const } : {}),
      };
    }
  }
};
