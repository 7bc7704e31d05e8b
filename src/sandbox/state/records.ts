import type { ReviewState } from "../types.js";

/** Times are ms since epoch; renderers turn them into GitHub's ISO strings. */
export interface CommentRecord {
  id: number;
  nodeId: string;
  author: string;
  body: string;
  createdAt: number;
  updatedAt: number;
  /** Reactions on the comment (👀, 👍, 😕 …), one per person and content. */
  reactions?: ReactionRecord[];
}

export interface ReactionRecord {
  id: number;
  nodeId: string;
  author: string;
  content: string;
  createdAt: number;
}

export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
  /** One of the labels GitHub gave the repository when it was created (REST `default: true`). */
  isDefault: boolean;
}

export interface ReviewRecord {
  id: number;
  nodeId: string;
  author: string;
  state: ReviewState;
  body: string;
  submittedAt: number;
  commitId: string | null;
}

export interface ForcePushRecord {
  id: number;
  nodeId: string;
  actor: string;
  at: number;
  beforeSha: string | null;
  afterSha: string;
}

/** The pull-request half of an issue number. */
export interface PullRecord {
  id: number;
  nodeId: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  /** Where the pull request branched from its base: its commits are those after this one. */
  mergeBase: string;
  draft: boolean;
  merged: boolean;
  mergedAt: number | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  reviews: ReviewRecord[];
  forcePushes: ForcePushRecord[];
  /** Issues linked by hand (in addition to "closes #n" in the body). */
  linkedIssues: number[];
  /** Size as a webhook reported it, when the sandbox does not hold the real files. */
  reportedSize?: { additions: number; deletions: number; changedFiles: number };
}

/** An issue number in a repository. Pull requests are issues too, like on GitHub: they share numbers. */
export interface IssueRecord {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  /** null when the issue was filed without a body, as GitHub's REST API and webhooks say it. */
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: string | null;
  comments: CommentRecord[];
  reactions: ReactionRecord[];
  pull?: PullRecord;
}

export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";

export interface CheckRunRecord {
  id: number;
  nodeId: string;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: string | null;
  startedAt: number | null;
  completedAt: number | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
}
