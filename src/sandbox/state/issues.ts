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
