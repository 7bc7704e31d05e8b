import { describe, expect, it } from "vitest";
import {
  type ForcePush,
  type PrCommit,
  type Review,
  type ReviewHistory,
  reviewRounds,
  wasReviewed,
} from "../../src/domain/review-rounds.js";

// The author is alice; the pull request merged at 10:59. Commit ids are short names; "base-…" commits are
// on the base branch, not the pull request's own.
const at = (minute: number) => new Date(Date.UTC(2026, 9, 5, 10, minute)).toISOString();
const MERGED = at(59);
const review = (minute: number, commit: string | null, state = "COMMENTED", by = "rita"): Review => ({
  at: at(minute),
  by,
  state,
  byBot: false,
  commit,
});
const commit = (oid: string, ...parents: string[]): PrCommit => ({ oid, parents });
const forced = (before: string, after: string, sameTree: boolean): ForcePush => ({ before, after, sameTree });
const history = (reviews: Review[], commits: PrCommit[], forcePushes: ForcePush[] = []): ReviewHistory => ({
  author: "alice",
  mergedAt: MERGED,
  reviews,
  commits,
  forcePushes,
});

// c1 → c2 → c3, each a real change on top of the previous one.
const linear = [commit("c1", "base-0"), commit("c2", "c1"), commit("c3", "c2")];

describe("review rounds (docs/metrics.md#review-rounds): what is and is not a round", () => {
  it.each<[string, ReviewHistory, number, boolean]>([
    ["no review before the merge: unreviewed", history([], linear), 0, false],
    [
      "a review submitted after the merge is ignored: still unreviewed",
      history([review(70, "c3", "APPROVED")], linear),
      0,
      false,
    ],
    [
      "a late review after the merge, on a commit pushed after the approval, opens no round",
      history([review(5, "c2", "APPROVED"), review(70, "c3", "COMMENTED", "sam")], linear),
      1,
      true,
    ],
    [
      "update branch (merging the base in) after approval, then re-approved: still 1 round",
      history(
        [review(5, "c1", "APPROVED"), review(20, "m", "APPROVED")],
        [commit("c1", "base-0"), commit("m", "c1", "base-1")],
      ),
      1,
      true,
    ],
    [
      "a fix pushed by a pair partner (not the author) after changes requested is a new round",
      history([review(5, "c1", "CHANGES_REQUESTED"), review(20, "c2", "APPROVED")], linear),
      2,
      true,
    ],
    [
      "skewed commit dates: the fix listed (dated) before the commit it fixes still makes a round",
      history(
        [review(5, "c1", "CHANGES_REQUESTED"), review(20, "c2", "APPROVED")],
        [commit("c2", "c1"), commit("c1", "base-0")],
      ),
      2,
      true,
    ],
    [
      "a commit whose email is linked to no account, followed by an update branch, is still a change",
      history(
        [review(5, "c1", "CHANGES_REQUESTED"), review(20, "m", "APPROVED")],
        [commit("c1", "base-0"), commit("c2", "c1"), commit("m", "c2", "base-1")],
      ),
      2,
      true,
    ],
    [
      "a force push that kept the tree (squash, reword, rebase onto an unmoved base) is no change",
      history(
        [review(5, "c1", "APPROVED"), review(20, "c1b", "APPROVED")],
        [commit("c1b", "base-0")],
        [forced("c1", "c1b", true)],
      ),
      1,
      true,
    ],
    [
      "a force push that changed the tree is a change, whoever pushed it",
      history(
        [review(5, "c1", "CHANGES_REQUESTED"), review(20, "c1b", "APPROVED")],
        [commit("c1b", "base-0")],
        [forced("c1", "c1b", false)],
      ),
      2,
      true,
    ],
    [
      "a force push that kept the tree, then an update branch: no change",
      history(
        [review(5, "c1", "APPROVED"), review(20, "m", "APPROVED")],
        [commit("c1b", "base-0"), commit("m", "c1b", "base-1")],
        [forced("c1", "c1b", true)],
      ),
      1,
      true,
    ],
    [
      "a force push that kept the tree, then a fix: a change",
      history(
        [review(5, "c1", "CHANGES_REQUESTED"), review(20, "c2", "APPROVED")],
        [commit("c1b", "base-0"), commit("c2", "c1b")],
        [forced("c1", "c1b", true)],
      ),
      2,
      true,
    ],
    [
      "several reviewers on the same commit are one round",
      history(
        [
          review(5, "c1", "CHANGES_REQUESTED"),
          review(6, "c1", "COMMENTED", "sam"),
          review(7, "c1", "APPROVED", "tom"),
        ],
        linear,
      ),
      1,
      true,
    ],
    [
      "a re-review without changes is the same round",
      history([review(5, "c1", "CHANGES_REQUESTED"), review(40, "c1", "APPROVED")], linear),
      1,
      true,
    ],
    [
      "three rounds: changes requested twice, then approved",
      history(
        [
          review(5, "c1", "CHANGES_REQUESTED"),
          review(15, "c2", "CHANGES_REQUESTED"),
          review(25, "c3", "APPROVED"),
        ],
        linear,
      ),
      3,
      true,
    ],
    [
      "a push after the last review, merged without another review, adds no round",
      history([review(5, "c1", "APPROVED")], linear),
      1,
      true,
    ],
    [
      "reviews count in submission order, not in the order they are listed",
      history([review(20, "c2", "APPROVED"), review(5, "c1", "CHANGES_REQUESTED")], linear),
      2,
      true,
    ],
  ])("%s → %i", (_name, h, rounds, reviewed) => {
    expect(reviewRounds(h)).toBe(rounds);
    expect(wasReviewed(h)).toBe(reviewed);
  });
});
