import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { example, inRepo } from "../support/examples.js";
import { octokitFor } from "./octokit.js";

const ORG = "acme";
const REPO = "hello";
const FULL = `${ORG}/${REPO}`;
const sha = (c: string) => c.repeat(40);

/** A pull request's life as GitHub would deliver it: opened, pushed to, reviewed, merged. */
const openedAt = "2024-03-01T09:00:00Z";
const opened = () => {
  const event = inRepo(example("pull_request", "opened"), ORG, REPO);
  event.pull_request = {
    ...event.pull_request,
    number: 7,
    title: "Add onboarding guide",
    body: "Fixes #3",
    created_at: openedAt,
    updated_at: openedAt,
    head: { ...event.pull_request.head, ref: "guide", sha: sha("a"), repo: null },
    base: { ...event.pull_request.base, ref: "master" },
  };
  return event;
};

describe("applyEvent builds the world from deliveries", () => {
  it("a pull request appears with its repository, installation and first commit, and the clock follows", () => {
    const sandbox = new Sandbox({ now: Date.UTC(2024, 0, 1) });
    const event = { ...opened(), installation: { id: 99, node_id: "x" } };
    sandbox.applyEvent("pull_request", event, { "docs/guide.md": "# Guide\n" });

    expect(sandbox.hasRepo(FULL)).toBe(true);
    expect(sandbox.installation).toMatchObject({ id: 99, account: { login: ORG, type: "Organization" } });
    expect(sandbox.clock.now()).toBe(Date.parse(openedAt));
    expect(sandbox.pulls(FULL)).toMatchObject([
      {
        number: 7,
        state: "open",
        merged: false,
        head: "guide",
        base: "master",
        headSha: sha("a"),
        author: "Codertocat",
      },
    ]);
    expect(sandbox.readFile(FULL, "docs/guide.md", "guide")).toBe("# Guide\n");
    expect(sandbox.readFile(FULL, "docs/guide.md")).toBeUndefined();
  });

  it("synchronize adds a commit by the author at updated_at; a review is recorded; a merge closes it", async () => {
    const sandbox = new Sandbox();
    sandbox.applyEvent("pull_request", opened());

    const pushedAt = "2024-03-02T10:00:00Z";
    const sync = inRepo(example("pull_request", "synchronize"), ORG, REPO);
    sync.after = sha("b");
    sync.pull_request = {
      ...opened().pull_request,
      updated_at: pushedAt,
      head: { ...opened().pull_request.head, sha: sha("b") },
    };
    sandbox.applyEvent("pull_request", sync, { "docs/guide.md": "# Guide v2\n" });

    const reviewedAt = "2024-03-03T11:00:00Z";
    const review = inRepo(example("pull_request_review", "submitted"), ORG, REPO);
    review.pull_request = {
      ...review.pull_request,
      number: 7,
      updated_at: pushedAt,
      head: { ...review.pull_request.head, ref: "guide", sha: sha("b") },
      base: { ...review.pull_request.base, ref: "master" },
    };
    review.review = {
      ...review.review,
      id: 555,
      state: "approved",
      submitted_at: reviewedAt,
      commit_id: sha("b"),
    };
    review.review.user = { ...review.review.user, login: "bob", id: 4242 };
    sandbox.applyEvent("pull_request_review", review);
    expect(sandbox.clock.now()).toBe(Date.parse(reviewedAt));

    const mergedAt = "2024-03-04T12:00:00Z";
    const closed = inRepo(example("pull_request", "closed"), ORG, REPO);
    closed.pull_request = {
      ...closed.pull_request,
      ...sync.pull_request,
      state: "closed",
      merged: true,
      merged_at: mergedAt,
      closed_at: mergedAt,
      updated_at: mergedAt,
    };
    sandbox.applyEvent("pull_request", closed);

    const [pull] = sandbox.pulls(FULL);
    expect(pull).toMatchObject({ state: "closed", merged: true, mergedAt, headSha: sha("b") });
    expect(pull?.reviews).toEqual([
      {
        id: 555,
        nodeId: review.review.node_id,
        author: "bob",
        state: "APPROVED",
        body: "",
        submittedAt: reviewedAt,
        commitId: sha("b"),
      },
    ]);
    expect(sandbox.clock.now()).toBe(Date.parse(mergedAt));
    expect(sandbox.readFile(FULL, "docs/guide.md", sha("b"))).toBe("# Guide v2\n");

    const commits = await octokitFor(sandbox).pulls.listCommits({ owner: ORG, repo: REPO, pull_number: 7 });
    expect(
      commits.data.map((c) => [
        c.sha,
        c.commit.author?.date,
        c.author && "login" in c.author ? c.author.login : null,
      ]),
    ).toEqual([
      [sha("a"), openedAt, "Codertocat"],
      [sha("b"), pushedAt, "Codertocat"],
    ]);
  });

  it("issues and comments are upserted; a close records its time and reason", () => {
    const sandbox = new Sandbox();
    const openedIssue = inRepo(example("issues", "opened"), ORG, REPO);
    openedIssue.issue = {
      ...openedIssue.issue,
      number: 3,
      title: "Write a guide",
      created_at: "2024-03-01T08:00:00Z",
      updated_at: "2024-03-01T08:00:00Z",
    };
    sandbox.applyEvent("issues", openedIssue);

    const comment = inRepo(example("issue_comment", "created"), ORG, REPO);
    comment.issue = { ...comment.issue, ...openedIssue.issue };
    comment.comment = {
      ...comment.comment,
      body: "on it",
      created_at: "2024-03-01T08:30:00Z",
      updated_at: "2024-03-01T08:30:00Z",
    };
    sandbox.applyEvent("issue_comment", comment);

    const closedAt = "2024-03-05T09:00:00Z";
    // The examples hold no "issues.closed" delivery; an opened one, closed, reads the same.
    sandbox.applyEvent("issues", {
      ...openedIssue,
      action: "closed",
      issue: {
        ...openedIssue.issue,
        state: "closed",
        state_reason: "completed",
        closed_at: closedAt,
        updated_at: closedAt,
      },
    });

    expect(sandbox.issues(FULL)).toMatchObject([
      {
        number: 3,
        title: "Write a guide",
        state: "closed",
        stateReason: "completed",
        closedAt,
        labels: ["bug"],
        author: "Codertocat",
        comments: [{ author: "Codertocat", body: "on it", createdAt: "2024-03-01T08:30:00Z" }],
      },
    ]);
    expect(sandbox.clock.now()).toBe(Date.parse(closedAt));
  });

  it("a push to the default branch lands its files under the pushed sha", () => {
    const sandbox = new Sandbox();
    const push = inRepo(example("push"), ORG, REPO);
    const pushed = { ...push, ref: "refs/heads/master", after: sha("c"), deleted: false };
    pushed.head_commit = {
      ...push.head_commit!,
      timestamp: "2024-03-06T10:00:00+01:00",
      message: "Add ladder",
    };
    sandbox.applyEvent("push", pushed, { "ladder/levels.yaml": "levels: []\n" });

    expect(sandbox.headSha(FULL, "master")).toBe(sha("c"));
    expect(sandbox.files(FULL)).toEqual({ "ladder/levels.yaml": "levels: []\n" });
    expect(sandbox.clock.now()).toBe(Date.parse("2024-03-06T09:00:00Z"));
  });

  it("never moves the clock backwards for an older delivery", () => {
    const later = Date.UTC(2030, 0, 1);
    const sandbox = new Sandbox({ now: later });
    sandbox.applyEvent("pull_request", opened());
    expect(sandbox.clock.now()).toBe(later);
    expect(sandbox.pulls(FULL)[0]?.number).toBe(7);
  });

  it("the same deliveries give the same world: shas, numbers and answers", async () => {
    const build = async () => {
      const sandbox = new Sandbox({ seed: 5 });
      sandbox.applyEvent("pull_request", opened(), { "a.md": "a\n" });
      sandbox.writeFiles(FULL, { "b.md": "b\n" });
      const issue = await octokitFor(sandbox).issues.create({ owner: ORG, repo: REPO, title: "t" });
      return [
        sandbox.headSha(FULL, "master"),
        sandbox.headSha(FULL, "guide"),
        issue.data.number,
        issue.data.id,
        issue.data.created_at,
      ];
    };
    expect(await build()).toEqual(await build());
  });
});
