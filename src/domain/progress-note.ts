import { z } from "zod";
import type { Report } from "./report.js";

/**
 * The biweekly 1:1 comment on a goal issue says what changed since the last one. Each comment carries,
 * hidden, the state it summarised, so the next run compares against exactly that (and posts nothing when
 * nothing moved), whatever ran in between.
 */
export interface ProgressState {
  /** Items that count this quarter. */
  items: number;
  /** Each criterion's value and whether it is met. */
  criteria: Record<string, { value: number | null; met: boolean }>;
  ready: boolean;
}

export const progressStateOf = (report: Report): ProgressState => ({
  items: report.items.length,
  criteria: Object.fromEntries(report.criteria.map((c) => [c.id, { value: c.value, met: c.met }])),
  ready: report.readiness.ready,
});

const MARKER = /<!-- rungs:progress (\{.*?\}) -->/;

const State = z.object({
  at: z.string(),
  items: z.number(),
  criteria: z.record(z.string(), z.object({ value: z.number().nullable(), met: z.boolean() })),
  ready: z.boolean(),
});

/** The hidden line recording what a progress comment summarised (`>` escaped, so it cannot end the comment). */
export const progressMarker = (state: ProgressState, at: string): string =>
  `<!-- rungs:progress ${JSON.stringify({ at, ...state }).replace(/>/g, "\\u003e")} -->`;

/** The state a progress comment recorded, or undefined when the body holds no readable marker. */
export const parseProgressMarker = (body: string): (ProgressState & { at: string }) | undefined => {
  const m = MARKER.exec(body);
  if (!m?.[1]) return undefined;
  try {
    const r = State.safeParse(JSON.parse(m[1]));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
};

/** Before any comment: nothing counted, nothing met. */
export const EMPTY_PROGRESS: ProgressState = { items: 0, criteria: {}, ready: false };

export interface CriterionMove {
  id: string;
  title: string;
  before: number | null;
  after: number | null;
  met: boolean;
  wasMet: boolean;
}

export interface ProgressChange {
  items: number;
  moved: CriterionMove[];
  becameReady: boolean;
}

/** What changed between two states; undefined when nothing did. */
export const progressChange = (
  before: ProgressState,
  after: ProgressState,
  titles: ReadonlyMap<string, string>,
): ProgressChange | undefined => {
  const moved = Object.entries(after.criteria).flatMap(([id, now]) => {
    const was = before.criteria[id] ?? { value: null, met: false };
    return was.value === now.value && was.met === now.met
      ? []
      : [
          {
            id,
            title: titles.get(id) ?? id,
            before: was.value,
            after: now.value,
            met: now.met,
            wasMet: was.met,
          },
        ];
  });
  const items = after.items - before.items;
  if (items === 0 && moved.length === 0 && before.ready === after.ready) return undefined;
  return { items, moved, becameReady: after.ready && !before.ready };
};

/** The hidden line that marks a goal issue's end-of-quarter summary, so it is posted once. */
export const quarterSummaryMarker = (login: string, quarter: string): string =>
  `<!-- rungs:quarter-summary login=${login.toLowerCase().replace(/[^a-z0-9-]/g, "_")} quarter=${quarter} -->`;

/** The person and quarter a goal issue's first line names (domain/goal-issue.ts goalIssueMarker). */
export const goalIssueOwner = (body: string | null): { login: string; quarter: string } | undefined => {
  const first = (body ?? "").split("\n", 1)[0]?.trim() ?? "";
  const m = /^<!-- rungs:goal-issue login=(\S+) quarter=(\d{4}-Q[1-4]) -->$/.exec(first);
  return m?.[1] && m[2] ? { login: m[1], quarter: m[2] } : undefined;
};
