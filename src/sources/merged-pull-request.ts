import type { z } from "zod";
import { canonicalLogin } from "../domain/profile.js";
import { pullRequestItem } from "../domain/pull-request-evidence.js";
import { whyActorIgnored } from "../domain/scope.js";
import { onlyTheTeamSees } from "../domain/tagging.js";
import { combineSelections } from "../github/career-files.js";
import { closingIssues, closingIssuesSelection } from "../github/closing-issues.js";
import { pullRequestFacts, pullRequestSelection } from "../github/pull-request-facts.js";
import { PullRequestClosed } from "./payloads.js";
import { type EvidenceSource, repoIgnored } from "./source.js";

type Payload = z.infer<typeof PullRequestClosed>;
type Facts = NonNullable<Awaited<ReturnType<typeof pullRequestFacts>>> & { closes: string[] };

const repoOf = (p: Payload) => ({ owner: p.repository.owner.login, repo: p.repository.name });

/** A merged pull request is evidence for its author. */
export const mergedPullRequest: EvidenceSource<Payload, Facts> = {
  event: "pull_request.closed",
  payload: PullRequestClosed,
  operation: "RungsPullRequest",
  ignored: ({ pull_request: pr, repository }, config) => {
    if (!pr.merged || !pr.merged_at) return "closed without merging";
    // Shipped means merged into the default branch: a merge into a stacked branch ships nothing yet.
    const base = pr.base?.ref;
    if (base && repository.default_branch && base !== repository.default_branch)
      return `merged into ${base}, not the default branch`;
    return whyActorIgnored(pr.user, config.settings) ?? repoIgnored(repository, config);
  },
  credits: ({ pull_request: pr }, config) =>
    pr.merged_at ? [{ login: canonicalLogin(config.profiles, pr.user.login), at: pr.merged_at }] : [],
  selection: (p) =>
    combineSelections(
      pullRequestSelection(repoOf(p), p.pull_request.number),
      closingIssuesSelection(repoOf(p), p.pull_request.number),
    ),
  facts: async (github, p, data) => {
    const facts = await pullRequestFacts(github, repoOf(p), p.pull_request.number, data);
    return facts && { ...facts, closes: closingIssues(data) };
  },
  items: ({ pull_request: pr, repository }, facts, config, recordedAt) => {
    const login = canonicalLogin(config.profiles, pr.user.login);
    const item = pullRequestItem(
      {
        nodeId: pr.node_id,
        repo: repository.full_name,
        number: pr.number,
        title: pr.title,
        url: pr.html_url,
        author: login,
        labels: pr.labels.map((l) => l.name),
        additions: pr.additions,
        deletions: pr.deletions,
        changedFiles: pr.changed_files,
        createdAt: pr.created_at,
        mergedAt: pr.merged_at ?? pr.created_at,
        ...facts,
      },
      config.settings,
      recordedAt,
    );
    return [{ login, item }];
  },
  taggable: (p) => ({
    ...repoOf(p),
    teamOnly: onlyTheTeamSees(p.repository),
  }),
};
