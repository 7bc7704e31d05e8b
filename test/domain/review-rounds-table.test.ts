import { describe, expect, it } from "vitest";
import {
  type ForcePush,
  isBaseMerge,
  type PrCommit,
  type Review,
  type ReviewHistory,
  reviewRounds,
  wasReviewed,
} from "../../src/domain/review-rounds.js";

// The author is alice; the pull request merged at 10:59:00. c1 → c2 → c3 are the pull request's commits.
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 9, 5, 10, minute, second)).toISOString();
const r = (
  minute: number,
  commit: string | null,
  by = "rita",
  state = "COMMENTED",
  byBot = false,
  second = 0,
): Review => ({ at: at(minute, second), by, state, byBot, commit });
const c = (oid: string, ...parents: string[]): PrCommit => ({ oid, parents });
const fp = (before: string, after: string | null, sameTree = true): ForcePush => ({
  before,
  after,
  sameTree,
});
const linear = [c("c1", "base-0"), c("c2", "c1"), c("c3", "c2")];
const h = (reviews: Review[], commits = linear, forcePushes: ForcePush[] = []): ReviewHistory => ({
  author: "alice",
  mergedAt: at(59),
  reviews,
  commits,
  forcePushes,
});

describe("review rounds: each row is one way to get it wrong", () => {
  it.each<[string, ReviewHistory, number, boolean]>([
    ["no review, no commit", h([], []), 0, false],
    ["one review", h([r(1, "c1")]), 1, true],
    // Which reviews count.
    ["APPROVED counts", h([r(1, "c1", "rita", "APPROVED")]), 1, true],
    ["CHANGES_REQUESTED counts", h([r(1, "c1", "rita", "CHANGES_REQUESTED")]), 1, true],
    ["COMMENTED counts", h([r(1, "c1", "rita", "COMMENTED")]), 1, true],
    ["DISMISSED counts", h([r(1, "c1", "rita", "DISMISSED")]), 1, true],
    ["states in lower case count", h([r(1, "c1", "rita", "changes_requested")]), 1, true],
    ["PENDING does not count", h([r(1, "c1", "rita", "PENDING")]), 0, false],
    ["an unknown state does not count", h([r(1, "c1", "rita", "APPROVE")]), 0, false],
    ["a bot's review does not count", h([r(1, "c1", "rita", "APPROVED", true)]), 0, false],
    ["the author's own review, any case, does not count", h([r(1, "c1", "ALICE")]), 0, false],
    // The merge is the cut-off, by instant (not by how the time is spelled).
    ["a review at the merge's very second counts", h([r(59, "c1")]), 1, true],
    [
      "a review one second after the merge does not",
      h([r(59, "c1", "rita", "COMMENTED", false, 1)]),
      0,
      false,
    ],
    [
      "mergedAt with milliseconds compares as an instant",
      { ...h([r(59, "c1")]), mergedAt: "2026-10-05T10:59:00.000Z" },
      1,
      true,
    ],
    // Ignored reviews neither open a round nor stand between two.
    [
      "a bot's review on a later commit opens no round",
      h([r(1, "c1"), r(3, "c2", "ci", "COMMENTED", true)]),
      1,
      true,
    ],
    ["the author's review on a later commit opens no round", h([r(1, "c1"), r(3, "c2", "alice")]), 1, true],
    [
      "a pending review on a later commit opens no round",
      h([r(1, "c1"), r(3, "c2", "rita", "PENDING")]),
      1,
      true,
    ],
    [
      "an ignored review between two counted ones does not hide the change",
      h([r(1, "c1"), r(2, "c2", "ci", "COMMENTED", true), r(3, "c2")]),
      2,
      true,
    ],
    [
      "a review just after the merge, on a new commit, opens no round",
      h([r(1, "c1"), r(59, "c2", "rita", "COMMENTED", false, 1)]),
      1,
      true,
    ],
    // Commit identity, not time, opens rounds.
    [
      "a change between reviews a second apart is a round",
      h([r(1, "c1"), r(1, "c2", "rita", "COMMENTED", false, 1)]),
      2,
      true,
    ],
    [
      "the same commit an hour apart is one round",
      h([{ ...r(1, "c1"), at: "2026-10-05T09:00:00Z" }, r(58, "c1")]),
      1,
      true,
    ],
    ["several commits between two reviews are one change", h([r(1, "c1"), r(9, "c3")]), 2, true],
    [
      "each review compares with the one just before it",
      h([r(1, "c1"), r(2, "c2"), r(3, "c2", "sam"), r(4, "c3")]),
      3,
      true,
    ],
    [
      "a stale review, behind the previous review's commit, opens no round",
      h([r(1, "c2"), r(2, "c1", "sam")]),
      1,
      true,
    ],
    [
      "after a stale review, the next is compared with the stale commit",
      h([r(1, "c2"), r(2, "c1", "sam"), r(3, "c2")]),
      2,
      true,
    ],
    [
      "a sibling commit (not reachable from the previous) is a change",
      h([r(1, "c2"), r(2, "c2x")], [c("c1", "base-0"), c("c2", "c1"), c("c2x", "c1")]),
      2,
      true,
    ],
    // Base merges.
    [
      "a merge bringing in a pull request commit (a pair partner's, via git pull) is a change",
      h([r(1, "c2"), r(2, "m")], [c("c1", "base-0"), c("c2", "c1"), c("c2p", "c1"), c("m", "c2", "c2p")]),
      2,
      true,
    ],
    [
      "a base merge then a real commit is a change",
      h([r(1, "c1"), r(2, "c3")], [c("c1", "base-0"), c("m", "c1", "base-1"), c("c3", "m")]),
      2,
      true,
    ],
    [
      "a merge with the base as first parent is a base merge too",
      h([r(1, "c1"), r(2, "m")], [c("c1", "base-0"), c("m", "base-1", "c1")]),
      1,
      true,
    ],
    [
      "two update-branch merges in a row are no change",
      h([r(1, "c1"), r(2, "m2")], [c("c1", "base-0"), c("m1", "c1", "base-1"), c("m2", "m1", "base-2")]),
      1,
      true,
    ],
    // Force pushes.
    [
      "a force push to a new tree is a change",
      h([r(1, "old"), r(2, "c1")], [c("c1", "base-0")], [fp("old", "c1", false)]),
      2,
      true,
    ],
    [
      "a force push keeping the tree is none",
      h([r(1, "old"), r(2, "c1")], [c("c1", "base-0")], [fp("old", "c1")]),
      1,
      true,
    ],
    [
      "force pushes chain: tree kept twice",
      h([r(1, "v1"), r(2, "c1")], [c("c1", "base-0")], [fp("v1", "v2"), fp("v2", "c1")]),
      1,
      true,
    ],
    [
      "force pushes chain: the second one changed the tree",
      h([r(1, "v1"), r(2, "c1")], [c("c1", "base-0")], [fp("v1", "v2"), fp("v2", "c1", false)]),
      2,
      true,
    ],
    [
      "a force push with no after commit is a change",
      h([r(1, "old"), r(2, "c1")], [c("c1", "base-0")], [fp("old", null)]),
      2,
      true,
    ],
    [
      "a force push from another commit does not link the reviewed one",
      h([r(1, "old"), r(2, "c1")], [c("c1", "base-0")], [fp("other", "c1")]),
      2,
      true,
    ],
    [
      "force pushes in a loop end: a change",
      h([r(1, "x"), r(2, "c1")], [c("c1", "base-0")], [fp("x", "y"), fp("y", "x")]),
      2,
      true,
    ],
    [
      "two reviewed commits both rewritten away: different commits count as a change",
      h([r(1, "old1"), r(2, "old2")], [c("c1", "base-0")], [fp("old2", "c1")]),
      2,
      true,
    ],
    // A review GitHub gives no commit for is taken to be on the previous review's commit.
    ["a review without a commit after one with a commit", h([r(1, "c1"), r(2, null)]), 1, true],
    ["a review without a commit, then one on a new commit", h([r(1, "c1"), r(2, null), r(3, "c2")]), 2, true],
    ["a first review without a commit, then one with", h([r(1, null), r(2, "c2")]), 1, true],
  ])("%s → %i", (_name, history, rounds, reviewed) => {
    expect(reviewRounds(history)).toBe(rounds);
    expect(wasReviewed(history)).toBe(reviewed);
  });

  it.each<[string, PrCommit, boolean]>([
    ["one parent", c("x", "c1"), false],
    ["no parent", c("x"), false],
    ["two parents, both the pull request's", c("x", "c1", "c2"), false],
    ["second parent from outside", c("x", "c1", "base-1"), true],
    ["first parent from outside", c("x", "base-1", "c1"), true],
    ["both parents from outside", c("x", "base-1", "base-2"), true],
  ])("base merge: %s → %s", (_name, commit, expected) => {
    expect(isBaseMerge(commit, new Set(["c1", "c2"]))).toBe(expected);
  });

  it("does not reorder or change the caller's lists", () => {
    const history = h([r(3, "c2"), r(1, "c1")]);
    const copy = structuredClone(history);
    expect(reviewRounds(history)).toBe(2);
    expect(history).toEqual(copy);
  });
});

describe("base merges: a merge commit bringing in commits from outside the pull request", () => {
  const own = new Set(["a", "b", "c"]);
  it.each<[string, string[], boolean]>([
    ["one parent inside the pull request", ["a"], false],
    ["one parent outside it (the first commit, on the base)", ["base"], false],
    ["no parents", [], false],
    ["two parents, one outside: Update branch", ["b", "main1"], true],
    ["two parents, both outside", ["main1", "main2"], true],
    ["two parents, both inside: a merge within the pull request", ["a", "b"], false],
    ["three parents, one outside", ["a", "b", "main1"], true],
  ])("%s → %s", (_name, parents, expected) => {
    expect(isBaseMerge({ oid: "m", parents }, own)).toBe(expected);
  });
});
