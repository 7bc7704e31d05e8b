import { z } from "zod";
import { EVIDENCE_KINDS, ISSUE_CLASSES, PR_CLASSES } from "../evidence.js";

/** Which evidence items a rule looks at. Every field narrows; absent fields do not filter. */
export const Where = z.strictObject({
  /** The item's class (pull requests: feature, bugfix, docs, design-doc, other; issues: incident, spec, task). */
  class: z.array(z.enum([...PR_CLASSES, ...ISSUE_CLASSES])).optional(),
  /** Pull requests: only small (or only not small) ones, per settings `small.max_lines`. */
  small: z.boolean().optional(),
  /** Pull requests: only ones reviewed by a human other than the author. */
  reviewed: z.boolean().optional(),
  /** Any of these labels. */
  labels: z.array(z.string()).optional(),
  /** Issues: escalated or not. */
  escalated: z.boolean().optional(),
  /** Issues: at least this many merged pull requests linked. */
  min_linked_prs: z.number().int().min(0).optional(),
  /** Reviews: the reviewed pull request's author was at one of these levels. */
  pr_author_level: z.array(z.string()).optional(),
  /** Reviews: only reviews that teach (changes requested, a written body, or inline comments). */
  teaching: z.boolean().optional(),
  /** Issues: only ones assigned to one person when closed (shared ones are shown, not counted). */
  sole_assignee: z.boolean().optional(),
});
export type Where = z.infer<typeof Where>;

const evidence = z.enum(EVIDENCE_KINDS);
const positiveInt = z.number().int().min(1);

/**
 * `quarter`: a rate, met again in each quarter (features, incidents). `window`: a milestone, met once
 * across the readiness window (quarters at the current level), e.g. "ship a major initiative".
 */
const Scope = z.enum(["quarter", "window"]).optional();

export const CountRule = z.strictObject({
  kind: z.literal("count"),
  evidence,
  where: Where.optional(),
  /** Met when at least this many items match (pull requests closing a common issue count as one). */
  min: positiveInt,
  scope: Scope,
});

export const AggregateRule = z
  .strictObject({
    kind: z.literal("aggregate"),
    evidence,
    where: Where.optional(),
    /** The per-item number aggregated. */
    field: z.enum(["review_rounds", "hours_to_merge"]),
    stat: z.enum(["median", "mean"]),
    /** Met when the statistic is at most this. */
    max: z.number().optional(),
    /** Met when the statistic is at least this. */
    min: z.number().optional(),
    /** Below this many items the criterion is not yet measurable. */
    min_sample: positiveInt,
  })
  .refine((r) => (r.max === undefined) !== (r.min === undefined), {
    message: "give exactly one of max or min",
  });

export const WeeklyRule = z.strictObject({
  kind: z.literal("weekly"),
  evidence,
  where: Where.optional(),
  /** Met when at least this many of the quarter's 13 weeks hold an item. */
  min_weeks: z.number().int().min(1).max(13),
});

export const PeopleRule = z.strictObject({
  kind: z.literal("people"),
  /**
   * reports: people whose profile names this person as manager, now.
   * promoted-reports / promoted-mentees: reports or mentees promoted within `within_quarters`.
   */
  who: z.enum(["reports", "promoted-reports", "promoted-mentees"]),
  /** Only people whose (new) level is on this track. */
  track: z.enum(["ic", "manager"]).optional(),
  min: positiveInt,
  /** Quarters (ending with the one evaluated) in which a promotion counts. */
  within_quarters: positiveInt.default(4),
  /** Whether a change of track (IC4 → M1) counts as a level-up; by default it is a role change only. */
  include_track_changes: z.boolean().optional(),
});

export const ManualRule = z.strictObject({
  kind: z.literal("manual"),
  /** Met when at least this many confirmed items were added for this criterion. */
  min: positiveInt.default(1),
  scope: Scope,
});

const RULE_KINDS = ["count", "aggregate", "weekly", "people", "manual"] as const;
export const Rule = z.discriminatedUnion(
  "kind",
  [CountRule, AggregateRule, WeeklyRule, PeopleRule, ManualRule],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `unknown rule kind; expected one of ${RULE_KINDS.join(", ")}`
        : undefined,
  },
);
export type Rule = z.infer<typeof Rule>;

export const Criterion = z.strictObject({
  /** Stable id, used by goals, ledgers and reports. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are kebab-case, e.g. ship-small-features"),
  title: z.string().min(1),
  description: z.string().default(""),
  rule: Rule,
});
export type Criterion = z.infer<typeof Criterion>;

export const Consistency = z
  .strictObject({
    /** Quarters in which every criterion must be met… */
    quarters: positiveInt,
    /** …out of this many most recent quarters. */
    of: positiveInt.max(8),
  })
  .refine((c) => c.quarters <= c.of, { message: "quarters cannot be more than of" });
export type Consistency = z.infer<typeof Consistency>;

export const LevelFrontmatter = z.strictObject({
  id: z.string().regex(/^[A-Z]+[0-9]+$/, "level ids look like IC2 or M1"),
  title: z.string().min(1),
  track: z.enum(["ic", "manager"]),
  /** Seniority; levels of equal rank on different tracks are roughly equivalent (IC4 ≈ M2). */
  rank: z.number().int().min(0),
  core_question: z.string().min(1),
  primary_focus: z.string().min(1),
  /** The level promoted to, or null at the top of a track. */
  next: z.string().nullable(),
  /** Levels reachable by a change of track (a role change, not a promotion). */
  track_changes: z.array(z.string()).default([]),
  /** Readiness rule: every criterion met in `quarters` of the last `of` quarters. */
  consistency: Consistency.default({ quarters: 2, of: 3 }),
  /** Path to the next level. */
  criteria: z.array(Criterion).default([]),
  /** Measurable signals of this level's own "Success looks like". */
  signals: z.array(Criterion).default([]),
});
export type LevelFrontmatter = z.infer<typeof LevelFrontmatter>;

export interface Level extends LevelFrontmatter {
  /** The markdown body: the human part. */
  body: string;
  file: string;
}

export interface Ladder {
  levels: ReadonlyMap<string, Level>;
}
