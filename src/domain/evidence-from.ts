import { isBot } from "./bots.js";
import { classifyIssue, classifyPullRequest, isSmall } from "./classify.js";
import type { IssueItem, LearningNoteItem, PullRequestItem, ReviewItem } from "./evidence.js";
import { reviewRounds, type TimelineEvent, wasReviewed } from "./review-rounds.js";
import type { Settings } from "./settings.js";

/** Facts about a merged pull request, from its webhook payload and one timeline read. */
export interface MergedPullRequest {
  nodeId: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string;
  labels: string[];
  additions: number;
  deletions: number;
  changedFiles: number;
  createdAt: string;
  mergedAt: string;
  paths: string[];
  timeline: TimelineEvent[];
}

const observed = (recordedAt: string) => ({ source: "observed" as const, recorded_at: recordedAt });

export const pullRequestItem = (
  pr: MergedPullRequest,
  settings: Settings,
  recordedAt: string,
): PullRequestItem => {
  // Configured bot logins and AI reviewers are not humans, whatever account type GitHub reports.
  const timeline = pr.timeline.map((e) =>
    e.kind === "review" ? { ...e, byBot: e.byBot || isBot({ login: e.by }, settings) } : e,
  );
  return {
    kind: "pull_request",
    key: pr.nodeId,
    at: pr.mergedAt,
    title: pr.title,
    url: pr.url,
    provenance: observed(recordedAt),
    repo: pr.repo,
    number: pr.number,
    labels: pr.labels,
    additions: pr.additions,
    deletions: pr.deletions,
    changed_files: pr.changedFiles,
    class: classifyPullRequest(pr, settings),
    small: isSmall(pr, settings),
    review_rounds: reviewRounds(timeline, pr.author),
    reviewed: wasReviewed(timeline, pr.author),
    hours_to_merge: Math.round(((Date.parse(pr.mergedAt) - Date.parse(pr.createdAt)) / 3_600_000) * 10) / 10,
  };
};

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
}

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
});

export interface ClosedIssue {
  nodeId: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  labels: string[];
  closedAt: string;
  /** Merged pull requests linked to the issue, by author login. */
  linkedPrAuthors: string[];
}

/**
 * One item per assignee. Keyed by the issue's node id and the assignee, so an incident reopened
 * and closed again counts once.
 */
export const issueItem = (
  issue: ClosedIssue,
  assignee: string,
  settings: Settings,
  recordedAt: string,
): IssueItem => {
  const { class: cls, escalated } = classifyIssue(issue, settings);
  return {
    kind: "issue",
    key: `${issue.nodeId}:${assignee.toLowerCase()}`,
    at: issue.closedAt,
    title: issue.title,
    url: issue.url,
    provenance: observed(recordedAt),
    repo: issue.repo,
    number: issue.number,
    labels: issue.labels,
    class: cls,
    escalated,
    linked_prs: issue.linkedPrAuthors.filter((a) => a.toLowerCase() === assignee.toLowerCase()).length,
  };
};

const LEARNING_NOTE = /^people\/([^/]+)\/learning\/(.+\.md)$/;

/** A learning note added to the career repo: evidence for the person whose folder it is in. */
export const learningNoteItem = (
  path: string,
  committedAt: string,
  blobUrl: string,
  recordedAt: string,
): { login: string; item: LearningNoteItem } | undefined => {
  const m = LEARNING_NOTE.exec(path);
  if (!m?.[1] || !m[2]) return undefined;
  return {
    login: m[1],
    item: {
      kind: "learning_note",
      key: `learning:${path}`,
      at: new Date(Date.parse(committedAt)).toISOString(),
      title: m[2].replace(/\.md$/, "").replace(/[-_]+/g, " "),
      url: blobUrl,
      path,
      provenance: observed(recordedAt),
    },
  };
};
