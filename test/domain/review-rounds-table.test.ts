import { describe, expect, it } from "vitest";
import { reviewRounds, type TimelineEvent, wasReviewed } from "../../src/domain/review-rounds.js";

// Events one minute apart unless a row says otherwise; the author is alice.
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 9, 5, 10, minute, second)).toISOString();
const r = (minute: number, by = "rita", state = "COMMENTED", byBot = false): TimelineEvent => ({
  kind: "review",
  at: at(minute),
  by,
  state,
  byBot,
});
const p = (minute: number, by = "alice"): TimelineEvent => ({ kind: "push", at: at(minute), by });

describe("review rounds: each row is one way to get it wrong", () => {
  it.each<[string, TimelineEvent[], number, boolean]>([
    ["an empty timeline", [], 0, false],
    ["only pushes", [p(0), p(1), p(2)], 0, false],
    ["one review with no push at all", [r(0)], 1, true],
    ["two reviews with no push at all are one round", [r(0), r(1, "sam")], 1, true],
    ["the same reviewer twice in a row is one round", [p(0), r(1), r(2)], 1, true],
    ["a push between two reviews makes two rounds", [p(0), r(1), p(2), r(3)], 2, true],
    ["several pushes between reviews are still one break", [p(0), r(1), p(2), p(3), r(4)], 2, true],
    ["three rounds", [p(0), r(1), p(2), r(3), p(4), r(5)], 3, true],
    ["APPROVED counts", [p(0), r(1, "rita", "APPROVED")], 1, true],
    ["CHANGES_REQUESTED counts", [p(0), r(1, "rita", "CHANGES_REQUESTED")], 1, true],
    ["COMMENTED counts", [p(0), r(1, "rita", "COMMENTED")], 1, true],
    ["DISMISSED counts", [p(0), r(1, "rita", "DISMISSED")], 1, true],
    ["states in lower case count", [p(0), r(1, "rita", "changes_requested")], 1, true],
    ["PENDING does not count", [p(0), r(1, "rita", "PENDING")], 0, false],
    ["an unknown state does not count", [p(0), r(1, "rita", "APPROVE")], 0, false],
    ["a review by a bot does not count", [p(0), r(1, "rita", "APPROVED", true)], 0, false],
    ["the author reviewing, any case", [p(0), r(1, "ALICE")], 0, false],
    // Ignored reviews must not start a round, nor join two rounds into one.
    [
      "a bot review between pushes does not start a round",
      [p(0), r(1), p(2), r(3, "ci", "COMMENTED", true)],
      1,
      true,
    ],
    ["the author's review does not start a round", [p(0), r(1), p(2), r(3, "alice")], 1, true],
    ["a pending review does not start a round", [p(0), r(1), p(2), r(3, "rita", "PENDING")], 1, true],
    // Pushes by others (a reviewer's suggestion commit) do not break a run.
    ["a reviewer's push does not end the round", [p(0), r(1), p(2, "rita"), r(3)], 1, true],
    ["the author's push, any case, ends the round", [p(0), r(1), p(2, "Alice"), r(3)], 2, true],
  ])("%s → %i", (_name, timeline, rounds, reviewed) => {
    expect(reviewRounds(timeline, "alice")).toBe(rounds);
    expect(wasReviewed(timeline, "alice")).toBe(reviewed);
  });

  it.each<[string, TimelineEvent[], number]>([
    ["reviews listed before the pushes they follow", [r(3), p(2), r(1), p(0)], 2],
    ["a push listed after a later review", [r(1), r(3), p(2)], 2],
    ["a push and a review at the same instant: the push first", [r(1), r(2), p(2)], 2],
    ["a review and a push at the same instant, review listed first", [p(0), r(1), r(3), p(3)], 2],
    ["a push and a review at the same instant, push listed between", [r(1), p(2), r(2)], 2],
    ["a push and a review at the same instant, push listed first", [p(0), r(1), p(3), r(3)], 2],
    ["two reviews at the same instant", [p(0), r(1), r(1, "sam"), p(2), r(3)], 2],
    [
      "seconds decide the order within a minute",
      [
        { kind: "review", at: at(1, 30), by: "rita", state: "COMMENTED", byBot: false },
        { kind: "push", at: at(1, 10), by: "alice" },
        { kind: "review", at: at(1, 5), by: "rita", state: "COMMENTED", byBot: false },
      ],
      2,
    ],
  ])("orders by time: %s → %i", (_name, timeline, rounds) => {
    expect(reviewRounds(timeline, "alice")).toBe(rounds);
  });

  it("does not reorder the caller's timeline", () => {
    const timeline = [r(3), p(2), r(1)];
    const copy = [...timeline];
    reviewRounds(timeline, "alice");
    expect(timeline).toEqual(copy);
  });
});
