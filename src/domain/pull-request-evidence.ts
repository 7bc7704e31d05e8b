import { isBot } from "./bots.js";
import { classifyPullRequest, isSmall } from "./classify.js";
import type { PullRequestItem } from "./evidence.js";
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
