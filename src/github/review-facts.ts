import { z } from "zod";
import type { ExtraSelection } from "./career-files.js";

/** The review part of the event's read: how many inline comments the review made (teaching, or not). */
export const reviewSelection = (reviewNodeId: string): ExtraSelection => ({
  declarations: "$reviewId: ID!",
  variables: { reviewId: reviewNodeId },
  selection: `reviewed: node(id: $reviewId) { ... on PullRequestReview { comments { totalCount } } }`,
});

const ReviewData = z.object({
  reviewed: z
    .object({ comments: z.object({ totalCount: z.number() }).optional() })
    .nullable()
    .optional(),
});

export const inlineComments = (data: Record<string, unknown>): number => {
  const r = ReviewData.safeParse(data);
  return r.success ? (r.data.reviewed?.comments?.totalCount ?? 0) : 0;
};
