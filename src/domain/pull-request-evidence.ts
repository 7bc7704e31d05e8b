import { isBot } from "./bots.js";
import { classifyPullRequest, isSmall } from "./classify.js";
import { observed, type PullRequestItem } from "./evidence.js";
import { type ReviewHistory, reviewRounds, wasReviewed } from "./review-rounds.js";
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
  /** Reviews, the pull request's commits and force pushes, for review rounds. */
  timeline: Pick<ReviewHistory, "reviews" | "commits" | "forcePushes">;
  /** Node ids of the issues it closes. */
  closes?: string[];
}

export const pullRequestItem = (
  pr: MergedPullRequest,
  settings: Settings,
  recordedAt: string,
): PullRequestItem => {
  // Configured bot logins and AI reviewers are not humans, whatever account type GitHub reports.
  const history: ReviewHistory = {
    ...pr.timeline,
    author: pr.author,
    mergedAt: pr.mergedAt,
    reviews: pr.timeline.reviews.map((r) => ({ ...r, byBot: r.byBot || isBot({ login: r.by }, settings) })),
  };
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
    review_rounds: reviewRounds(history),
    reviewed: wasReviewed(history),
    hours_to_merge: Math.round(((Date.parse(pr.mergedAt) - Date.parse(pr.createdAt)) / 3_600_000) * 10) / 10,
    closes: [...new Set(pr.closes ?? [])].sort(),
  };
};
