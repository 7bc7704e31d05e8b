import type { Ladder } from "./ladder/schema.js";
import type { Profile } from "./profile.js";
import { startOfLocalDay } from "./quarter.js";

/**
 * The org chart as of a moment: who was whose manager, mentor, and at which level. Team size, people
 * levelled up and mentoring credit for a past quarter are judged by the chart of that quarter, not by
 * today's (docs/metrics.md#org-chart-over-time). Pure: instants and the time zone are passed in.
 */

/** A date of a profile (YYYY-MM-DD) as the instant that day starts in the organisation's time zone. */
export const dayStart = (date: string, timeZone: string): number => {
  const [y, m, d] = date.split("-").map(Number);
  return startOfLocalDay(y ?? 0, m ?? 1, d ?? 1, timeZone);
};

type Field = "level" | "manager" | "mentor";

/** The dated changes of one field, oldest first; the current value closes the list. */
const changesOf = (p: Profile, field: Field): { since: string | undefined; value: string | null }[] => {
  const past = p.history.flatMap((e) => {
    const v = e[field];
    return v === undefined ? [] : [{ since: e.since as string | undefined, value: v }];
  });
  const current = field === "mentor" ? (p.mentor ?? null) : field === "manager" ? p.manager : p.level;
  // The level's own date is `since`; a manager or mentor without a dated change has always been so.
  const currentSince = field === "level" ? p.since : undefined;
  if (past.length === 0) return [{ since: undefined, value: current }];
  const last = past[past.length - 1];
  return last && last.value === current && field !== "level"
    ? past
    : [...past, { since: currentSince, value: current }];
};

/**
 * A field's value at `at`: the latest change on or before it. A current value without a date holds
 * from the last dated change on (or always, when there is none). Before the first dated change the
 * value is unknown: undefined, and so no credit.
 */
const valueAt = (p: Profile, field: Field, at: number, timeZone: string): string | null | undefined => {
  let value: string | null | undefined;
  for (const change of changesOf(p, field)) {
    if (change.since === undefined || dayStart(change.since, timeZone) <= at) value = change.value;
    else break;
  }
  return value;
};

export const levelAt = (p: Profile, at: number, timeZone: string): string | undefined =>
  valueAt(p, "level", at, timeZone) ?? undefined;
export const managerAt = (p: Profile, at: number, timeZone: string): string | null | undefined =>
  valueAt(p, "manager", at, timeZone);
export const mentorAt = (p: Profile, at: number, timeZone: string): string | null | undefined =>
  valueAt(p, "mentor", at, timeZone);

/** Level changes of a person, oldest first, each with the date the new level started. */
export const levelChanges = (p: Profile): { from: string; to: string; since: string }[] => {
  const steps = [
    ...p.history.flatMap((e) => (e.level === undefined ? [] : [{ level: e.level, since: e.since }])),
    ...(p.since ? [{ level: p.level, since: p.since }] : []),
  ];
  const out: { from: string; to: string; since: string }[] = [];
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1];
    const b = steps[i];
    if (a && b && a.level !== b.level) out.push({ from: a.level, to: b.level, since: b.since });
  }
  return out;
};

/**
 * A level-up: a more senior level on the same track. A change of track (IC4 → M1) is a role change,
 * not a level-up, unless the rule counts track changes (`include_track_changes`), and then only onto
 * `track` when it names one.
 */
export const isLevelUp = (
  ladder: Ladder,
  from: string,
  to: string,
  opts: { track?: "ic" | "manager" | undefined; includeTrackChanges?: boolean | undefined } = {},
): boolean => {
  const a = ladder.levels.get(from);
  const b = ladder.levels.get(to);
  if (!a || !b) return false;
  if (opts.track && b.track !== opts.track) return false;
  if (a.track !== b.track) return opts.includeTrackChanges === true;
  return b.rank > a.rank;
};
