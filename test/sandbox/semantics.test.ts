import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { base64, failure, graphqlFailure, octokitFor } from "./octokit.js";

const owner = "acme";
const repo = "career";

const setup = () => {
  const sandbox = new Sandbox({ seed: 1 });
  sandbox.addRepo({ name: repo, files: { "ledger/alice.yaml": "items: []\n" } });
  return { sandbox, octokit: octokitFor(sandbox) };
};

describe("contents: compare-and-swap like GitHub", () => {
  it("answers 409 to a stale sha and keeps the file", async () => {
    const { sandbox, octokit } = setup();
    const { data } = await octokit.repos.getContent({ owner, repo, path: "ledger/alice.yaml" });
    if (Array.isArray(data) || data.type !== "file") throw new Error("expected a file");
    sandbox.writeFiles(`${owner}/${repo}`, { "ledger/alice.yaml": "items: [a]\n" });

    const error = await failure(
      octokit.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "ledger/alice.yaml",
        message: "add b",
        content: base64("items: [b]\n"),
        sha: data.sha,
      }),
    );

    expect(error.status).toBe(409);
    expect(error.data).toMatchObject({
      message: `ledger/alice.yaml does not match ${data.sha}`,
      status: "409",
    });
    expect(sandbox.readFile(`${owner}/${repo}`, "ledger/alice.yaml")).toBe("items: [a]\n");
  });

  it("answers 422 when an existing file is written without its sha", async () => {
    const { octokit } = setup();
    const error = await failure(
      octokit.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "ledger/alice.yaml",
        message: "m",
        content: base64("x"),
      }),
    );
    expect(error.status).toBe(422);
    expect(error.data).toMatchObject({ message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
  });

  it("creates (201) then updates (200) with the current blob sha, and the file lands", async () => {
    const { sandbox, octokit } = setup();
    const created = await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "goals/q1.md",
      message: "add",
      content: base64("one\n"),
    });
    expect(created.status).toBe(201);
    // git's own blob sha for "one\n"
    expect(created.data.content?.sha).toBe("5626abf0f72e58d7a153368ba57db4c673c0e171");
    const updated = await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "goals/q1.md",
      message: "edit",
      content: base64("two\n"),
      sha: created.data.content?.sha ?? "",
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha);
    expect(sandbox.readFile(`${owner}/${repo}`, "goals/q1.md")).toBe("two\n");
  });

  it("answers GitHub's 404 body for a missing repository and a missing file", async () => {
    const { octokit } = setup();
    const missingRepo = await failure(octokit.repos.get({ owner, repo: "nope" }));
    expect(missingRepo.status).toBe(404);
    expect(missingRepo.data).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
    const missingFile = await failure(octokit.repos.getContent({ owner, repo, path: "nope.md" }));
    expect(missingFile.status).toBe(404);
  });
});

describe("git database", () => {
  it("refuses a ref update that is not a fast-forward unless forced", async () => {
    const { sandbox, octokit } = setup();
    const first = sandbox.headSha(`${owner}/${repo}`);
    sandbox.writeFiles(`${owner}/${repo}`, { "a.md": "a" });

    const error = await failure(octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: first }));
    expect(error.status).toBe(422);
    expect(error.data).toMatchObject({ message: "Update is not a fast forward" });

    await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: first, force: true });
    expect(sandbox.headSha(`${owner}/${repo}`)).toBe(first);
  });

  it("commits several files atomically through blobs, trees, commits and a ref update", async () => {
    const { sandbox, octokit } = setup();
    const head = await octokit.git.getRef({ owner, repo, ref: "heads/main" });
    const parent = await octokit.git.getCommit({ owner, repo, commit_sha: head.data.object.sha });
    const blob = await octokit.git.createBlob({ owner, repo, content: base64("b\n"), encoding: "base64" });
    const tree = await octokit.git.createTree({
      owner,
      repo,
      base_tree: parent.data.tree.sha,
      tree: [
        { path: "docs/a.md", mode: "100644", type: "blob", content: "a\n" },
        { path: "docs/b.md", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "ledger/alice.yaml", mode: "100644", type: "blob", sha: null },
      ],
    });
    const commit = await octokit.git.createCommit({
      owner,
      repo,
      message: "two files",
      tree: tree.data.sha,
      parents: [head.data.object.sha],
    });
    await octokit.git.updateRef({ owner, repo, ref: "heads/main", sha: commit.data.sha });

    expect(sandbox.files(`${owner}/${repo}`)).toEqual({ "docs/a.md": "a\n", "docs/b.md": "b\n" });
    expect(tree.data.tree.map((e) => [e.path, e.type])).toEqual([["docs", "tree"]]);
  });
});

describe("issues", () => {
  it("paginates with Link headers so octokit.paginate gets all 250 issues", async () => {
    const { sandbox, octokit } = setup();
    // 250 issues over three hours: within GitHub's content limits (80 a minute, 500 an hour).
    for (let i = 1; i <= 250; i++) {
      sandbox.clock.advance(45_000);
      await octokit.issues.create({ owner, repo, title: `issue ${i}` });
    }

    const first = await octokit.issues.listForRepo({ owner, repo, per_page: 100 });
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('per_page=100&page=3>; rel="last"');
    const all = await octokit.paginate(octokit.issues.listForRepo, { owner, repo, per_page: 100 });

    expect(all).toHaveLength(250);
    expect(new Set(all.map((i) => i.number)).size).toBe(250);
    expect(all[0]?.number).toBe(250);
  });

  it("filters by state, labels, assignee and creator, and lists pull requests as issues", async () => {
    const { sandbox, octokit } = setup();
    await octokit.issues.create({ owner, repo, title: "bug", labels: ["bug", "p1"], assignees: ["alice"] });
    const closed = await octokit.issues.create({ owner, repo, title: "done", labels: ["bug"] });
    await octokit.issues.update({ owner, repo, issue_number: closed.data.number, state: "closed" });
    await octokit.git.createRef({
      owner,
      repo,
      ref: "refs/heads/feature",
      sha: sandbox.headSha(`${owner}/${repo}`),
    });
    await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "f.md",
      message: "f",
      content: base64("f"),
      branch: "feature",
    });
    await octokit.pulls.create({ owner, repo, title: "feature", head: "feature", base: "main" });

    const labelled = await octokit.issues.listForRepo({ owner, repo, labels: "bug,p1" });
    expect(labelled.data.map((i) => i.title)).toEqual(["bug"]);
    const assigned = await octokit.issues.listForRepo({ owner, repo, assignee: "alice" });
    expect(assigned.data.map((i) => i.title)).toEqual(["bug"]);
    const closedOnes = await octokit.issues.listForRepo({ owner, repo, state: "closed" });
    expect(closedOnes.data.map((i) => [i.title, i.state_reason])).toEqual([["done", "completed"]]);
    const open = await octokit.issues.listForRepo({ owner, repo });
    expect(open.data.map((i) => [i.title, i.pull_request !== undefined])).toEqual([
      ["feature", true],
      ["bug", false],
    ]);
    const byBot = await octokit.issues.listForRepo({ owner, repo, state: "all", creator: "rungs[bot]" });
    expect(byBot.data).toHaveLength(3);
  });

  it("rejects a body longer than 65,536 characters with GitHub's validation error", async () => {
    const { sandbox, octokit } = setup();
    const error = await failure(octokit.issues.create({ owner, repo, title: "t", body: "x".repeat(65_537) }));
    expect(error.status).toBe(422);
    expect(error.data).toEqual({
      message: "Validation Failed",
      errors: [
        {
          resource: "Issue",
          code: "custom",
          field: "body",
          message: "body is too long (maximum is 65536 characters)",
        },
      ],
      documentation_url: "https://docs.github.com/rest",
      status: "422",
    });
    expect(sandbox.issues(`${owner}/${repo}`)).toEqual([]);
    await octokit.issues.create({ owner, repo, title: "t", body: "x".repeat(65_536) });
    expect(sandbox.issues(`${owner}/${repo}`)).toHaveLength(1);
  });

  it("shares numbers between issues and pull requests and creates labels named on an issue", async () => {
    const { sandbox, octokit } = setup();
    await octokit.issues.create({ owner, repo, title: "first" });
    await octokit.git.createRef({
      owner,
      repo,
      ref: "refs/heads/x",
      sha: sandbox.headSha(`${owner}/${repo}`),
    });
    await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "x",
      message: "x",
      content: base64("x"),
      branch: "x",
    });
    const pr = await octokit.pulls.create({ owner, repo, title: "pr", head: "x", base: "main" });
    const third = await octokit.issues.create({ owner, repo, title: "third", labels: ["growth"] });

    expect(pr.data.number).toBe(2);
    expect(third.data.number).toBe(3);
    const label = await octokit.issues.getLabel({ owner, repo, name: "growth" });
    expect(label.data.color).toBe("ededed");
  });
});

describe("pull requests", () => {
  it("merges the head into the base and closes issues the body says it fixes", async () => {
    const { sandbox, octokit } = setup();
    const issue = await octokit.issues.create({ owner, repo, title: "goal" });
    await octokit.git.createRef({
      owner,
      repo,
      ref: "refs/heads/work",
      sha: sandbox.headSha(`${owner}/${repo}`),
    });
    await octokit.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "w.md",
      message: "w",
      content: base64("w\n"),
      branch: "work",
    });
    const pr = await octokit.pulls.create({
      owner,
      repo,
      title: "work",
      head: "work",
      base: "main",
      body: `Fixes #${issue.data.number}`,
    });

    const files = await octokit.pulls.listFiles({ owner, repo, pull_number: pr.data.number });
    expect(files.data.map((f) => [f.filename, f.status, f.additions])).toEqual([["w.md", "added", 1]]);
    const merged = await octokit.pulls.merge({ owner, repo, pull_number: pr.data.number });

    expect(merged.data.merged).toBe(true);
    expect(sandbox.readFile(`${owner}/${repo}`, "w.md")).toBe("w\n");
    expect(sandbox.pulls(`${owner}/${repo}`)[0]).toMatchObject({ state: "closed", merged: true });
    expect(sandbox.issues(`${owner}/${repo}`)[0]).toMatchObject({
      state: "closed",
      stateReason: "completed",
    });
    const again = await failure(octokit.pulls.merge({ owner, repo, pull_number: pr.data.number }));
    expect(again.status).toBe(405);
  });

  it("refuses a pull request from a branch that does not exist", async () => {
    const { octokit } = setup();
    const error = await failure(
      octokit.pulls.create({ owner, repo, title: "t", head: "ghost", base: "main" }),
    );
    expect(error.status).toBe(422);
    expect(error.data).toMatchObject({
      errors: [{ resource: "PullRequest", field: "head", code: "invalid" }],
    });
  });
});

describe("loud gaps", () => {
  it("fails an unknown route with its method and path, and logs it", async () => {
    const { sandbox, octokit } = setup();
    const error = await failure(octokit.request("GET /repos/{owner}/{repo}/foo", { owner, repo }));
    expect(error.status).toBe(404);
    expect(error.message).toContain("sandbox: no route for GET /repos/acme/career/foo");
    expect(sandbox.requests.at(-1)).toMatchObject({ route: "GET /repos/acme/career/foo", status: 404 });
  });

  it("fails a GraphQL field the sandbox does not model with its type and name", async () => {
    const { octokit } = setup();
    const error = await graphqlFailure(
      octokit.graphql(`query { repository(owner: "acme", name: "career") { name stargazerCount } }`),
    );
    expect(error.errors[0]?.message).toBe(
      "sandbox: GraphQL field Repository.stargazerCount is not implemented",
    );
  });
});

describe("loud GraphQL arguments", () => {
  it("fails an argument the sandbox would otherwise ignore, naming it", async () => {
    const { octokit } = setup();
    const error = await graphqlFailure(
      octokit.graphql(`query {
        repository(owner: "acme", name: "career") { issues(first: 5, filterBy: { assignee: "alice" }) { totalCount } }
      }`),
    );
    expect(error.errors[0]?.message).toBe(
      "sandbox: GraphQL argument Repository.issues(filterBy:) is not implemented",
    );
  });
});

describe("GraphQL", () => {
  it("answers NOT_FOUND for a missing repository, with data.repository null", async () => {
    const { octokit } = setup();
    const error = await graphqlFailure(
      octokit.graphql(`query { repository(owner: "acme", name: "nope") { name } }`),
    );
    expect(error.data).toEqual({ repository: null });
    expect(error.errors).toEqual([
      {
        type: "NOT_FOUND",
        path: ["repository"],
        locations: [{ line: 1, column: 9 }],
        message: "Could not resolve to a Repository with the name 'acme/nope'.",
      },
    ]);
  });

  it("reports an invalid query as GitHub does: errors with locations, no data", async () => {
    const { sandbox } = setup();
    const response = await sandbox.fetch("https://api.github.com/graphql", {
      method: "POST",
      body: JSON.stringify({ query: 'query { repository(owner: "acme", name: "career") { nme } }' }),
    });
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    expect(body).toEqual({
      errors: [
        {
          locations: [{ line: 1, column: 53 }],
          message: 'Cannot query field "nme" on type "Repository". Did you mean "name"?',
        },
      ],
    });
    expect(body).not.toHaveProperty("data");
  });

  it("commits on a branch with createCommitOnBranch and refuses a stale expectedHeadOid", async () => {
    const { sandbox, octokit } = setup();
    const mutation = `mutation Write($input: CreateCommitOnBranchInput!) {
      createCommitOnBranch(input: $input) { commit { oid url } ref { name } }
    }`;
    const head = sandbox.headSha(`${owner}/${repo}`);
    const input = (expectedHeadOid: string, text: string) => ({
      branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: "main" },
      expectedHeadOid,
      message: { headline: "ledger: add evidence" },
      fileChanges: { additions: [{ path: "ledger/alice.yaml", contents: base64(text) }] },
    });

    const done = await octokit.graphql<{
      createCommitOnBranch: { commit: { oid: string }; ref: { name: string } };
    }>(mutation, { input: input(head, "items: [a]\n") });
    expect(done.createCommitOnBranch.commit.oid).toBe(sandbox.headSha(`${owner}/${repo}`));
    expect(done.createCommitOnBranch.ref.name).toBe("main");

    const stale = await graphqlFailure(octokit.graphql(mutation, { input: input(head, "items: [b]\n") }));
    expect(stale.errors[0]).toMatchObject({
      type: "STALE_DATA",
      message: `Expected branch to point to "${head}" but it did not. Pull and try again.`,
    });
    expect(stale.data).toEqual({ createCommitOnBranch: null });
    expect(sandbox.readFile(`${owner}/${repo}`, "ledger/alice.yaml")).toBe("items: [a]\n");
    expect(sandbox.requests.at(-1)).toMatchObject({
      operation: "Write",
      mutating: true,
      repo: "acme/career",
    });
  });

  it("reads files and trees with object(expression:) and caps connections at 100", async () => {
    const { octokit } = setup();
    const result = await octokit.graphql<{
      repository: {
        file: { text: string; byteSize: number } | null;
        dir: { entries: { path: string }[] };
        none: null;
      };
    }>(`query {
      repository(owner: "acme", name: "career") {
        file: object(expression: "HEAD:ledger/alice.yaml") { ... on Blob { text byteSize } }
        dir: object(expression: "main:ledger") { ... on Tree { entries { path } } }
        none: object(expression: "main:nope.md") { oid }
      }
    }`);
    expect(result.repository.file).toEqual({ text: "items: []\n", byteSize: 10 });
    expect(result.repository.dir.entries).toEqual([{ path: "ledger/alice.yaml" }]);
    expect(result.repository.none).toBeNull();

    const tooMany = await graphqlFailure(
      octokit.graphql(
        `query { repository(owner: "acme", name: "career") { issues(first: 101) { totalCount } } }`,
      ),
    );
    expect(tooMany.errors[0]?.message).toBe(
      "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.",
    );
  });
});
