import { legacyNodeId } from "./ids.js";
import { ensureLabels } from "./labels.js";
import type { IssueRecord } from "./records.js";
import type { RepoState } from "./repo.js";
import type { World } from "./world.js";

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  author: string;
  number?: number;
  id?: number;
  nodeId?: string;
  createdAt?: number;
}

/** Files a new issue under the repository's next number (or the number a webhook gave). */
export const fileIssue = (world: World, repo: RepoState, spec: NewIssue): IssueRecord => {
  const id = spec.id ?? world.ids.take();
  const createdAt = spec.createdAt ?? world.clock.now();
  const issue: IssueRecord = {
    number: spec.number ?? repo.nextNumber(),
    id,
    nodeId: spec.nodeId ?? legacyNodeId("Issue", id),
    title: spec.title,
    body: spec.body ?? null,
    state: "open",
    stateReason: null,
    labels: ensureLabels(world, repo, spec.labels ?? []),
    assignees: [...new Set(spec.assignees ?? [])],
    author: spec.author,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    closedBy: null,
    comments: [],
    reactions: [],
  };
  repo.issues.set(issue.number, issue);
  return issue;
};

/** Opens or closes an issue; GitHub records who closed it, when, and why. */
export const setIssueState = (
  world: World,
  issue: IssueRecord,
  state: "open" | "closed",
  reason: string | null | undefined,
  by: string,
): void => {
  const now = world.clock.now();
  if (state === "closed") {
    if (issue.state !== "closed") {
      issue.closedAt = now;
      issue.closedBy = by;
    }
    issue.stateReason = reason ?? (issue.pull ? null : "completed");
  } else {
    if (issue.state === "closed") issue.stateReason = reason ?? "reopened";
    else if (reason !== undefined) issue.stateReason = reason;
    issue.closedAt = null;
    issue.closedBy = null;
  }
  issue.state = state;
  issue.updatedAt = now;
};

/**
 * Deletes an issue, as a repository admin can: it leaves every list and GraphQL, REST answers 410 Gone for
 * its number, and the number is never reused. Pull requests cannot be deleted on GitHub.
 */
export const deleteIssue = (repo: RepoState, number: number): void => {
  const issue = repo.issues.get(number);
  if (!issue || issue.pull) throw new Error(`sandbox: ${repo.fullName} has no issue #${number} to delete`);
  repo.issues.delete(number);
  repo.tombstones.set(number, { kind: "deleted" });
};

/**
 * Transfers an issue to another repository, where it takes the next number and keeps its ids, comments,
 * assignees and labels (labels the target lacks are created there). The old number redirects (301) to it.
 */
export const transferIssue = (
  world: World,
  from: RepoState,
  number: number,
  to: RepoState,
  newNumber = to.nextNumber(),
): IssueRecord => {
  const issue = from.issues.get(number);
  if (!issue || issue.pull) throw new Error(`sandbox: ${from.fullName} has no issue #${number} to transfer`);
  if (from === to) throw new Error(`sandbox: issue #${number} is already in ${to.fullName}`);
  if (to.issues.has(newNumber)) throw new Error(`sandbox: ${to.fullName} already has #${newNumber}`);
  const moved: IssueRecord = {
    ...issue,
    number: newNumber,
    labels: ensureLabels(world, to, issue.labels),
    updatedAt: world.clock.now(),
  };
  from.issues.delete(number);
  from.tombstones.set(number, { kind: "transferred", repoId: to.info.id, number: moved.number });
  to.issues.set(moved.number, moved);
  return moved;
};
