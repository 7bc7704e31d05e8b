import { describe, expect, it } from "vitest";
import { reviewRounds, type TimelineEvent, wasReviewed } from "../../src/domain/review-rounds.js";

const t = (minute: number) => new Date(Date.UTC(2026, 9, 5, 10, minute)).toISOString();
const review = (minute: number, by = "rita", state = "COMMENTED", byBot = false): TimelineEvent => ({
  kind: "review",
  at: t(minute),
  by,
  state,
  byBot,
});
const push = (minute: number, by = "alice"): TimelineEvent => ({ kind: "push", at: t(minute), by });

describe("review rounds (docs/metrics.md#review-rounds)", () => {
  it.each<[string, TimelineEvent[], number]>([
    ["no review", [push(0)], 0],
    ["approved once", [push(0), review(5, "rita", "APPROVED")], 1],
    ["comment → fix commit → approved", [push(0), review(5), push(10), review(15, "rita", "APPROVED")], 2],
    [
      "a push after the last review, merged without another review",
      [push(0), review(5, "rita", "APPROVED"), push(9)],
      1,
    ],
    [
      "two reviewers with no push between them are one round",
      [push(0), review(5, "rita"), review(6, "sam", "APPROVED")],
      1,
    ],
    [
      "changes requested twice, then approved",
      [
        push(0),
        review(1, "rita", "CHANGES_REQUESTED"),
        push(2),
        review(3, "rita", "CHANGES_REQUESTED"),
        push(4),
        review(5, "rita", "APPROVED"),
      ],
      3,
    ],
    [
      "dismissed reviews count",
      [push(0), review(1, "rita", "DISMISSED"), push(2), review(3, "sam", "APPROVED")],
      2,
    ],
    [
      "the author's own reviews do not count",
      [push(0), review(1, "alice"), push(2), review(3, "rita", "APPROVED")],
      1,
    ],
    [
      "bots and AI reviewers do not count",
      [push(0), review(1, "copilot", "COMMENTED", true), push(2), review(3, "rita", "APPROVED")],
      1,
    ],
    [
      "pending reviews do not count",
      [push(0), review(1, "rita", "PENDING"), push(2), review(3, "rita", "APPROVED")],
      1,
    ],
    [
      "pushes by others do not start a new round",
      [push(0), review(1), push(2, "rita"), review(3, "rita", "APPROVED")],
      1,
    ],
    ["reviews before any push still count", [review(0), push(2), review(3, "rita", "APPROVED")], 2],
  ])("%s → %i", (_name, timeline, rounds) => {
    expect(reviewRounds(timeline, "alice")).toBe(rounds);
  });

  it("orders by time, not by arrival, and puts a push before a review at the same instant", () => {
    const shuffled = [review(15, "rita", "APPROVED"), push(10), review(5), push(0)];
    expect(reviewRounds(shuffled, "alice")).toBe(2);
    expect(reviewRounds([review(5), push(5), review(6, "rita", "APPROVED")], "alice")).toBe(1);
  });

  it("is case-insensitive about logins and states", () => {
    expect(
      reviewRounds(
        [push(0, "Alice"), review(1, "RITA", "approved"), push(2, "alice"), review(3, "Alice")],
        "ALICE",
      ),
    ).toBe(1);
  });

  it("says whether a human other than the author reviewed at all", () => {
    expect(wasReviewed([push(0), review(1, "alice")], "alice")).toBe(false);
    expect(wasReviewed([push(0), review(1, "bot", "APPROVED", true)], "alice")).toBe(false);
    expect(wasReviewed([push(0), review(1, "rita", "APPROVED")], "alice")).toBe(true);
  });
});
