import { observed, type ReviewItem } from "./evidence.js";

export interface SubmittedReview {
  /** The reviewed pull request's node id. */
  prNodeId: string;
  reviewer: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  state: string;
  submittedAt: string;
  prAuthor: string;
  prAuthorLevel: string | undefined;
  /** The review's written body (its summary comment), if any. */
  body: string;
  /** Inline comments the review made on the code. */
  inlineComments: number;
}

/**
 * A review that teaches: it asked for changes, or explained something in writing (a body or inline
 * comments). A one-click approval is a review, but not mentoring. See docs/metrics.md#criteria.
 */
export const isTeaching = (r: Pick<SubmittedReview, "state" | "body" | "inlineComments">): boolean =>
  r.state.toUpperCase() === "CHANGES_REQUESTED" || r.body.trim().length > 0 || r.inlineComments > 0;

/**
 * One item per reviewer per pull request: every reply in a thread is a "review" to GitHub, and
 * counting each would let three quick comments pass for mentorship. See docs/metrics.md#criteria.
 */
export const reviewItem = (r: SubmittedReview, recordedAt: string): ReviewItem => ({
  kind: "review",
  key: `${r.prNodeId}:review:${r.reviewer.toLowerCase()}`,
  at: r.submittedAt,
  title: r.title,
  url: r.url,
  provenance: observed(recordedAt),
  repo: r.repo,
  number: r.number,
  state: r.state.toUpperCase(),
  pr_author: r.prAuthor,
  ...(r.prAuthorLevel ? { pr_author_level: r.prAuthorLevel } : {}),
  teaching: isTeaching(r),
});
