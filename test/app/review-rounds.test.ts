import type { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { octokitFor } from "../sandbox/octokit.js";
import {
  type PrSpec,
  prMerged,
  prOpened,
  prSynchronize,
  type ReviewSpec,
  reviewSubmitted,
  shaFor,
} from "../support/events.js";
import { type Harness, harness } from "../support/harness.js";

// Review rounds end to end (docs/metrics.md#review-rounds): deliveries and git history in the sandbox,
// the real app, and the number in alice's ledger.

const WEB = { owner: "acme", repo: "web" };
const pr = (number: number): PrSpec => ({
  number,
  author: "alice",
  title: `feat: step ${number}`,
  labels: ["feature"],
  createdAt: "2026-10-05T08:00:00Z",
});
const review = (
  number: number,
  reviewId: number,
  state: ReviewSpec["state"],
  submittedAt: string,
  headSha: string,
  reviewer = "bob",
) => reviewSubmitted({ number, prAuthor: "alice", reviewer, state, submittedAt, reviewId, headSha });
/** The pull request's first commit, as `prOpened` makes it. */
const first = (number: number) => shaFor(`acme/web#${number}`);

const itemOf = (h: Harness, number: number) =>
  h.ledger("alice")?.items.find((i) => i.kind === "pull_request" && i.number === number);

/**
 * Git writes people make (a pair partner's commit, the base branch moving on, "Update branch"), through
 * the REST API as a person would; their entries leave the request log afterwards, so the write fence keeps
 * guarding the app's writes only.
 */
const asPeople = async <T>(h: Harness, work: (octokit: Octokit) => Promise<T>): Promise<T> => {
  const from = h.sandbox.requests.length;
  try {
    return await work(octokitFor(h.sandbox));
  } finally {
    h.sandbox.requests.splice(from);
  }
};

/** A commit on top of `parents` (the first one's files plus `files`), by someone GitHub may not know. */
const commitOn = async (
  octokit: Octokit,
  spec: {
    parents: string[];
    files: Record<string, string>;
    message: string;
    author: { name: string; email: string; date: string };
  },
): Promise<string> => {
  const [parent = ""] = spec.parents;
  const base = (await octokit.git.getCommit({ ...WEB, commit_sha: parent })).data.tree.sha;
  const tree = await octokit.git.createTree({
    ...WEB,
    base_tree: base,
    tree: Object.entries(spec.files).map(([path, content]) => ({
      path,
      mode: "100644" as const,
      type: "blob" as const,
      content,
    })),
  });
  const commit = await octokit.git.createCommit({
    ...WEB,
    message: spec.message,
    tree: tree.data.sha,
    parents: spec.parents,
    author: spec.author,
    committer: spec.author,
  });
  return commit.data.sha;
};

describe("review rounds through the app", () => {
  it("a review submitted after the merge, delivered before it, changes nothing", async () => {
    const h = await harness();
    // #41: approved, then one more push and merged without another review; sam's review comes after the merge.
    await h.deliver(prOpened(pr(41)));
    await h.deliver(review(41, 4101, "approved", "2026-10-05T10:00:00Z", first(41)));
    await h.deliver(prSynchronize({ ...pr(41), at: "2026-10-05T11:00:00Z", after: shaFor("41-tidy") }));
    await h.deliver(review(41, 4102, "commented", "2026-10-05T16:00:00Z", shaFor("41-tidy"), "sam"));
    await h.deliver(prMerged({ ...pr(41), mergedAt: "2026-10-05T15:00:00Z", headSha: shaFor("41-tidy") }));
    // #42: nobody reviewed it before it merged; sam's only review comes after.
    await h.deliver(prOpened(pr(42)));
    await h.deliver(review(42, 4201, "approved", "2026-10-05T16:30:00Z", first(42), "sam"));
    await h.deliver(prMerged({ ...pr(42), mergedAt: "2026-10-05T15:00:00Z", headSha: first(42) }));

    expect(itemOf(h, 41)).toMatchObject({ review_rounds: 1, reviewed: true });
    expect(itemOf(h, 42)).toMatchObject({ review_rounds: 0, reviewed: false });
  });

  it("updating the branch from the base after approval, then re-approved, is still 1 round", async () => {
    const h = await harness();
    const opened = prOpened(pr(43));
    const baseRef = (opened.payload.pull_request as { base: { ref: string } }).base.ref;
    await h.deliver(opened);
    await h.deliver(review(43, 4301, "approved", "2026-10-05T10:00:00Z", first(43)));
    const update = await asPeople(h, async (octokit) => {
      // Someone else's work lands on the base branch; then "Update branch" merges it into the pull request.
      const base = await commitOn(octokit, {
        parents: [h.sandbox.headSha("acme/web", baseRef)],
        files: { "other.md": "someone else's work\n" },
        message: "Other work",
        author: { name: "dana", email: "dana@example.com", date: "2026-10-05T10:30:00Z" },
      });
      await octokit.git.updateRef({ ...WEB, ref: `heads/${baseRef}`, sha: base });
      return commitOn(octokit, {
        parents: [first(43), base],
        files: { "other.md": "someone else's work\n" },
        message: `Merge branch '${baseRef}' into topic-43`,
        author: { name: "alice", email: "alice@example.com", date: "2026-10-05T10:45:00Z" },
      });
    });
    await h.deliver(prSynchronize({ ...pr(43), at: "2026-10-05T10:45:00Z", after: update }));
    // The new commit dismissed the stale approval; bob approves again.
    await h.deliver(review(43, 4302, "approved", "2026-10-05T11:00:00Z", update));
    await h.deliver(prMerged({ ...pr(43), mergedAt: "2026-10-05T12:00:00Z", headSha: update }));

    expect(itemOf(h, 43)).toMatchObject({ review_rounds: 1, reviewed: true });
  });

  it("a pair partner's fix after changes requested is a new round, whatever its email or date", async () => {
    const h = await harness();
    await h.deliver(prOpened(pr(44)));
    await h.deliver(review(44, 4401, "changes_requested", "2026-10-05T10:00:00Z", first(44)));
    // carol pushes the fix from a laptop whose email is linked to no account and whose clock is a day behind.
    const fix = await asPeople(h, (octokit) =>
      commitOn(octokit, {
        parents: [first(44)],
        files: { "fix.md": "the fix\n" },
        message: "Address review",
        author: { name: "carol", email: "carol@laptop.local", date: "2026-10-04T10:30:00Z" },
      }),
    );
    await h.deliver(prSynchronize({ ...pr(44), at: "2026-10-05T10:30:00Z", after: fix }));
    await h.deliver(review(44, 4402, "approved", "2026-10-05T11:00:00Z", fix));
    await h.deliver(prMerged({ ...pr(44), mergedAt: "2026-10-05T12:00:00Z", headSha: fix }));

    expect(itemOf(h, 44)).toMatchObject({ review_rounds: 2, reviewed: true });
  });
});
