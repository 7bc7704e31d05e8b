/**
 * Review rounds of a pull request. Definition: docs/metrics.md#review-rounds.
 * Walk the timeline in time order, keeping reviews by humans other than the author (approved,
 * changes requested, commented, dismissed) and pushes by the author; a round is a maximal run of
 * reviews with no push between them, and rounds = the number of runs.
 */
export type TimelineEvent =
  | { kind: "review"; at: string; by: string; state: string; byBot: boolean }
  | { kind: "push"; at: string; by: string };

const COUNTED_STATES = new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]);

const isCountedReview = (e: TimelineEvent, author: string): boolean =>
  e.kind === "review" &&
  !e.byBot &&
  e.by.toLowerCase() !== author.toLowerCase() &&
  COUNTED_STATES.has(e.state.toUpperCase());

/** On equal timestamps a push sorts first: a review at the same instant has seen it. */
const byTime = (a: TimelineEvent, b: TimelineEvent): number =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === b.kind ? 0 : a.kind === "push" ? -1 : 1;

export const reviewRounds = (timeline: readonly TimelineEvent[], author: string): number => {
  const kept = timeline
    .filter(
      (e) => isCountedReview(e, author) || (e.kind === "push" && e.by.toLowerCase() === author.toLowerCase()),
    )
    .sort(byTime);
  let rounds = 0;
  let inRun = false;
  for (const e of kept) {
    if (e.kind === "review") {
      if (!inRun) rounds++;
      inRun = true;
    } else {
      inRun = false;
    }
  }
  return rounds;
};

/** Whether a human other than the author reviewed it at all (the review-rounds criterion's sample). */
export const wasReviewed = (timeline: readonly TimelineEvent[], author: string): boolean =>
  timeline.some((e) => isCountedReview(e, author));
