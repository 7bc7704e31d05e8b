import { transferIssue } from "../state/issues.js";
import type { World } from "../state/world.js";
import { eventTime } from "./event-time.js";
import { removeIssue, upsertComment, upsertIssue } from "./issues.js";
import {
  envelopePayload,
  issueCommentEvent,
  issuesEvent,
  issueTransferredEvent,
  pullRequestEvent,
  pushEvent,
  readPayload,
  repositoryEvent,
  reviewEvent,
} from "./payloads.js";
import { type FileChanges, upsertPull } from "./pull-request.js";
import { applyPush } from "./push.js";
import { applyRepositoryEvent } from "./repository.js";
import { upsertReview } from "./review.js";
import { adoptInstallation, meet, repositoryFrom } from "./world-from-payload.js";

/**
 * Makes the world consistent with one webhook delivery, before the caller delivers it to an app:
 * the clock moves to the action's time (never backwards), the repository and installation appear,
 * and the delivery's subject (pull request, review, issue, comment, push) is upserted.
 */
export const applyEvent = (world: World, name: string, payload: unknown, files?: FileChanges): void => {
  const envelope = readPayload(name, envelopePayload, payload);
  const happenedAt = eventTime(name, payload);
  world.catchUp(happenedAt);
  adoptInstallation(world, envelope);
  if (!envelope.repository) return;
  // A repository delivery may rename, move or delete the repository it names: it is found, not created.
  if (name === "repository") {
    if (files)
      throw new Error(`sandbox: files can only accompany push and pull_request deliveries, not "${name}"`);
    applyRepositoryEvent(world, readPayload(name, repositoryEvent, payload));
    return;
  }
  const repo = repositoryFrom(world, envelope.repository);
  const sender = envelope.sender ? meet(world, envelope.sender) : undefined;
  // A commit a delivery implies is dated by the delivery itself, even when the clock is already later.
  const at = happenedAt ?? world.clock.now();
  const withSender = sender ? { sender } : {};

  switch (name) {
    case "pull_request": {
      const event = readPayload(name, pullRequestEvent, payload);
      const sha =
        event.action === "synchronize"
          ? (event.after ?? event.pull_request.head.sha)
          : event.pull_request.head.sha;
      upsertPull(world, repo, event.pull_request, { sha, at, ...(files ? { files } : {}), ...withSender });
      return;
    }
    case "pull_request_review": {
      const event = readPayload(name, reviewEvent, payload);
      const pr = upsertPull(world, repo, event.pull_request, {
        sha: event.pull_request.head.sha,
        at,
        ...withSender,
      });
      upsertReview(world, pr, event);
      return;
    }
    case "issues": {
      const event = readPayload(name, issuesEvent, payload);
      if (event.action === "deleted") {
        removeIssue(repo, event.issue.number);
        return;
      }
      const issue = upsertIssue(world, repo, event.issue, sender);
      if (event.action === "transferred") {
        const { changes } = readPayload(name, issueTransferredEvent, payload);
        const target = repositoryFrom(world, changes.new_repository);
        transferIssue(world, repo, issue.number, target, changes.new_issue.number);
        upsertIssue(world, target, changes.new_issue, sender);
      }
      return;
    }
    case "issue_comment": {
      const event = readPayload(name, issueCommentEvent, payload);
      upsertComment(world, upsertIssue(world, repo, event.issue, sender), event);
      return;
    }
    case "push":
      applyPush(world, repo, readPayload(name, pushEvent, payload), files);
      return;
    default:
      if (files)
        throw new Error(`sandbox: files can only accompany push and pull_request deliveries, not "${name}"`);
  }
};
