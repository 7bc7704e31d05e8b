import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { base64, failure, graphqlFailure, octokitFor } from "./octokit.js";

/**
 * The sandbox against real GitHub traffic recorded in @octokit/fixtures: each test names the scenario
 * (scenarios/api.github.com/<name>/normalized-fixture.json) whose recorded answer it checks.
 */
interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string | number>;
}

const fixturesDir = join(
  dirname(createRequire(import.meta.url).resolve("@octokit/fixtures/package.json")),
  "scenarios",
  "api.github.com",
);
const scenario = (name: string): Recorded[] =>
  JSON.parse(readFileSync(join(fixturesDir, name, "normalized-fixture.json"), "utf8"));
const recorded = (name: string, method: string, pathEnd: string, status?: number): Recorded => {
  const found = scenario(name).find(
    (r) =>
      r.method.toUpperCase() === method &&
      r.path.split("?")[0]!.endsWith(pathEnd) &&
      (status === undefined || r.status === status),
  );
  if (!found) throw new Error(`no ${method} …${pathEnd} in fixture ${name}`);
  return found;
};
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** GitHub's `basic-error`, the schema its OpenAPI description gives 301, 404 and 410 answers of the issue routes. */
const subset = JSON.parse(
  readFileSync(new URL("../../schema/github-openapi-subset.json", import.meta.url), "utf8"),
);
const basicError = new Ajv({ strict: false }).compile(subset.components.schemas["basic-error"]);

const ORG = "acme";
const REPO = "career";
const FULL = `${ORG}/${REPO}`;
const r = { owner: ORG, repo: REPO };

const world = () => {
  const sandbox = new Sandbox();
  sandbox.addRepo({ name: REPO, files: { "README.md": "# career\n" } });
  return { sandbox, octokit: octokitFor(sandbox) };
};

const ISSUE_QUERY = `query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) { issue(number: $number) { number body title } }
}`;

describe("issue bodies (fixture add-labels-to-issue: an issue created without a body)", () => {
  it("REST answers body: null on create, get and list; PATCH body: null clears it again", async () => {
    const real = recorded("add-labels-to-issue", "POST", "/issues");
    expect(isRecord(real.response) && real.response.body).toBeNull();

    const { octokit } = world();
    const created = await octokit.issues.create({ ...r, title: "Issue without a label" });
    expect(created.data.body).toBeNull();
    expect((await octokit.issues.get({ ...r, issue_number: created.data.number })).data.body).toBeNull();
    expect((await octokit.issues.listForRepo(r)).data.map((i) => i.body)).toEqual([null]);

    await octokit.issues.update({ ...r, issue_number: created.data.number, body: "now a body" });
    const cleared = await octokit.issues.update({ ...r, issue_number: created.data.number, body: null });
    expect(cleared.data.body).toBeNull();
  });

  it('GraphQL answers "" (Issue.body is String! in GitHub\'s schema)', async () => {
    const { octokit } = world();
    const { data } = await octokit.issues.create({ ...r, title: "t" });
    const result = await octokit.graphql<{ repository: { issue: { body: string } } }>(ISSUE_QUERY, {
      owner: ORG,
      name: REPO,
      number: data.number,
    });
    expect(result.repository.issue.body).toBe("");
  });

  it("a delivery with body: null keeps it null", async () => {
    const { sandbox, octokit } = world();
    sandbox.applyEvent("issues", {
      action: "opened",
      repository: { name: REPO, owner: { login: ORG, type: "Organization" } },
      issue: {
        number: 5,
        title: "from a webhook",
        body: null,
        user: { login: "alice" },
        created_at: "2024-01-01T00:00:00Z",
      },
    });
    expect((await octokit.issues.get({ ...r, issue_number: 5 })).data.body).toBeNull();
  });

  it("list items leave out closed_by, as GitHub's do (fixture paginate-issues)", async () => {
    const real = recorded("paginate-issues", "GET", "/issues");
    expect(
      Array.isArray(real.response) && isRecord(real.response[0]) && "closed_by" in real.response[0],
    ).toBe(false);
    const { octokit } = world();
    const { data } = await octokit.issues.create({ ...r, title: "t" });
    const [listed] = (await octokit.issues.listForRepo(r)).data;
    expect(listed && "closed_by" in listed).toBe(false);
    expect((await octokit.issues.get({ ...r, issue_number: data.number })).data).toHaveProperty(
      "closed_by",
      null,
    );
  });
});

describe("labels", () => {
  it("a new repository has GitHub's default labels, with GitHub's colours and descriptions (fixture labels)", async () => {
    const real = recorded("labels", "GET", "/labels");
    if (!Array.isArray(real.response)) throw new Error("fixture labels: expected a list");
    const expected = real.response.map((l) => {
      if (!isRecord(l)) throw new Error("fixture labels: expected label objects");
      return { name: l.name, color: l.color, default: l.default, description: l.description };
    });
    expect(expected).toHaveLength(9);

    const { octokit } = world();
    const got = [];
    for (const { name } of expected) {
      const { data } = await octokit.issues.getLabel({ ...r, name: String(name) });
      got.push({ name: data.name, color: data.color, default: data.default, description: data.description });
    }
    expect(got).toEqual(expected);
  });

  it("putting a default label on an issue uses it as it is; a new label is not default", async () => {
    const { octokit } = world();
    const { data } = await octokit.issues.create({ ...r, title: "t", labels: ["bug", "goal"] });
    expect(data.labels.map((l) => (typeof l === "string" ? l : [l.name, l.color, l.default]))).toEqual([
      ["bug", "d73a4a", true],
      ["goal", "ededed", false],
    ]);
    const created = await octokit.issues.createLabel({ ...r, name: "test-label", color: "663399" });
    expect(created.data).toMatchObject(
      Object.fromEntries(
        Object.entries(recorded("labels", "POST", "/labels").response as object).filter(([k]) =>
          ["name", "color", "default", "description"].includes(k),
        ),
      ),
    );
  });

  it("an invalid colour is 422 Validation Failed with GitHub's error (fixture errors)", async () => {
    const real = recorded("errors", "POST", "/labels", 422);
    if (!isRecord(real.response)) throw new Error("fixture errors: expected an object");
    const { octokit } = world();
    const error = await failure(octokit.issues.createLabel({ ...r, name: "foo", color: "invalid" }));
    expect(error.status).toBe(real.status);
    expect(error.data).toMatchObject({ message: real.response.message, errors: real.response.errors });
    for (const color of ["12345", "1234567", "ggg000", ""]) {
      expect((await failure(octokit.issues.createLabel({ ...r, name: `c${color}`, color }))).status).toBe(
        422,
      );
    }
    expect((await octokit.issues.createLabel({ ...r, name: "ok", color: "#BADA55" })).data.color).toBe(
      "BADA55",
    );
  });
});

describe("201 Created carries Location", () => {
  it("issues, labels and refs answer the Location GitHub recorded (fixtures add-labels-to-issue, labels, git-refs)", async () => {
    const { sandbox, octokit } = world();
    const api = `https://api.github.com/repos/${FULL}`;
    const issue = await octokit.issues.create({ ...r, title: "t" });
    expect(recorded("add-labels-to-issue", "POST", "/issues").headers.location).toMatch(/\/issues\/1$/);
    expect(issue.headers.location).toBe(`${api}/issues/${issue.data.number}`);

    expect(recorded("labels", "POST", "/labels").headers.location).toMatch(/\/labels\/test-label$/);
    const label = await octokit.issues.createLabel({ ...r, name: "test label", color: "663399" });
    expect(label.headers.location).toBe(`${api}/labels/test%20label`);

    expect(recorded("git-refs", "POST", "/git/refs").headers.location).toMatch(/\/git\/refs\/heads\/test$/);
    const ref = await octokit.git.createRef({ ...r, ref: "refs/heads/test", sha: sandbox.headSha(FULL) });
    expect(ref.headers.location).toBe(`${api}/git/refs/heads/test`);
  });

  it("comments, git objects, pull requests and check runs name the created resource's url", async () => {
    const { sandbox, octokit } = world();
    const issue = await octokit.issues.create({ ...r, title: "t" });
    const comment = await octokit.issues.createComment({ ...r, issue_number: issue.data.number, body: "hi" });
    const blob = await octokit.git.createBlob({ ...r, content: "x\n" });
    const tree = await octokit.git.createTree({
      ...r,
      tree: [{ path: "x.md", mode: "100644", type: "blob", sha: blob.data.sha }],
    });
    const commit = await octokit.git.createCommit({
      ...r,
      message: "m",
      tree: tree.data.sha,
      parents: [sandbox.headSha(FULL)],
    });
    await octokit.git.createRef({ ...r, ref: "refs/heads/x", sha: commit.data.sha });
    const pull = await octokit.pulls.create({ ...r, title: "x", head: "x", base: "main" });
    const check = await octokit.checks.create({ ...r, name: "c", head_sha: commit.data.sha });
    expect(pull.data.body).toBeNull();
    for (const created of [comment, blob, tree, commit, pull, check]) {
      expect(created.status).toBe(201);
      expect(created.headers.location).toBe(created.data.url);
    }
  });

  it("creating a file through the contents API has none, as recorded (fixture create-file)", async () => {
    expect(recorded("create-file", "PUT", "/contents/test.txt").headers.location).toBeUndefined();
    const { octokit } = world();
    const file = await octokit.repos.createOrUpdateFileContents({
      ...r,
      path: "test.txt",
      message: "m",
      content: base64("x"),
    });
    expect(file.status).toBe(201);
    expect(file.headers.location).toBeUndefined();
  });
});

describe("pagination links address the repository by id (fixture paginate-issues)", () => {
  it("Link points at /repositories/{id}/issues and Octokit's paginate follows it", async () => {
    const real = recorded("paginate-issues", "GET", "/issues");
    expect(String(real.headers.link)).toMatch(
      /^<https:\/\/api\.github\.com\/repositories\/\d+\/issues\?per_page=3&page=2>; rel="next"/,
    );
    const { sandbox, octokit } = world();
    for (let i = 1; i <= 7; i++) await octokit.issues.create({ ...r, title: `t${i}` });
    const first = await octokit.issues.listForRepo({ ...r, per_page: 3 });
    const { id } = (await octokit.repos.get(r)).data;
    expect(first.headers.link).toBe(
      `<https://api.github.com/repositories/${id}/issues?per_page=3&page=2>; rel="next", ` +
        `<https://api.github.com/repositories/${id}/issues?per_page=3&page=3>; rel="last"`,
    );
    const all = await octokit.paginate(octokit.issues.listForRepo, { ...r, per_page: 3 });
    expect(all.map((i) => i.title)).toEqual(["t7", "t6", "t5", "t4", "t3", "t2", "t1"]);
    expect(sandbox.requests.at(-1)).toMatchObject({ route: "GET /repos/{owner}/{repo}/issues", repo: FULL });
  });

  it("an unknown repository id is 404", async () => {
    const { octokit } = world();
    const missing = await failure(octokit.request("GET /repositories/{id}", { id: 424242 }));
    expect({ status: missing.status, data: missing.data }).toMatchObject({
      status: 404,
      data: { message: "Not Found" },
    });
  });
});

describe("internal repositories", () => {
  const INTERNAL_QUERY = `query { repository(owner: "acme", name: "handbook") { visibility isPrivate } }`;

  it("REST says visibility internal and private true; GraphQL says INTERNAL", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: "handbook", visibility: "internal" });
    const octokit = octokitFor(sandbox);
    const { data } = await octokit.repos.get({ owner: ORG, repo: "handbook" });
    expect({ visibility: data.visibility, private: data.private }).toEqual({
      visibility: "internal",
      private: true,
    });
    expect(await octokit.graphql(INTERNAL_QUERY)).toEqual({
      repository: { visibility: "INTERNAL", isPrivate: true },
    });
  });

  it("private and public repositories keep their visibility; a contradiction is refused", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: "open", private: false });
    sandbox.addRepo({ name: "closed" });
    const octokit = octokitFor(sandbox);
    expect((await octokit.repos.get({ owner: ORG, repo: "open" })).data).toMatchObject({
      visibility: "public",
      private: false,
    });
    expect((await octokit.repos.get({ owner: ORG, repo: "closed" })).data).toMatchObject({
      visibility: "private",
      private: true,
    });
    expect(() => sandbox.addRepo({ name: "odd", visibility: "internal", private: false })).toThrow(
      /internal/,
    );
  });
});

describe("deleted issues", () => {
  it("REST answers 410 This issue was deleted; lists, GraphQL and new numbers leave it behind", async () => {
    const { sandbox, octokit } = world();
    const kept = await octokit.issues.create({ ...r, title: "kept" });
    const gone = await octokit.issues.create({ ...r, title: "gone" });
    sandbox.deleteIssue(FULL, gone.data.number);

    for (const call of [
      octokit.issues.get({ ...r, issue_number: gone.data.number }),
      octokit.issues.update({ ...r, issue_number: gone.data.number, title: "back?" }),
      octokit.issues.createComment({ ...r, issue_number: gone.data.number, body: "hello?" }),
    ]) {
      const error = await failure(call);
      expect(error.status).toBe(410);
      expect(error.data).toMatchObject({ message: "This issue was deleted" });
      expect(basicError(error.data)).toBe(true);
    }
    expect((await octokit.issues.listForRepo({ ...r, state: "all" })).data.map((i) => i.title)).toEqual([
      "kept",
    ]);
    expect(sandbox.issues(FULL).map((i) => i.number)).toEqual([kept.data.number]);

    const error = await graphqlFailure(
      octokit.graphql(ISSUE_QUERY, { owner: ORG, name: REPO, number: gone.data.number }),
    );
    expect(error.data).toEqual({ repository: { issue: null } });
    expect(error.errors[0]).toMatchObject({ type: "NOT_FOUND" });

    const next = await octokit.issues.create({ ...r, title: "next" });
    expect(next.data.number).toBe(gone.data.number + 1);
    expect((await failure(octokit.issues.get({ ...r, issue_number: 999 }))).status).toBe(404);
  });

  it("a pull request can be neither deleted nor transferred", async () => {
    const { sandbox, octokit } = world();
    sandbox.addRepo({ name: "elsewhere" });
    await octokit.git.createRef({ ...r, ref: "refs/heads/x", sha: sandbox.headSha(FULL) });
    await octokit.repos.createOrUpdateFileContents({
      ...r,
      path: "x.md",
      message: "x",
      content: base64("x"),
      branch: "x",
    });
    const pr = await octokit.pulls.create({ ...r, title: "x", head: "x", base: "main" });
    expect(() => sandbox.deleteIssue(FULL, pr.data.number)).toThrow(/no issue #1 to delete/);
    expect(() => sandbox.transferIssue(FULL, pr.data.number, `${ORG}/elsewhere`)).toThrow(
      /no issue #1 to transfer/,
    );
    expect((await octokit.pulls.get({ ...r, pull_number: pr.data.number })).status).toBe(200);
  });
});

describe("transferred issues", () => {
  const transferred = async () => {
    const { sandbox, octokit } = world();
    sandbox.addRepo({ name: "elsewhere" });
    await octokit.issues.create({ owner: ORG, repo: "elsewhere", title: "already there" });
    const issue = await octokit.issues.create({
      ...r,
      title: "moving",
      labels: ["goal"],
      assignees: ["alice"],
    });
    await octokit.issues.createComment({ ...r, issue_number: issue.data.number, body: "context" });
    const number = sandbox.transferIssue(FULL, issue.data.number, `${ORG}/elsewhere`);
    return { sandbox, octokit, old: issue.data.number, number };
  };

  it("takes the target's next number and keeps its comments, labels and assignees", async () => {
    const { sandbox, number } = await transferred();
    expect(number).toBe(2);
    expect(sandbox.issues(`${ORG}/elsewhere`).find((i) => i.number === number)).toMatchObject({
      title: "moving",
      labels: ["goal"],
      assignees: ["alice"],
      comments: [{ body: "context" }],
    });
    expect(sandbox.issues(FULL)).toEqual([]);
  });

  it("the old number answers 301 Moved Permanently to /repositories/{id}/issues/{number}", async () => {
    const { octokit, old, number } = await transferred();
    const target = await octokit.repos.get({ owner: ORG, repo: "elsewhere" });
    const location = `https://api.github.com/repositories/${target.data.id}/issues/${number}`;
    // Without following, Octokit does not throw on a 3xx: it resolves with the redirect's own body.
    const raw = await octokit.issues.get({ ...r, issue_number: old, request: { redirect: "manual" } });
    expect(raw.status).toBe(301);
    expect(raw.headers.location).toBe(location);
    expect(raw.data).toMatchObject({ message: "Moved Permanently", url: location });
    expect(basicError(raw.data)).toBe(true);
    const refused = octokit.issues.get({ ...r, issue_number: old, request: { redirect: "error" } });
    await expect(refused).rejects.toThrow();
  });

  it("GET and PATCH of the old number follow the redirect to the issue in its new repository, like fetch", async () => {
    const { sandbox, octokit, old, number } = await transferred();
    const got = await octokit.issues.get({ ...r, issue_number: old });
    expect(got.status).toBe(200);
    expect(got.data).toMatchObject({
      number,
      title: "moving",
      repository_url: `https://api.github.com/repos/${ORG}/elsewhere`,
    });

    const patched = await octokit.issues.update({ ...r, issue_number: old, state: "closed" });
    expect(patched.data).toMatchObject({ number, state: "closed" });
    expect(sandbox.issues(`${ORG}/elsewhere`).find((i) => i.number === number)?.state).toBe("closed");
    expect(sandbox.requests.slice(-2).map((q) => [q.method, q.route, q.status, q.repo])).toEqual([
      ["PATCH", "PATCH /repos/{owner}/{repo}/issues/{issue_number}", 301, FULL],
      ["PATCH", "PATCH /repos/{owner}/{repo}/issues/{issue_number}", 200, `${ORG}/elsewhere`],
    ]);

    const comments = await octokit.issues.listComments({ ...r, issue_number: old });
    expect(comments.data.map((c) => c.body)).toEqual(["context"]);
  });

  it("lists and GraphQL no longer find it under its old number", async () => {
    const { octokit, old } = await transferred();
    expect((await octokit.issues.listForRepo({ ...r, state: "all" })).data).toEqual([]);
    const error = await graphqlFailure(octokit.graphql(ISSUE_QUERY, { owner: ORG, name: REPO, number: old }));
    expect(error.data).toEqual({ repository: { issue: null } });
    expect(error.errors[0]).toMatchObject({ type: "NOT_FOUND" });
  });
});
