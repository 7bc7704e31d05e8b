/** Options for a new in-memory GitHub. Every value has a deterministic default. */
export interface SandboxOptions {
  /** Seeds the fault PRNG; same seed and same requests give the same faults. */
  seed?: number;
  /** Initial clock, ms since epoch. */
  now?: number;
  installationId?: number;
  /** Login of the organization the app is installed on. */
  account?: string;
  /** Slug of the app; its bot (`<slug>[bot]`) authors everything written through the API. */
  appSlug?: string;
  /**
   * GitHub's secondary limits on content-creating requests (default 80 a minute, 500 an hour, as on
   * GitHub); `false` turns them off. Over a limit: 403 with GitHub's message and `retry-after`.
   */
  contentLimits?: { perMinute: number; perHour: number } | false;
}

/** One request the sandbox answered, in the order it arrived. */
export interface RequestLogEntry {
  method: string;
  /** Route template, e.g. "PUT /repos/{owner}/{repo}/contents/{path}" or "POST /graphql". */
  route: string;
  url: string;
  /** "owner/name" the request targets; for GraphQL the repository a mutation writes, or a query first reads. */
  repo?: string;
  mutating: boolean;
  status: number;
  /** GraphQL operation name. */
  operation?: string;
}

export type FaultKind = "server-error" | "secondary-rate-limit" | "primary-rate-limit" | "latency";

export interface FaultRule {
  /** Template as in RequestLogEntry.route ("GET /repos/{owner}/{repo}"), or just its path; absent = every route. */
  route?: string;
  method?: string;
  kind: FaultKind;
  /** Share of matching requests to fault, 0..1, default 1. */
  rate?: number;
  status?: 502 | 503;
  /** Seconds, default 1. */
  retryAfter?: number;
  latencyMs?: number;
  /** Stop after this many injections. */
  times?: number;
}

export interface SandboxComment {
  id: number;
  author: string;
  body: string;
  createdAt: string;
  /** Reactions on the comment: who reacted with what (`eyes`, `+1`, `confused` …). */
  reactions: { author: string; content: string }[];
}

export interface SandboxIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  comments: SandboxComment[];
  createdAt: string;
  closedAt: string | null;
  nodeId: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface SandboxReview {
  id: number;
  nodeId: string;
  author: string;
  state: ReviewState;
  body: string;
  submittedAt: string;
  commitId: string | null;
}

export interface SandboxPull {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  mergedAt: string | null;
  head: string;
  base: string;
  headSha: string;
  /** Where the pull request branched from its base: what it changes is measured from here. */
  mergeBase: string;
  author: string;
  labels: string[];
  requestedReviewers: string[];
  nodeId: string;
  reviews: SandboxReview[];
  comments: SandboxComment[];
}
