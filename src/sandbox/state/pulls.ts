import { diffSnapshots, type FileChange } from "../git/diff.js";
import { commitsSince, isAncestor, mergeBaseOf } from "../git/history.js";
import { mergeSnapshots } from "../git/merge.js";
import type { CommitObject } from "../git/objects.js";
import { writeSnapshot } from "../git/snapshot.js";
import { legacyNodeId } from "./ids.js";
import { fileIssue, setIssueState } from "./issues.js";
import type { IssueRecord, PullRecord } from "./records.js";
import type { RepoState } from "./repo.js";
import type { World } from "./world.js";

export type PullIssue = IssueRecord & { pull: PullRecord };

export const isPull = (issue: IssueRecord | undefined): issue is PullIssue => issue?.pull !== undefined;

/** An open pull request follows its head branch, as on GitHub; a closed one keeps the sha it closed at. */
export const headOf = (repo: RepoState, issue: PullIssue): string =>
  (issue.state === "open" ? repo.branches.get(issue.pull.headRef) : undefined) ?? issue.pull.headSha;

export const pullCommits = (repo: RepoState, issue: PullIssue): CommitObject[] =>
  commitsSince(repo.objects, headOf(repo, issue), issue.pull.mergeBase);

export const pullChanges = (repo: RepoState, issue: PullIssue): FileChange[] =>
  diffSnapshots(repo.objects, repo.snapshot(issue.pull.mergeBase), repo.snapshot(headOf(repo, issue)));

/** Size as GitHub reports it: from the webhook when the sandbox only heard about it, else from the diff. */
export const pullSize = (repo: RepoState, issue: PullIssue) => {
  if (issue.pull.reportedSize) return issue.pull.reportedSize;
  const changes = pullChanges(repo, issue);
  return {
    additions: changes.reduce((n, c) => n + c.additions, 0),
    deletions: changes.reduce((n, c) => n + c.deletions, 0),
    changedFiles: changes.length,
  };
};

export interface NewPull {
  title: string;
  body?: string | null;
  headRef: string;
  headSha: string;
  baseRef: string;
  mergeBase: string;
  author: string;
  draft?: boolean;
  number?: number;
  id?: number;
  nodeId?: string;
  createdAt?: number;
}

export const openPull = (world: World, repo: RepoState, spec: NewPull): PullIssue =>
  attachPull(world, fileIssue(world, repo, spec), spec);

/** Makes an issue number a pull request (a webhook may name a pull request's number before its details). */
export const attachPull = (world: World, issue: IssueRecord, spec: NewPull): PullIssue => {
  const id = spec.id ?? world.ids.take();
  const pull: PullRecord = {
    id,
    nodeId: spec.nodeId ?? legacyNodeId("PullRequest", id),
    headRef: spec.headRef,
    headSha: spec.headSha,
    baseRef: spec.baseRef,
    mergeBase: spec.mergeBase,
    draft: spec.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    requestedReviewers: [],
    reviews: [],
    forcePushes: [],
    linkedIssues: [],
  };
  return Object.assign(issue, { pull });
};

export type MergeMethod = "merge" | "squash" | "rebase";

export type MergeResult = { ok: true; sha: string } | { ok: false; reason: string };

/** Whether the head merges cleanly into the base right now. */
export const mergeable = (repo: RepoState, issue: PullIssue): boolean => {
  const base = repo.branches.get(issue.pull.baseRef);
  if (!base || issue.state !== "open") return false;
  const head = headOf(repo, issue);
  const mergeBase = mergeBaseOf(repo.objects, head, base) ?? issue.pull.mergeBase;
  return mergeSnapshots(repo.snapshot(mergeBase), repo.snapshot(base), repo.snapshot(head)).ok;
};

/**
 * Merges a pull request into its base. "merge" writes a merge commit; "squash" one commit with the merged
 * files; "rebase" fast-forwards when it can and otherwise squashes (the sandbox does not replay commits).
 * Issues the pull request closes are closed when the base is the default branch.
 */
export const mergePull = (
  world: World,
  repo: RepoState,
  issue: PullIssue,
  opts: { method: MergeMethod; title?: string; message?: string; by: string },
): MergeResult => {
  const base = repo.branches.get(issue.pull.baseRef);
  if (!base || issue.state !== "open") return { ok: false, reason: "Pull Request is not mergeable" };
  const head = headOf(repo, issue);
  const mergeBase = mergeBaseOf(repo.objects, head, base) ?? issue.pull.mergeBase;
  const merged = mergeSnapshots(repo.snapshot(mergeBase), repo.snapshot(base), repo.snapshot(head));
  if (!merged.ok) return { ok: false, reason: "Pull Request is not mergeable" };

  const signature = world.signature(opts.by);
  let sha: string;
  if (opts.method === "rebase" && isAncestor(repo.objects, base, head)) {
    sha = head;
  } else {
    const squash = opts.method !== "merge";
    const title =
      opts.title ??
      (squash
        ? `${issue.title} (#${issue.number})`
        : `Merge pull request #${issue.number} from ${repo.info.owner}/${issue.pull.headRef}`);
    const message = opts.message ?? (squash ? "" : issue.title);
    sha = repo.objects.putCommit({
      tree: writeSnapshot(repo.objects, merged.files),
      parents: squash ? [base] : [base, head],
      message: message ? `${title}\n\n${message}` : title,
      author: signature,
      committer: signature,
    }).sha;
  }
  repo.moveBranch(issue.pull.baseRef, sha, signature.date);
  Object.assign(issue.pull, {
    merged: true,
    mergedAt: signature.date,
    mergedBy: opts.by,
    mergeCommitSha: sha,
    headSha: head,
  });
  setIssueState(world, issue, "closed", null, opts.by);
  if (issue.pull.baseRef === repo.info.defaultBranch) {
    for (const number of closedIssueNumbers(repo, issue)) {
      const closes = repo.issues.get(number);
      if (closes && !closes.pull && closes.state === "open")
        setIssueState(world, closes, "closed", "completed", opts.by);
    }
  }
  return { ok: true, sha };
};

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/gi;

/** Issue numbers a pull request closes: "closes #n" / "fixes owner/repo#n" in its body, or linked by hand. */
export const closedIssueNumbers = (repo: RepoState, issue: PullIssue): number[] => {
  const numbers = [...(issue.body ?? "").matchAll(CLOSING)]
    .filter((m) => m[1] === undefined || m[1].toLowerCase() === repo.fullName.toLowerCase())
    .map((m) => Number(m[2]));
  return [...new Set([...numbers, ...issue.pull.linkedIssues])];
};

/** Pull requests that close an issue, by number. */
export const pullsClosing = (repo: RepoState, issueNumber: number): PullIssue[] =>
  [...repo.issues.values()].filter(isPull).filter((pr) => closedIssueNumbers(repo, pr).includes(issueNumber));
