import type { z } from "zod";
import { legacyNodeId } from "../state/ids.js";
import type { PullIssue } from "../state/pulls.js";
import type { World } from "../state/world.js";
import { parseTime } from "../time.js";
import type { ReviewState } from "../types.js";
import type { reviewEvent } from "./payloads.js";
import { meet } from "./world-from-payload.js";

const STATES: Record<string, ReviewState> = {
  APPROVED: "APPROVED",
  CHANGES_REQUESTED: "CHANGES_REQUESTED",
  COMMENTED: "COMMENTED",
  DISMISSED: "DISMISSED",
  PENDING: "PENDING",
};

/** Adds or updates a review as a delivery describes it; payloads spell states in lower case. */
export const upsertReview = (world: World, pr: PullIssue, event: z.infer<typeof reviewEvent>): void => {
  const { review } = event;
  const state = event.action === "dismissed" ? "DISMISSED" : STATES[review.state.toUpperCase()];
  if (!state) throw new Error(`sandbox: review ${review.id} has unknown state "${review.state}"`);
  const existing = pr.pull.reviews.find((r) => r.id === review.id);
  const fields = {
    author: meet(world, review.user),
    state,
    body: review.body ?? "",
    submittedAt: parseTime(review.submitted_at) ?? existing?.submittedAt ?? world.clock.now(),
    commitId: review.commit_id ?? null,
  };
  if (existing) Object.assign(existing, fields);
  else
    pr.pull.reviews.push({
      id: review.id,
      nodeId: review.node_id ?? legacyNodeId("PullRequestReview", review.id),
      ...fields,
    });
};
