import { type CriterionResult, evaluateCriterion } from "./criteria.js";
import type { EvidenceItem } from "./evidence.js";
import type { Consistency, Ladder, Level } from "./ladder/schema.js";
import type { Goals, Profile } from "./profile.js";
import { type FiscalCalendar, type Quarter, quarterLabel, shiftQuarter } from "./quarter.js";
import type { Settings } from "./settings.js";

/** What a report is computed from: the same for the goal issue (app) and `rungs report` (CLI). */
export interface ReportInput {
  settings: Settings;
  ladder: Ladder;
  profiles: ReadonlyMap<string, Profile>;
  /** The person's recorded items in a quarter; undefined when that quarter has no ledger. */
  items(login: string, quarter: string): readonly EvidenceItem[] | undefined;
  goals(login: string, quarter: string): Goals | undefined;
}

export interface CriterionProgress extends CriterionResult {
  /** Value last quarter, for the change since then; null when not measurable then. */
  previous: number | null;
}

export interface Readiness {
  ready: boolean;
  rule: Consistency;
  /** Most recent first: whether every criterion was met in each quarter of the window. */
  quarters: { quarter: string; met: boolean }[];
  quartersMet: number;
}

export interface Report {
  login: string;
  level: string;
  levelTitle: string;
  next: string | null;
  nextTitle: string | null;
  quarter: string;
  criteria: CriterionProgress[];
  signals: CriterionResult[];
  readiness: Readiness;
  goals: Goals | undefined;
  items: readonly EvidenceItem[];
}

export const calendarOf = (settings: Settings): FiscalCalendar => ({
  startMonth: settings.fiscal_year_start_month,
  timeZone: settings.time_zone,
});

export const consistencyOf = (settings: Settings, level: Level): Consistency =>
  settings.consistency ?? level.consistency;

/** How many quarters before the current one a report reads: the longest readiness window, and at least one. */
export const historyQuarters = (settings: Settings, ladder: Ladder): number =>
  Math.max(1, ...[...ladder.levels.values()].map((l) => consistencyOf(settings, l).of - 1));

/** Quarters read before the oldest one evaluated, to count an item recorded in two quarters once. */
export const DEDUPE_LOOKBACK = 1;

/** Quarters of ledgers a report reads before the current one: the window, and the de-duplication lookback. */
export const ledgerQuarters = (settings: Settings, ladder: Ladder): number =>
  historyQuarters(settings, ladder) + DEDUPE_LOOKBACK;

/**
 * The items that count in a quarter. An item recorded in two quarters (an issue closed, reopened and
 * closed again across a quarter's end) counts in the earlier one only, whatever order its deliveries
 * came in: both ledgers hold it, and the later quarter leaves it out. See docs/metrics.md#the-ledger.
 */
export const countedItems = (input: ReportInput, login: string, quarter: Quarter): EvidenceItem[] => {
  const own = input.items(login, quarterLabel(quarter)) ?? [];
  const earlier = new Set<string>();
  for (let k = 1; k <= DEDUPE_LOOKBACK; k++) {
    for (const i of input.items(login, quarterLabel(shiftQuarter(quarter, -k))) ?? []) earlier.add(i.key);
  }
  return own.filter((i) => !earlier.has(i.key));
};

const evaluateAll = (
  input: ReportInput,
  level: Level | undefined,
  login: string,
  quarter: Quarter,
  signals = false,
) => {
  const items = countedItems(input, login, quarter);
  const ctx = {
    login,
    quarter,
    calendar: calendarOf(input.settings),
    items,
    profiles: input.profiles,
    ladder: input.ladder,
  };
  return (signals ? (level?.signals ?? []) : (level?.criteria ?? [])).map((c) => evaluateCriterion(c, ctx));
};

export type ReportError = { error: string };

/** Progress toward the next level in `quarter`, and readiness under the consistency rule. */
export const buildReport = (input: ReportInput, login: string, quarter: Quarter): Report | ReportError => {
  const profile = input.profiles.get(login);
  if (!profile) return { error: `no profile for "${login}" (people/${login}/profile.md)` };
  const level = input.ladder.levels.get(profile.level);
  if (!level) return { error: `${login}'s level "${profile.level}" is not in the ladder` };
  const next = level.next ? input.ladder.levels.get(level.next) : undefined;

  const current = evaluateAll(input, level, login, quarter);
  const previous = evaluateAll(input, level, login, shiftQuarter(quarter, -1));
  const criteria = current.map((c, i) => ({ ...c, previous: previous[i]?.value ?? null }));

  const rule = consistencyOf(input.settings, level);
  const window = Array.from({ length: rule.of }, (_, k) => shiftQuarter(quarter, -k));
  const quarters = window.map((q, k) => {
    const results = k === 0 ? current : k === 1 ? previous : evaluateAll(input, level, login, q);
    return { quarter: quarterLabel(q), met: results.length > 0 && results.every((r) => r.met) };
  });
  const quartersMet = quarters.filter((q) => q.met).length;
  const label = quarterLabel(quarter);
  return {
    login,
    level: level.id,
    levelTitle: level.title,
    next: next?.id ?? null,
    nextTitle: next?.title ?? null,
    quarter: label,
    criteria,
    signals: evaluateAll(input, level, login, quarter, true),
    readiness: { ready: next !== undefined && quartersMet >= rule.quarters, rule, quarters, quartersMet },
    goals: input.goals(login, label),
    items: countedItems(input, login, quarter),
  };
};

/** The machine-readable report of `rungs report --json`. */
export const reportJson = (r: Report) => ({
  login: r.login,
  level: r.level,
  next: r.next,
  quarter: r.quarter,
  criteria: r.criteria.map((c) => ({ id: c.id, kind: c.kind, value: c.value, target: c.target, met: c.met })),
  ready: r.readiness.ready,
});
