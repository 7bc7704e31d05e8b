import { headOf, mergeable, type PullIssue, pullCommits, pullSize } from "../state/pulls.js";
import type { IssueRecord, ReviewRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { renderLabelNamed } from "./label.js";
import { renderRepository } from "./repository.js";
import { repoApi, repoWeb } from "./urls.js";
import { authorAssociation, renderUser, renderUserOrNull } from "./user.js";

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

const branchSide = (world: World, repo: RepoState, ref: string, sha: string) => ({
  label: `${repo.info.owner}:${ref}`,
  ref,
  sha,
  user: renderUser(world, repo.info.owner),
  repo: renderRepository(world, repo),
});

/** GitHub's `pull-request-simple`, as pull request lists answer. */
export const renderPullSimple = (world: World, repo: RepoState, issue: PullIssue) => {
  const { pull } = issue;
  const url = repoApi(repo, `/pulls/${issue.number}`);
  const web = repoWeb(repo, `/pull/${issue.number}`);
  const issueUrl = repoApi(repo, `/issues/${issue.number}`);
  const head = headOf(repo, issue);
  const baseSha = repo.branches.get(pull.baseRef) ?? pull.mergeBase;
  const assignees = issue.assignees.map((login) => renderUser(world, login));
  return {
    url,
    id: pull.id,
    node_id: pull.nodeId,
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: repoApi(repo, "/pulls/comments{/number}"),
    comments_url: `${issueUrl}/comments`,
    statuses_url: repoApi(repo, `/statuses/${head}`),
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: renderUser(world, issue.author),
    body: issue.body,
    labels: issue.labels.map((name) => renderLabelNamed(repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: isoSeconds(issue.createdAt),
    updated_at: isoSeconds(issue.updatedAt),
    closed_at: iso(issue.closedAt),
    merged_at: iso(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requestedReviewers.map((login) => renderUser(world, login)),
    requested_teams: [],
    head: branchSide(world, repo, pull.headRef, head),
    base: branchSide(world, repo, pull.baseRef, baseSha),
    _links: {
      self: { href: url },
      html: { href: web },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: repoApi(repo, "/pulls/comments{/number}") },
      commits: { href: `${url}/commits` },
      statuses: { href: repoApi(repo, `/statuses/${head}`) },
    },
    author_association: authorAssociation(world, repo.info.owner, issue.author),
    auto_merge: null,
    draft: pull.draft,
  };
};

/** GitHub's full `pull-request`, as a single pull request answers. */
export const renderPull = (world: World, repo: RepoState, issue: PullIssue) => {
  const size = pullSize(repo, issue);
  const canMerge = issue.state === "open" ? mergeable(repo, issue) : null;
  return {
    ...renderPullSimple(world, repo, issue),
    merged: issue.pull.merged,
    mergeable: canMerge,
    rebaseable: canMerge,
    mergeable_state: canMerge === null ? "unknown" : canMerge ? "clean" : "dirty",
    merged_by: renderUserOrNull(world, issue.pull.mergedBy),
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pullCommits(repo, issue).length,
    additions: size.additions,
    deletions: size.deletions,
    changed_files: size.changedFiles,
  };
};

export const renderReview = (world: World, repo: RepoState, issue: IssueRecord, review: ReviewRecord) => {
  const pullUrl = repoApi(repo, `/pulls/${issue.number}`);
  const html = repoWeb(repo, `/pull/${issue.number}#pullrequestreview-${review.id}`);
  return {
    id: review.id,
    node_id: review.nodeId,
    user: renderUser(world, review.author),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: isoSeconds(review.submittedAt),
    commit_id: review.commitId,
    author_association: authorAssociation(world, repo.info.owner, review.author),
  };
};
