import { createHash } from "node:crypto";
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
  /**
   * The app's signature over the item, the person and the quarter (domain/signature.ts). An item
   * without a valid one was typed, copied or edited by hand: shown, never counted.
   */
  sig: z.string().optional(),
});

/** A person's decision about an item, recorded with who, when, why and the comment that said so. */
const Decision = z.strictObject({
  by: z.string(),
  at: isoDateTime,
  reason: z.string().max(400).optional(),
  url: z.string().optional(),
  /** The goal-issue comment that said so: editing or deleting it replaces or undoes the decision. */
  comment: z.number().int().positive().optional(),
});
export type Decision = z.infer<typeof Decision>;

const base = {
  key: z.string().min(1),
  /** When it happened (ISO 8601): merged, submitted, closed, committed. Decides the quarter. */
  at: isoDateTime,
  title: z.string(),
  url: z.string().optional(),
  provenance: Provenance,
  /** Taken out of the count (a revert, pairing credit that belongs elsewhere); kept, with who and why. */
  excluded: Decision.optional(),
  /** Put back into the count after an exclusion (`/include`): who, when and where. */
  included: Decision.optional(),
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
  /** Issues the pull request closes (node ids): pull requests closing the same issue are one feature. */
  closes: z.array(z.string()).default([]),
});

export const ReviewItem = z.strictObject({
  kind: z.literal("review"),
  ...base,
  repo: z.string(),
  number: z.number().int(),
  state: z.string(),
  pr_author: z.string(),
  pr_author_level: z.string().optional(),
  /** A review that teaches: changes requested, a written body, or inline comments (docs/metrics.md#criteria). */
  teaching: z.boolean().default(false),
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
  /** How many people the issue was assigned to when closed: an incident is independent only with one. */
  assignees: z.number().int().min(1).default(1),
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
  /** Who confirmed a claimed item, and where (the commands issue); signed by the app with the item. */
  confirmed: Decision.optional(),
  /** Rejected by someone allowed to judge it: shown with the reason, never counted. */
  rejected: Decision.optional(),
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
  for (const item of [...existing, ...incoming]) {
    const known = byKey.get(item.key);
    byKey.set(item.key, known ? combineItems(known, item) : item);
  }
  return [...byKey.values()].sort(compareItems);
};

/**
 * Two records of the same thing: the first recorded wins, except that a review of a pull request
 * becomes teaching once any review of it by that reviewer taught (OR, so arrival order never matters).
 */
export const combineItems = (first: EvidenceItem, second: EvidenceItem): EvidenceItem => {
  if (first.kind === "review" && second.kind === "review" && second.teaching && !first.teaching) {
    const { sig: _stale, ...provenance } = first.provenance;
    return { ...first, teaching: true, provenance };
  }
  return first;
};

/** The provenance of an item the app observed on GitHub, recorded at `recordedAt`. */
export const observed = (recordedAt: string) => ({ source: "observed" as const, recorded_at: recordedAt });

/**
 * The short reference people type in commands (`/confirm 3f9a1c`): six hex digits of the item's key,
 * stable for as long as the item exists.
 */
export const evidenceRef = (item: Pick<EvidenceItem, "key">): string =>
  createHash("sha256").update(item.key).digest("hex").slice(0, 6);

export const compareItems = (a: EvidenceItem, b: EvidenceItem): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
