import { describe, expect, it } from "vitest";
import { issueItem } from "../../src/domain/issue-evidence.js";
import { type MergedPullRequest, pullRequestItem } from "../../src/domain/pull-request-evidence.js";
import { defaultSettings, Settings } from "../../src/domain/settings.js";

const settings = defaultSettings();
const at = "2026-10-06T12:00:00Z";

const merged = (over: Partial<MergedPullRequest> = {}): MergedPullRequest => ({
  nodeId: "PR_1",
  repo: "acme/web",
  number: 1,
  title: "feat: export",
  url: "https://github.com/acme/web/pull/1",
  author: "alice",
  labels: [],
  additions: 100,
  deletions: 20,
  changedFiles: 3,
  createdAt: "2026-10-05T09:00:00Z",
  mergedAt: "2026-10-05T15:30:00Z",
  paths: ["src/a.ts"],
  timeline: { reviews: [], commits: [], forcePushes: [] },
  ...over,
});

describe("a merged pull request as evidence", () => {
  it("carries what the criteria read, keyed by the node id and dated by the merge", () => {
    expect(pullRequestItem(merged(), settings, at)).toEqual({
      kind: "pull_request",
      key: "PR_1",
      at: "2026-10-05T15:30:00Z",
      title: "feat: export",
      url: "https://github.com/acme/web/pull/1",
      provenance: { source: "observed", recorded_at: at },
      repo: "acme/web",
      number: 1,
      labels: [],
      additions: 100,
      deletions: 20,
      changed_files: 3,
      class: "feature",
      small: true,
      review_rounds: 0,
      reviewed: false,
      hours_to_merge: 6.5,
      closes: [],
    });
  });

  it.each<[string, Partial<MergedPullRequest>, Partial<ReturnType<typeof pullRequestItem>>]>([
    ["hours to merge round to a tenth", { mergedAt: "2026-10-05T09:05:00Z" }, { hours_to_merge: 0.1 }],
    ["large is not small", { additions: 400, deletions: 1 }, { small: false }],
    ["exactly the limit is small", { additions: 399, deletions: 1 }, { small: true }],
    ["a fix", { title: "fix: crash" }, { class: "bugfix" }],
    ["closing issues, once each and sorted", { closes: ["I_b", "I_a", "I_b"] }, { closes: ["I_a", "I_b"] }],
  ])("%s", (_name, over, expected) => {
    expect(pullRequestItem(merged(over), settings, at)).toMatchObject(expected);
  });

  it("counts a human review but not a configured bot's, even when GitHub calls it a user", () => {
    const review = (by: string) => ({
      at: "2026-10-05T12:00:00Z",
      by,
      state: "APPROVED",
      byBot: false,
      commit: "c1",
    });
    const timeline = {
      reviews: [review("deploy-robot")],
      commits: [{ oid: "c1", parents: [] }],
      forcePushes: [],
    };
    const withBots = Settings.parse({ bots: ["deploy-robot"] });
    expect(pullRequestItem(merged({ timeline }), withBots, at)).toMatchObject({
      reviewed: false,
      review_rounds: 0,
    });
    expect(pullRequestItem(merged({ timeline }), settings, at)).toMatchObject({
      reviewed: true,
      review_rounds: 1,
    });
  });
});

describe("a closed issue as evidence", () => {
  const closed = {
    nodeId: "I_7",
    repo: "acme/api",
    number: 7,
    title: "Checkout outage",
    url: "https://github.com/acme/api/issues/7",
    labels: ["incident"],
    closedAt: "2026-10-05T09:00:00Z",
    linkedPrAuthors: ["Bob", "carol", "bob"],
    assignees: 2,
  };

  it("is one item per assignee, keyed by the issue and the assignee in lower case", () => {
    expect(issueItem(closed, "Bob", settings, at)).toEqual({
      kind: "issue",
      key: "I_7:bob",
      at: "2026-10-05T09:00:00Z",
      title: "Checkout outage",
      url: "https://github.com/acme/api/issues/7",
      provenance: { source: "observed", recorded_at: at },
      repo: "acme/api",
      number: 7,
      labels: ["incident"],
      class: "incident",
      escalated: false,
      linked_prs: 2,
      assignees: 2,
    });
  });

  it.each<[string, Partial<typeof closed>, Partial<ReturnType<typeof issueItem>>]>([
    ["escalated", { labels: ["incident", "escalated"] }, { escalated: true }],
    ["a spec", { labels: ["spec"] }, { class: "spec" }],
    ["a task", { labels: [] }, { class: "task" }],
    ["no assignees recorded still means one", { assignees: 0 }, { assignees: 1 }],
    ["linked pull requests of someone else do not count", { linkedPrAuthors: ["carol"] }, { linked_prs: 0 }],
  ])("%s", (_name, over, expected) => {
    expect(issueItem({ ...closed, ...over }, "bob", settings, at)).toMatchObject(expected);
  });
});
