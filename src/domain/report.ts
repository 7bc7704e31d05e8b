import { type CriterionResult, evaluateCriterion } from "./criteria.js";
import { type EvidenceItem, evidenceRef, mergeItems } from "./evidence.js";
import type { Consistency, Criterion, Ladder, Level } from "./ladder/schema.js";
import { dayStart } from "./org-chart.js";
import type { Goals, Profile } from "./profile.js";
import { type FiscalCalendar, type Quarter, quarterLabel, quarterStart, shiftQuarter } from "./quarter.js";
import type { Settings } from "./settings.js";

/** A quarter's items that do not count, each kind for its own reason (signature.ts trustOf). */
export interface Uncounted {
  claimed: readonly EvidenceItem[];
  unverified: readonly EvidenceItem[];
  rejected?: readonly EvidenceItem[];
  excluded?: readonly EvidenceItem[];
}

/** What a report is computed from: the same for the goal issue (app) and `rungs report` (CLI). */
export interface ReportInput {
  settings: Settings;
  ladder: Ladder;
  profiles: ReadonlyMap<string, Profile>;
  /** The person's counted items in a quarter; undefined when that quarter has no ledger (no data). */
  items(login: string, quarter: string): readonly EvidenceItem[] | undefined;
  /** Items that do not count, to show them as such: claimed by a person, or unverified. */
  uncounted?(login: string, quarter: string): Uncounted;
  goals(login: string, quarter: string): Goals | undefined;
}

export interface CriterionProgress extends CriterionResult {
  /** Value last quarter, for the change since then; null when not measurable then. */
  previous: number | null;
}

/**
 * A quarter of the readiness window: every criterion `met` or `not-met`; `no-data` when it has no
 * ledger (before Rungs was installed, say); `before-level` when it began before the current level did.
 * `before-level` wins when both apply. See docs/metrics.md#readiness.
 */
export type QuarterStatus = "met" | "not-met" | "no-data" | "before-level";

export interface Readiness {
  ready: boolean;
  rule: Consistency;
  /** Most recent first: each quarter of the window and its status. */
  quarters: { quarter: string; status: QuarterStatus; met: boolean }[];
  quartersMet: number;
  /**
   * Each quarter of the window's criterion results, in the order of `quarters` (empty for a quarter
   * without data at this level): the very results readiness was decided from, for the promotion packet.
   */
  results?: CriterionResult[][];
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
  /** This quarter's items that do not count: claimed (added by hand, unconfirmed) and unverified. */
  claimed: readonly EvidenceItem[];
  unverified: readonly EvidenceItem[];
  rejected: readonly EvidenceItem[];
  excluded: readonly EvidenceItem[];
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
  criteria: readonly Criterion[],
  login: string,
  quarter: Quarter,
  windowItems?: readonly EvidenceItem[],
) => {
  const ctx = {
    login,
    quarter,
    calendar: calendarOf(input.settings),
    items: countedItems(input, login, quarter),
    ...(windowItems ? { windowItems } : {}),
    profiles: input.profiles,
    ladder: input.ladder,
  };
  return criteria.map((c) => evaluateCriterion(c, ctx));
};

export type ReportError = { error: string };

/** Whether a quarter counts toward readiness at all: before the level began, or without a ledger. */
const quarterStanding = (
  input: ReportInput,
  profile: Profile,
  quarter: Quarter,
): "before-level" | "no-data" | "data" => {
  const calendar = calendarOf(input.settings);
  if (profile.since && quarterStart(quarter, calendar) < dayStart(profile.since, calendar.timeZone))
    return "before-level";
  return input.items(profile.login, quarterLabel(quarter)) === undefined ? "no-data" : "data";
};

/** Progress toward the next level in `quarter`, and readiness under the consistency rule. */
export const buildReport = (input: ReportInput, login: string, quarter: Quarter): Report | ReportError => {
  const profile = input.profiles.get(login);
  if (!profile) return { error: `no profile for "${login}" (people/${login}/profile.md)` };
  const level = input.ladder.levels.get(profile.level);
  if (!level) return { error: `${login}'s level "${profile.level}" is not in the ladder` };
  const next = level.next ? input.ladder.levels.get(level.next) : undefined;

  const rule = consistencyOf(input.settings, level);
  const window = Array.from({ length: rule.of }, (_, k) => shiftQuarter(quarter, -k));
  const standing = window.map((q) => quarterStanding(input, profile, q));
  // Milestones count across the quarters of the window that are at this level and have data.
  const windowItems = mergeItems(
    [],
    window.flatMap((q, k) => (standing[k] === "data" ? countedItems(input, login, q) : [])),
  );
  const results = window.map((q) => evaluateAll(input, level.criteria, login, q, windowItems));
  const quarters = window.map((q, k) => {
    const s = standing[k];
    const met = s === "data" && (results[k]?.length ?? 0) > 0 && (results[k] ?? []).every((r) => r.met);
    const status: QuarterStatus = s === "data" ? (met ? "met" : "not-met") : (s ?? "no-data");
    return { quarter: quarterLabel(q), status, met };
  });
  const quartersMet = quarters.filter((q) => q.met).length;

  // The change since last quarter, only against a quarter that has data at this level.
  const lastQuarter = shiftQuarter(quarter, -1);
  const previous =
    quarterStanding(input, profile, lastQuarter) === "data"
      ? evaluateAll(input, level.criteria, login, lastQuarter)
      : undefined;
  const criteria = (results[0] ?? []).map((c, i) => ({
    ...c,
    previous: c.scope === "window" ? null : (previous?.[i]?.value ?? null),
  }));
  const label = quarterLabel(quarter);
  const uncounted = input.uncounted?.(login, label) ?? { claimed: [], unverified: [] };
  return {
    login,
    level: level.id,
    levelTitle: level.title,
    next: next?.id ?? null,
    nextTitle: next?.title ?? null,
    quarter: label,
    criteria,
    signals: evaluateAll(input, level.signals, login, quarter),
    readiness: {
      ready: next !== undefined && quartersMet >= rule.quarters,
      rule,
      quarters,
      quartersMet,
      results: window.map((_, k) => (standing[k] === "data" ? (results[k] ?? []) : [])),
    },
    goals: input.goals(login, label),
    items: countedItems(input, login, quarter),
    claimed: uncounted.claimed,
    unverified: uncounted.unverified,
    rejected: uncounted.rejected ?? [],
    excluded: uncounted.excluded ?? [],
  };
};

/** The machine-readable report of `rungs report --json`. */
export const reportJson = (r: Report) => ({
  login: r.login,
  level: r.level,
  next: r.next,
  quarter: r.quarter,
  criteria: r.criteria.map((c) => ({
    id: c.id,
    kind: c.kind,
    scope: c.scope ?? "quarter",
    value: c.value,
    target: c.target,
    met: c.met,
  })),
  ready: r.readiness.ready,
  readiness: {
    ready: r.readiness.ready,
    needed: { quarters: r.readiness.rule.quarters, of: r.readiness.rule.of },
    window: r.readiness.quarters.map((q) => ({ quarter: q.quarter, status: q.status })),
  },
  focus: r.goals?.focus ?? [],
  items: {
    counted: r.items.length,
    observed: r.items.filter((i) => i.kind !== "manual").length,
    confirmed: r.items.filter((i) => i.kind === "manual").length,
    claimed: r.claimed.length,
    unverified: r.unverified.length,
    rejected: r.rejected.length,
    excluded: r.excluded.length,
  },
  /** Every item people decided about or added, with the ref to type in a command. */
  decisions: [
    ...r.items.filter((i) => i.kind === "manual").map((i) => decided(i, "confirmed")),
    ...r.claimed.map((i) => decided(i, "claimed")),
    ...r.rejected.map((i) => decided(i, "rejected")),
    ...r.excluded.map((i) => decided(i, "excluded")),
  ],
});

const decided = (item: EvidenceItem, status: "confirmed" | "claimed" | "rejected" | "excluded") => {
  const d =
    status === "excluded"
      ? item.excluded
      : item.kind !== "manual"
        ? undefined
        : status === "confirmed"
          ? item.confirmed
          : status === "rejected"
            ? item.rejected
            : undefined;
  return {
    ref: evidenceRef(item),
    status,
    kind: item.kind,
    ...(item.kind === "manual" ? { criterion: item.criterion } : {}),
    title: item.title,
    ...(item.url ? { url: item.url } : {}),
    added_by: item.provenance.by ?? null,
    ...(d
      ? { by: d.by, at: d.at, ...(d.reason ? { reason: d.reason } : {}), ...(d.url ? { where: d.url } : {}) }
      : {}),
  };
};
