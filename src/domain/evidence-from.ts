import { classifyIssue, classifyPullRequest, isSmall } from "./classify.js";
import type { IssueItem, PullRequestItem, ReviewItem } from "./evidence.js";
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
): PullRequestItem => ({
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
  review_rounds: reviewRounds(pr.timeline, pr.author),
  reviewed: wasReviewed(pr.timeline, pr.author),
  hours_to_merge: Math.round(((Date.parse(pr.mergedAt) - Date.parse(pr.createdAt)) / 3_600_000) * 10) / 10,
});

export interface SubmittedReview {
  nodeId: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  state: string;
  submittedAt: string;
  prAuthor: string;
  prAuthorLevel: string | undefined;
}

export const reviewItem = (r: SubmittedReview, recordedAt: string): ReviewItem => ({
  kind: "review",
  key: r.nodeId,
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
