import type { z } from "zod";
import { legacyNodeId } from "../state/ids.js";
import { fileIssue, setIssueState } from "../state/issues.js";
import { ensureLabel } from "../state/labels.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { parseTime } from "../time.js";
import type { IssuePayload, issueCommentEvent } from "./payloads.js";
import { meet } from "./world-from-payload.js";

/**
 * Makes an issue match a delivery. A pull request named by an issue delivery before any pull_request
 * delivery is kept as a plain issue until its pull_request delivery arrives.
 */
export const upsertIssue = (
  world: World,
  repo: RepoState,
  data: IssuePayload,
  sender?: string,
): IssueRecord => {
  const author = meet(world, data.user);
  const issue =
    repo.issues.get(data.number) ??
    fileIssue(world, repo, {
      number: data.number,
      title: data.title,
      author,
      createdAt: parseTime(data.created_at) ?? world.clock.now(),
      ...(data.id === undefined ? {} : { id: data.id }),
      ...(data.node_id === undefined ? {} : { nodeId: data.node_id }),
    });
  issue.title = data.title;
  issue.body = data.body ?? null;
  if (data.labels) {
    issue.labels = data.labels.map(
      (l) =>
        ensureLabel(world, repo, l.name, {
          ...(l.color === undefined ? {} : { color: l.color }),
          description: l.description ?? null,
        }).name,
    );
  }
  if (data.assignees) issue.assignees = data.assignees.map((a) => meet(world, a));
  if (data.state && data.state !== issue.state)
    setIssueState(world, issue, data.state, data.state_reason, sender ?? author);
  if (data.state_reason !== undefined) issue.stateReason = data.state_reason;
  if (issue.state === "closed") issue.closedAt = parseTime(data.closed_at) ?? issue.closedAt;
  issue.updatedAt = Math.max(issue.updatedAt, parseTime(data.updated_at) ?? world.clock.now());
  return issue;
};

export const upsertComment = (
  world: World,
  issue: IssueRecord,
  event: z.infer<typeof issueCommentEvent>,
): void => {
  const { comment } = event;
  const index = issue.comments.findIndex((c) => c.id === comment.id);
  if (event.action === "deleted") {
    if (index !== -1) issue.comments.splice(index, 1);
    return;
  }
  const createdAt = parseTime(comment.created_at) ?? world.clock.now();
  const record = {
    id: comment.id,
    nodeId: comment.node_id ?? legacyNodeId("IssueComment", comment.id),
    author: meet(world, comment.user),
    body: comment.body,
    createdAt,
    updatedAt: parseTime(comment.updated_at) ?? createdAt,
  };
  if (index === -1) issue.comments.push(record);
  // A redelivery or an edit is the same comment: its reactions stay.
  else issue.comments[index] = { ...record, reactions: issue.comments[index]?.reactions ?? [] };
};

/** issues.deleted: the issue goes (if the sandbox held it) and its number answers 410 Gone from now on. */
export const removeIssue = (repo: RepoState, number: number): void => {
  const issue = repo.issues.get(number);
  if (issue?.pull)
    throw new Error(`sandbox: ${repo.fullName}#${number} is a pull request and cannot be deleted`);
  repo.issues.delete(number);
  repo.tombstones.set(number, { kind: "deleted" });
};
