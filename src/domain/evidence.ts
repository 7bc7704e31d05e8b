import { z } from "zod";

/**
 * Evidence: one thing a person did, observed from GitHub or added by a person.
 * Items are keyed by GitHub's own node ids so the same thing is recorded once, whatever the delivery.
 */
export const PR_CLASSES = ["feature", "bugfix", "docs", "design-doc", "other"] as const;
export const ISSUE_CLASSES = ["incident", "spec", "task"] as const;
export const EVIDENCE_KINDS = ["pull_request", "review", "issue", "learning_note", "manual"] as const;

const isoDateTime = z.iso.datetime({
  offset: true,
  message: "expected an ISO 8601 date-time, e.g. 2026-10-05T15:00:00Z",
});

const Provenance = z.strictObject({
  /** "observed" by the app from GitHub, or "added" by a person. */
  source: z.enum(["observed", "added"]),
  by: z.string().optional(),
  /** When it was recorded (ISO 8601). */
  recorded_at: isoDateTime,
});

const base = {
  key: z.string().min(1),
  /** When it happened (ISO 8601): merged, submitted, closed, committed. Decides the quarter. */
  at: isoDateTime,
  title: z.string(),
  url: z.string().optional(),
  provenance: Provenance,
};

export const PullRequestItem = z.strictObject({
  kind: z.literal("pull_request"),
  ...base,
  repo: z.string(),
  number: z.number().int(),
  labels: z.array(z.string()),
  additions: z.number().int(),
  deletions: z.number().int(),
  changed_files: z.number().int(),
  class: z.enum(PR_CLASSES),
  small: z.boolean(),
  review_rounds: z.number().int(),
  reviewed: z.boolean(),
  hours_to_merge: z.number(),
});

export const ReviewItem = z.strictObject({
  kind: z.literal("review"),
  ...base,
  repo: z.string(),
  number: z.number().int(),
  state: z.string(),
  pr_author: z.string(),
  pr_author_level: z.string().optional(),
});

export const IssueItem = z.strictObject({
  kind: z.literal("issue"),
  ...base,
  repo: z.string(),
  number: z.number().int(),
  labels: z.array(z.string()),
  class: z.enum(ISSUE_CLASSES),
  escalated: z.boolean(),
  linked_prs: z.number().int(),
});

export const LearningNoteItem = z.strictObject({
  kind: z.literal("learning_note"),
  ...base,
  path: z.string(),
});

export const ManualItem = z.strictObject({
  kind: z.literal("manual"),
  ...base,
  criterion: z.string(),
});

export const EvidenceItem = z.discriminatedUnion("kind", [
  PullRequestItem,
  ReviewItem,
  IssueItem,
  LearningNoteItem,
  ManualItem,
]);
export type EvidenceItem = z.infer<typeof EvidenceItem>;
export type PullRequestItem = z.infer<typeof PullRequestItem>;
export type ReviewItem = z.infer<typeof ReviewItem>;
export type IssueItem = z.infer<typeof IssueItem>;
export type LearningNoteItem = z.infer<typeof LearningNoteItem>;

/**
 * Merges items as a set keyed by `key`; the first recorded wins so provenance is stable, and the
 * result is sorted, so the order in which events arrive never changes the ledger.
 */
export const mergeItems = (
  existing: readonly EvidenceItem[],
  incoming: readonly EvidenceItem[],
): EvidenceItem[] => {
  const byKey = new Map<string, EvidenceItem>();
  for (const item of [...existing, ...incoming]) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return [...byKey.values()].sort(compareItems);
};

export const compareItems = (a: EvidenceItem, b: EvidenceItem): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
