import type { EvidenceItem } from "./evidence.js";
import type { Criterion, Ladder, Rule, Where } from "./ladder/schema.js";
import type { Profile } from "./profile.js";
import {
  type FiscalCalendar,
  type Quarter,
  quarterEnd,
  quarterStart,
  shiftQuarter,
  startOfLocalDay,
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
  /** For median aggregates: the sample's mean, shown beside the median; null when not yet measurable. */
  mean?: number | null;
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
  profiles: ReadonlyMap<string, Profile>;
  ladder: Ladder;
}

const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));

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

/** Level changes of a person, oldest first, each with the date the new level started. */
const levelChanges = (p: Profile): { from: string; to: string; since: string }[] => {
  const steps = [...p.history, ...(p.since ? [{ level: p.level, since: p.since }] : [])];
  const out: { from: string; to: string; since: string }[] = [];
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1];
    const b = steps[i];
    if (a && b && a.level !== b.level) out.push({ from: a.level, to: b.level, since: b.since });
  }
  return out;
};

/** A promotion: the new level is more senior, or a move onto the manager track (growing a manager). */
const isPromotion = (ladder: Ladder, from: string, to: string, track?: "ic" | "manager"): boolean => {
  const a = ladder.levels.get(from);
  const b = ladder.levels.get(to);
  if (!a || !b) return false;
  if (track && b.track !== track) return false;
  return b.rank > a.rank || (b.track === "manager" && a.track !== "manager");
};

const peopleValue = (rule: Extract<Rule, { kind: "people" }>, ctx: EvaluationContext): string[] => {
  const related = [...ctx.profiles.values()].filter((p) =>
    rule.who === "promoted-mentees" ? p.mentor === ctx.login : p.manager === ctx.login,
  );
  if (rule.who === "reports") {
    return related
      .filter((p) => !rule.track || ctx.ladder.levels.get(p.level)?.track === rule.track)
      .map((p) => p.login);
  }
  const from = quarterStart(shiftQuarter(ctx.quarter, 1 - rule.within_quarters), ctx.calendar);
  const to = quarterEnd(ctx.quarter, ctx.calendar);
  return related
    .filter((p) =>
      levelChanges(p).some((c) => {
        const [y, m, d] = c.since.split("-").map(Number);
        const at = startOfLocalDay(y ?? 0, m ?? 1, d ?? 1, ctx.calendar.timeZone);
        return at >= from && at < to && isPromotion(ctx.ladder, c.from, c.to, rule.track);
      }),
    )
    .map((p) => p.login);
};

export const evaluateCriterion = (criterion: Criterion, ctx: EvaluationContext): CriterionResult => {
  const rule = criterion.rule;
  const base = { id: criterion.id, title: criterion.title, rule: rule.kind, people: [] as string[] };
  switch (rule.kind) {
    case "count": {
      const evidence = ctx.items.filter((i) => i.kind === rule.evidence && matchesWhere(i, rule.where));
      const value = evidence.length;
      return {
        ...base,
        kind: "measured",
        value,
        target: rule.min,
        comparator: ">=",
        met: value >= rule.min,
        evidence,
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
      const beside = rule.stat === "median" ? { mean: measurable ? round2(mean(xs)) : null } : {};
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
      const evidence = ctx.items.filter((i) => i.kind === "manual" && i.criterion === criterion.id);
      return {
        ...base,
        kind: "manual",
        value: evidence.length,
        target: rule.min,
        comparator: ">=",
        met: evidence.length >= rule.min,
        evidence,
      };
    }
  }
};
