import type { Signature } from "../git/objects.js";
import { applyChanges, writeSnapshot } from "../git/snapshot.js";
import { setIssueState } from "../state/issues.js";
import { ensureLabel } from "../state/labels.js";
import { attachPull, isPull, openPull, type PullIssue } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { parseTime } from "../time.js";
import type { PullRequestPayload } from "./payloads.js";
import { meet } from "./world-from-payload.js";

export type FileChanges = Record<string, string | null>;

/** Stores a commit under the sha a delivery gave, with the parent's files plus `files`. */
const addCommit = (
  repo: RepoState,
  spec: { sha: string; parent: string; author: Signature; message: string; files?: FileChanges },
): void => {
  if (repo.objects.commit(spec.sha)) {
    if (spec.files)
      throw new Error(`sandbox: files given for commit ${spec.sha}, which ${repo.fullName} already holds`);
    return;
  }
  const files = applyChanges(repo.objects, repo.snapshot(spec.parent), spec.files ?? {});
  repo.objects.adoptCommit({
    sha: spec.sha,
    tree: writeSnapshot(repo.objects, files),
    parents: [spec.parent],
    message: spec.message,
    author: spec.author,
    committer: spec.author,
  });
};

/** The base branch's head; a base the sandbox has not seen yet starts at the default branch. */
const baseHead = (repo: RepoState, ref: string, at: number): string => {
  const existing = repo.branches.get(ref);
  if (existing) return existing;
  const start = repo.branches.get(repo.info.defaultBranch);
  if (!start) throw new Error(`sandbox: ${repo.fullName} has no default branch to start "${ref}" from`);
  repo.moveBranch(ref, start, at);
  return start;
};

const sameRepo = (repo: RepoState, data: PullRequestPayload): boolean =>
  !data.head.repo || data.head.repo.full_name.toLowerCase() === repo.fullName.toLowerCase();

/**
 * Makes the pull request match a delivery: created on first sight with a first commit by its author at
 * created_at; a head sha the sandbox does not hold becomes a new commit on top of the current head.
 */
export const upsertPull = (
  world: World,
  repo: RepoState,
  data: PullRequestPayload,
  head: { sha: string; at: number; files?: FileChanges; sender?: string },
): PullIssue => {
  const author = meet(world, data.user);
  const known = repo.issues.get(data.number);
  const pr = isPull(known) ? known : createPull(world, repo, data, head, author, known);
  if (pr === known) advanceHead(world, repo, pr, data, { ...head, author });
  pr.pull.headSha = head.sha;
  if (sameRepo(repo, data)) repo.moveBranch(data.head.ref, head.sha, head.at);
  copyFields(world, repo, pr, data, head.sender);
  return pr;
};

/** A head sha the sandbox does not hold becomes a commit on the current head (on the merge base after a force push). */
const advanceHead = (
  world: World,
  repo: RepoState,
  pr: PullIssue,
  data: PullRequestPayload,
  head: { sha: string; at: number; files?: FileChanges; author: string },
): void => {
  // A redelivery names the head the pull request already has: nothing to add.
  if (head.sha === pr.pull.headSha) return;
  const forced = pr.pull.forcePushes.some((p) => p.afterSha === head.sha);
  addCommit(repo, {
    sha: head.sha,
    parent: forced ? pr.pull.mergeBase : pr.pull.headSha,
    author: world.signature(head.author, head.at),
    message: `Update ${data.head.ref}`,
    ...(head.files ? { files: head.files } : {}),
  });
};

/** A pull request seen for the first time, with a first commit by its author at created_at. */
const createPull = (
  world: World,
  repo: RepoState,
  data: PullRequestPayload,
  head: { sha: string; files?: FileChanges },
  author: string,
  issue: IssueRecord | undefined,
): PullIssue => {
  const createdAt = parseTime(data.created_at) ?? world.clock.now();
  const mergeBase = baseHead(repo, data.base.ref, createdAt);
  const spec = {
    number: data.number,
    title: data.title,
    body: data.body ?? null,
    author,
    createdAt,
    headRef: data.head.ref,
    headSha: head.sha,
    baseRef: data.base.ref,
    mergeBase,
    ...(data.id === undefined ? {} : { id: data.id }),
    ...(data.node_id === undefined ? {} : { nodeId: data.node_id }),
  };
  const pr = issue ? attachPull(world, issue, spec) : openPull(world, repo, spec);
  addCommit(repo, {
    sha: head.sha,
    parent: mergeBase,
    author: world.signature(author, createdAt),
    message: data.title,
    ...(head.files ? { files: head.files } : {}),
  });
  return pr;
};

const copyFields = (
  world: World,
  repo: RepoState,
  pr: PullIssue,
  data: PullRequestPayload,
  sender?: string,
): void => {
  pr.title = data.title;
  pr.body = data.body ?? null;
  if (data.labels) {
    pr.labels = data.labels.map(
      (l) =>
        ensureLabel(world, repo, l.name, {
          ...(l.color === undefined ? {} : { color: l.color }),
          description: l.description ?? null,
          ...(l.id === undefined ? {} : { id: l.id }),
          ...(l.node_id === undefined ? {} : { nodeId: l.node_id }),
        }).name,
    );
  }
  if (data.assignees) pr.assignees = data.assignees.map((a) => meet(world, a));
  if (data.requested_reviewers) {
    pr.pull.requestedReviewers = data.requested_reviewers.flatMap((r) => (r.login ? [r.login] : []));
  }
  if (data.draft !== undefined) pr.pull.draft = data.draft;
  if (data.additions !== undefined && data.deletions !== undefined && data.changed_files !== undefined) {
    pr.pull.reportedSize = {
      additions: data.additions,
      deletions: data.deletions,
      changedFiles: data.changed_files,
    };
  }
  const mergedAt = parseTime(data.merged_at);
  if (data.merged || mergedAt !== undefined) {
    pr.pull.merged = true;
    pr.pull.mergedAt = mergedAt ?? world.clock.now();
    pr.pull.mergeCommitSha = data.merge_commit_sha ?? pr.pull.mergeCommitSha;
    if (data.merged_by) pr.pull.mergedBy = meet(world, data.merged_by);
  }
  if (data.state !== pr.state)
    setIssueState(world, pr, data.state, null, pr.pull.mergedBy ?? sender ?? pr.author);
  if (data.state === "closed") pr.closedAt = parseTime(data.closed_at) ?? pr.closedAt;
  pr.updatedAt = Math.max(pr.updatedAt, parseTime(data.updated_at) ?? world.clock.now());
};
