import { type CriterionResult, evaluateCriterion } from "./criteria.js";
import type { EvidenceItem } from "./evidence.js";
import type { Consistency, Ladder, Level } from "./ladder/schema.js";
import type { Ledger } from "./ledger.js";
import type { Goals, Profile } from "./profile.js";
import { type FiscalCalendar, type Quarter, quarterLabel, shiftQuarter } from "./quarter.js";
import type { Settings } from "./settings.js";

/** What a report is computed from: the same for the goal issue (app) and `rungs report` (CLI). */
export interface ReportInput {
  settings: Settings;
  ladder: Ladder;
  profiles: ReadonlyMap<string, Profile>;
  ledger(login: string, quarter: string): Ledger | undefined;
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

const evaluateAll = (
  input: ReportInput,
  level: Level | undefined,
  login: string,
  quarter: Quarter,
  signals = false,
) => {
  const items = input.ledger(login, quarterLabel(quarter))?.items ?? [];
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
    items: input.ledger(login, label)?.items ?? [],
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
