import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { example, inRepo } from "../support/examples.js";
import { base64, graphqlFailure, octokitFor } from "./octokit.js";

const ORG = "acme";
const REPO = "hello";
const FULL = `${ORG}/${REPO}`;
const sha = (c: string) => c.repeat(40);

/** PR #7 by Codertocat: opened (commit a), pushed (commit b), reviewed by bob, then force-pushed to c. */
const storyOfAPullRequest = () => {
  const sandbox = new Sandbox();
  const opened = inRepo(example("pull_request", "opened"), ORG, REPO);
  opened.pull_request = {
    ...opened.pull_request,
    number: 7,
    body: "Closes #3",
    created_at: "2024-03-01T09:00:00Z",
    updated_at: "2024-03-01T09:00:00Z",
    head: { ...opened.pull_request.head, ref: "guide", sha: sha("a"), repo: null },
    base: { ...opened.pull_request.base, ref: "master" },
  };
  sandbox.applyEvent("pull_request", opened, { "guide.md": "one\n" });
  const pushed = { ...opened, action: "synchronize", after: sha("b") };
  pushed.pull_request = {
    ...opened.pull_request,
    updated_at: "2024-03-02T09:00:00Z",
    head: { ...opened.pull_request.head, sha: sha("b") },
  };
  sandbox.applyEvent("pull_request", pushed, { "guide.md": "one\ntwo\n", "notes.md": "n\n" });

  const review = inRepo(example("pull_request_review", "submitted"), ORG, REPO);
  review.pull_request = {
    ...review.pull_request,
    number: 7,
    body: "Closes #3",
    head: { ...review.pull_request.head, ref: "guide", sha: sha("b") },
  };
  review.pull_request.base = { ...review.pull_request.base, ref: "master" };
  review.review = {
    ...review.review,
    id: 900,
    state: "changes_requested",
    submitted_at: "2024-03-03T09:00:00Z",
    commit_id: sha("b"),
  };
  review.review.user = { ...review.review.user, login: "bob", id: 5005 };
  sandbox.applyEvent("pull_request_review", review);

  sandbox.addForcePush(FULL, 7, { actor: "Codertocat", at: "2024-03-04T09:00:00Z", afterSha: sha("c") });
  const issue = inRepo(example("issues", "opened"), ORG, REPO);
  issue.issue = { ...issue.issue, number: 3 };
  sandbox.applyEvent("issues", issue);
  return sandbox;
};

interface Timeline {
  repository: {
    pullRequest: {
      timelineItems: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: {
          __typename: string;
          createdAt?: string;
          submittedAt?: string;
          commit?: { oid: string; committedDate: string };
          reviewed?: { oid: string };
        }[];
      };
    };
  };
}

const TIMELINE = `query Timeline($after: String) {
  repository(owner: "acme", name: "hello") {
    pullRequest(number: 7) {
      timelineItems(first: 2, after: $after, itemTypes: [PULL_REQUEST_COMMIT, PULL_REQUEST_REVIEW, HEAD_REF_FORCE_PUSHED_EVENT]) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          __typename
          ... on PullRequestReview { submittedAt state author { __typename login } reviewed: commit { oid } }
          ... on PullRequestCommit { commit { oid committedDate author { user { login } } } }
          ... on HeadRefForcePushedEvent { createdAt actor { login } beforeCommit { oid } afterCommit { oid } }
        }
      }
    }
  }
}`;

describe("GraphQL over a pull request built from deliveries", () => {
  it("pages the timeline in time order with opaque cursors", async () => {
    const octokit = octokitFor(storyOfAPullRequest());
    const first = await octokit.graphql<Timeline>(TIMELINE);
    const page = first.repository.pullRequest.timelineItems;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await octokit.graphql<Timeline>(TIMELINE, { after: page.pageInfo.endCursor });

    const items = [...page.nodes, ...second.repository.pullRequest.timelineItems.nodes];
    expect(items).toEqual([
      {
        __typename: "PullRequestReview",
        submittedAt: "2024-03-03T09:00:00Z",
        state: "CHANGES_REQUESTED",
        author: { __typename: "User", login: "bob" },
        reviewed: { oid: sha("b") },
      },
      {
        __typename: "PullRequestCommit",
        commit: {
          oid: sha("c"),
          committedDate: "2024-03-04T09:00:00Z",
          author: { user: { login: "Codertocat" } },
        },
      },
      {
        __typename: "HeadRefForcePushedEvent",
        createdAt: "2024-03-04T09:00:00Z",
        actor: { login: "Codertocat" },
        beforeCommit: { oid: sha("b") },
        afterCommit: { oid: sha("c") },
      },
    ]);
    expect(second.repository.pullRequest.timelineItems.pageInfo.hasNextPage).toBe(false);
  });

  it("reports size from the delivery, files and commits from the sandbox's git, and linked issues", async () => {
    const sandbox = storyOfAPullRequest();
    const result = await octokitFor(sandbox).graphql<{
      repository: {
        pullRequest: {
          state: string;
          additions: number;
          changedFiles: number;
          author: { login: string };
          files: { totalCount: number };
        };
        issue: {
          closedByPullRequestsReferences: {
            nodes: { number: number; repository: { nameWithOwner: string } }[];
          };
        };
        issueOrPullRequest: { __typename: string };
      };
    }>(`query {
      repository(owner: "acme", name: "hello") {
        pullRequest(number: 7) { state additions changedFiles author { login } files(first: 10) { totalCount } }
        issue(number: 3) { closedByPullRequestsReferences(first: 5) { nodes { number repository { nameWithOwner } } } }
        issueOrPullRequest(number: 7) { __typename }
      }
    }`);
    const pr = result.repository.pullRequest;
    expect(pr).toMatchObject({
      state: "OPEN",
      additions: 1,
      changedFiles: 1,
      author: { login: "Codertocat" },
    });
    // After the force push the head (c) holds the base's files: nothing changed.
    expect(pr.files.totalCount).toBe(0);
    expect(result.repository.issue.closedByPullRequestsReferences.nodes).toEqual([
      { number: 7, repository: { nameWithOwner: FULL } },
    ]);
    expect(result.repository.issueOrPullRequest.__typename).toBe("PullRequest");
  });

  it("links a pull request to an issue by hand, beyond closing keywords", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: REPO });
    const octokit = octokitFor(sandbox);
    await octokit.issues.create({ owner: ORG, repo: REPO, title: "goal" });
    await octokit.git.createRef({ owner: ORG, repo: REPO, ref: "refs/heads/x", sha: sandbox.headSha(FULL) });
    await octokit.repos.createOrUpdateFileContents({
      owner: ORG,
      repo: REPO,
      path: "x.md",
      message: "x",
      content: base64("x"),
      branch: "x",
    });
    await octokit.pulls.create({ owner: ORG, repo: REPO, title: "work", head: "x", base: "main" });
    const query = `{ repository(owner: "acme", name: "hello") { issue(number: 1) { closedByPullRequestsReferences(first: 5) { nodes { number } } } } }`;
    type Linked = {
      repository: { issue: { closedByPullRequestsReferences: { nodes: { number: number }[] } } };
    };

    expect(
      (await octokit.graphql<Linked>(query)).repository.issue.closedByPullRequestsReferences.nodes,
    ).toEqual([]);
    sandbox.linkIssue(FULL, 2, 1);
    expect(
      (await octokit.graphql<Linked>(query)).repository.issue.closedByPullRequestsReferences.nodes,
    ).toEqual([{ number: 2 }]);
  });

  it("answers NOT_FOUND for an issue number that is a pull request", async () => {
    const octokit = octokitFor(storyOfAPullRequest());
    const error = await graphqlFailure(
      octokit.graphql(`{ repository(owner: "acme", name: "hello") { issue(number: 7) { title } } }`),
    );
    expect(error.errors[0]).toMatchObject({ type: "NOT_FOUND", path: ["repository", "issue"] });
  });

  it("names a bot without its [bot] suffix, as GitHub's GraphQL does", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: REPO });
    const octokit = octokitFor(sandbox);
    const issue = await octokit.issues.create({
      owner: ORG,
      repo: REPO,
      title: "goal",
      labels: ["a", "b", "c"],
    });
    expect(issue.data.user?.login).toBe("rungs[bot]");

    const result = await octokit.graphql<{
      repository: {
        issue: {
          author: { __typename: string; login: string };
          labels: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean } };
        };
      };
    }>(
      `{ repository(owner: "acme", name: "hello") { issue(number: 1) { author { __typename login } labels(first: 2) { nodes { name } pageInfo { hasNextPage } } } } }`,
    );
    expect(result.repository.issue.author).toEqual({ __typename: "Bot", login: "rungs" });
    expect(result.repository.issue.labels).toEqual({
      nodes: [{ name: "a" }, { name: "b" }],
      pageInfo: { hasNextPage: true },
    });
  });

  it("finds nodes by global id and requires first or last on connections", async () => {
    const sandbox = storyOfAPullRequest();
    const octokit = octokitFor(sandbox);
    const nodeId = sandbox.pulls(FULL)[0]?.nodeId ?? "";
    const found = await octokit.graphql<{ node: { number: number } }>(
      `query($id: ID!) { node(id: $id) { ... on PullRequest { number } } }`,
      { id: nodeId },
    );
    expect(found.node.number).toBe(7);

    const error = await graphqlFailure(
      octokit.graphql(
        `{ repository(owner: "acme", name: "hello") { pullRequest(number: 7) { labels { totalCount } } } }`,
      ),
    );
    expect(error.errors[0]?.message).toBe(
      "You must provide a `first` or `last` value to properly paginate the `labels` connection.",
    );
  });

  it("createCommitOnBranch writes additions and deletions in one commit", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: REPO, files: { "old.md": "old\n", "keep.md": "keep\n" } });
    const before = sandbox.headSha(FULL);
    await octokitFor(sandbox).graphql(
      `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
      {
        input: {
          branch: { repositoryNameWithOwner: FULL, branchName: "main" },
          expectedHeadOid: before,
          message: { headline: "swap", body: "old for new" },
          fileChanges: {
            additions: [{ path: "new.md", contents: base64("new\n") }],
            deletions: [{ path: "old.md" }],
          },
        },
      },
    );
    expect(sandbox.files(FULL)).toEqual({ "keep.md": "keep\n", "new.md": "new\n" });
  });
});

describe("GraphQL for review rounds: review commits, commit parents, force-push trees", () => {
  const ROUNDS = `query {
    repository(owner: "acme", name: "hello") {
      pullRequest(number: 7) {
        timelineItems(first: 10, itemTypes: [PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, HEAD_REF_FORCE_PUSHED_EVENT]) {
          nodes {
            __typename
            ... on PullRequestReview { reviewedCommit: commit { oid } }
            ... on PullRequestCommit { commit { oid parents(first: 2) { nodes { oid } } } }
            ... on HeadRefForcePushedEvent { beforeCommit { oid tree { oid } } afterCommit { oid tree { oid } } }
          }
        }
      }
    }
  }`;
  interface Rounds {
    repository: { pullRequest: { timelineItems: { nodes: Record<string, unknown>[] } } };
  }

  it("lists a merge of the base branch (Update branch) but not the base commits it brought in", async () => {
    const sandbox = storyOfAPullRequest();
    const octokit = octokitFor(sandbox);
    const where = { owner: ORG, repo: REPO };
    const treeOf = async (commit_sha: string) =>
      (await octokit.git.getCommit({ ...where, commit_sha })).data.tree.sha;
    // The base branch moves on, then the pull request's branch merges it in.
    const master = sandbox.headSha(FULL, "master");
    const baseTree = await octokit.git.createTree({
      ...where,
      base_tree: await treeOf(master),
      tree: [{ path: "base.md", mode: "100644", type: "blob", content: "base\n" }],
    });
    const onBase = await octokit.git.createCommit({
      ...where,
      message: "Base moves on",
      tree: baseTree.data.sha,
      parents: [master],
    });
    await octokit.git.updateRef({ ...where, ref: "heads/master", sha: onBase.data.sha });
    const mergedTree = await octokit.git.createTree({
      ...where,
      base_tree: await treeOf(sha("c")),
      tree: [{ path: "base.md", mode: "100644", type: "blob", content: "base\n" }],
    });
    const update = await octokit.git.createCommit({
      ...where,
      message: "Merge branch 'master' into guide",
      tree: mergedTree.data.sha,
      parents: [sha("c"), onBase.data.sha],
    });
    await octokit.git.updateRef({ ...where, ref: "heads/guide", sha: update.data.sha });

    const { nodes } = (await octokit.graphql<Rounds>(ROUNDS)).repository.pullRequest.timelineItems;
    // In time order, and the commits are dated by the sandbox's clock: compare as a set. The base's own
    // commit is not one of the pull request's.
    expect(nodes).toHaveLength(4);
    expect(nodes).toEqual(
      expect.arrayContaining([
        { __typename: "PullRequestReview", reviewedCommit: { oid: sha("b") } },
        {
          __typename: "PullRequestCommit",
          commit: { oid: sha("c"), parents: { nodes: [{ oid: master }] } },
        },
        {
          __typename: "HeadRefForcePushedEvent",
          beforeCommit: { oid: sha("b"), tree: { oid: await treeOf(sha("b")) } },
          afterCommit: { oid: sha("c"), tree: { oid: await treeOf(sha("c")) } },
        },
        {
          __typename: "PullRequestCommit",
          commit: { oid: update.data.sha, parents: { nodes: [{ oid: sha("c") }, { oid: onBase.data.sha }] } },
        },
      ]),
    );
    expect(await treeOf(sha("b"))).not.toBe(await treeOf(sha("c")));
  });
});
