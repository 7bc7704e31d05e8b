import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { Sandbox, SERVED_ROUTES } from "../../src/sandbox/index.js";
import { example } from "../support/examples.js";
import { base64, octokitFor } from "./octokit.js";

/**
 * Every REST answer the sandbox gives is checked against GitHub's published OpenAPI response schema for its
 * (method, route, status), from schema/github-openapi-subset.json (made by scripts/openapi-subset.ts).
 */
interface Subset {
  source: { package: string; version: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
}

const SUBSET_ID = "https://rungs.local/schema/github-openapi-subset.json";
const subset: Subset = JSON.parse(
  readFileSync(new URL("../../schema/github-openapi-subset.json", import.meta.url), "utf8"),
);

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormatsModule.default(ajv);
ajv.addSchema({ ...subset, $id: SUBSET_ID });

const pointerSegment = (s: string) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"));

const validatorFor = (method: string, route: string, status: number): ValidateFunction | undefined => {
  if (subset.paths[route]?.[method.toLowerCase()]?.[String(status)] === undefined) return undefined;
  return ajv.getSchema(`${SUBSET_ID}#/paths/${pointerSegment(route)}/${method.toLowerCase()}/${status}`);
};

interface Observed {
  method: string;
  route: string;
  status: number;
  body: unknown;
}

const owner = "acme";
const repo = "career";

/** Calls every served route, for each status it answers by design, and records what came back. */
const exerciseEveryRoute = async (): Promise<Observed[]> => {
  const sandbox = new Sandbox({ seed: 3, installationId: 7 });
  sandbox.addRepo({ name: repo, files: { "README.md": "# career\n", "ledger/alice.yaml": "items: []\n" } });
  sandbox.addTeam(owner, "staff-engineers", ["alice"]);
  const observed: Observed[] = [];
  const octokit = octokitFor(
    Object.assign(Object.create(sandbox), {
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const response = await sandbox.fetch(input, init);
        const entry = sandbox.requests.at(-1)!;
        observed.push({
          method: entry.method,
          route: entry.route.slice(entry.method.length + 1),
          status: response.status,
          body: await response.clone().json(),
        });
        return response;
      },
    }),
  );
  const attempt = (call: Promise<unknown>) => call.catch(() => undefined);
  const r = { owner, repo };

  // A pull request with a review, as webhook deliveries would have built it.
  const review = example("pull_request_review", "submitted");
  review.repository = {
    ...review.repository,
    name: repo,
    owner: { ...review.repository.owner, login: owner },
  };
  review.pull_request = {
    ...review.pull_request,
    number: 90,
    base: { ...review.pull_request.base, ref: "main" },
  };
  review.pull_request.head = {
    ...review.pull_request.head,
    repo: { ...review.pull_request.head.repo, full_name: `${owner}/${repo}` },
  };
  sandbox.applyEvent("pull_request_review", review);

  await octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 7 });
  await attempt(
    octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 8 }),
  );
  await octokit.apps.getInstallation({ installation_id: 7 });
  await attempt(octokit.apps.getInstallation({ installation_id: 8 }));
  await octokit.apps.getRepoInstallation(r);
  await attempt(octokit.apps.getRepoInstallation({ owner, repo: "nope" }));
  await octokit.apps.getOrgInstallation({ org: owner });

  await octokit.repos.get(r);
  await attempt(octokit.repos.get({ owner, repo: "nope" }));

  const file = await octokit.repos.getContent({ ...r, path: "ledger/alice.yaml" });
  await octokit.repos.getContent({ ...r, path: "ledger" });
  await attempt(octokit.repos.getContent({ ...r, path: "nope.md" }));
  const sha = Array.isArray(file.data) ? "" : file.data.sha;
  const write = { ...r, path: "ledger/alice.yaml", message: "m", content: base64("items: [a]\n") };
  await attempt(octokit.repos.createOrUpdateFileContents(write));
  await attempt(octokit.repos.createOrUpdateFileContents({ ...write, sha: "0".repeat(40) }));
  const updated = await octokit.repos.createOrUpdateFileContents({ ...write, sha });
  await octokit.repos.createOrUpdateFileContents({ ...write, path: "new.md" });
  await attempt(octokit.repos.deleteFile({ ...r, path: "new.md", message: "rm", sha: "" }));
  await attempt(octokit.repos.deleteFile({ ...r, path: "new.md", message: "rm", sha: "0".repeat(40) }));
  await attempt(octokit.repos.deleteFile({ ...r, path: "missing.md", message: "rm", sha: "0".repeat(40) }));
  await octokit.repos.deleteFile({
    ...r,
    path: "ledger/alice.yaml",
    message: "rm",
    sha: updated.data.content?.sha ?? "",
  });

  const main = await octokit.git.getRef({ ...r, ref: "heads/main" });
  await attempt(octokit.git.getRef({ ...r, ref: "heads/nope" }));
  await octokit.git.createRef({ ...r, ref: "refs/heads/work", sha: main.data.object.sha });
  await attempt(octokit.git.createRef({ ...r, ref: "refs/heads/work", sha: main.data.object.sha }));
  const blob = await octokit.git.createBlob({ ...r, content: "w\n" });
  const tree = await octokit.git.createTree({
    ...r,
    base_tree: (await octokit.git.getCommit({ ...r, commit_sha: main.data.object.sha })).data.tree.sha,
    tree: [{ path: "work/w.md", mode: "100644", type: "blob", sha: blob.data.sha }],
  });
  await attempt(octokit.git.createTree({ ...r, base_tree: "f".repeat(40), tree: [] }));
  const commit = await octokit.git.createCommit({
    ...r,
    message: "w",
    tree: tree.data.sha,
    parents: [main.data.object.sha],
  });
  await attempt(octokit.git.createCommit({ ...r, message: "w", tree: "f".repeat(40) }));
  await attempt(octokit.git.getCommit({ ...r, commit_sha: "f".repeat(40) }));
  await octokit.git.updateRef({ ...r, ref: "heads/work", sha: commit.data.sha });
  await attempt(octokit.git.updateRef({ ...r, ref: "heads/work", sha: main.data.object.sha }));

  const issue = await octokit.issues.create({ ...r, title: "goal", labels: ["goal"], assignees: ["alice"] });
  await attempt(octokit.issues.create({ owner, repo: "nope", title: "t" }));
  await attempt(octokit.issues.create({ ...r, title: "t", body: "x".repeat(70_000) }));
  await octokit.issues.listForRepo({ ...r, state: "all" });
  await attempt(octokit.issues.listForRepo({ owner, repo: "nope" }));
  await octokit.issues.get({ ...r, issue_number: issue.data.number });
  await octokit.issues.get({ ...r, issue_number: 90 });
  await attempt(octokit.issues.get({ ...r, issue_number: 999 }));
  await octokit.issues.update({
    ...r,
    issue_number: issue.data.number,
    state: "closed",
    state_reason: "not_planned",
  });
  await attempt(octokit.issues.update({ ...r, issue_number: 999, title: "t" }));
  await attempt(octokit.issues.update({ ...r, issue_number: issue.data.number, body: "x".repeat(70_000) }));

  const comment = await octokit.issues.createComment({ ...r, issue_number: issue.data.number, body: "hi" });
  await attempt(octokit.issues.createComment({ ...r, issue_number: 999, body: "hi" }));
  await attempt(
    octokit.issues.createComment({ ...r, issue_number: issue.data.number, body: "x".repeat(70_000) }),
  );
  await octokit.issues.listComments({ ...r, issue_number: issue.data.number });
  await attempt(octokit.issues.listComments({ ...r, issue_number: 999 }));
  await octokit.issues.updateComment({ ...r, comment_id: comment.data.id, body: "edited" });
  await octokit.issues.getComment({ ...r, comment_id: comment.data.id });
  await attempt(octokit.issues.getComment({ ...r, comment_id: 999_999 }));
  await octokit.reactions.createForIssueComment({ ...r, comment_id: comment.data.id, content: "eyes" });
  await octokit.reactions.createForIssueComment({ ...r, comment_id: comment.data.id, content: "eyes" });
  const commentReactions: string = "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions";
  await attempt(octokit.request(commentReactions, { ...r, comment_id: comment.data.id, content: "shrug" }));
  await attempt(
    octokit.issues.updateComment({ ...r, comment_id: comment.data.id, body: "x".repeat(70_000) }),
  );

  await octokit.issues.addLabels({ ...r, issue_number: issue.data.number, labels: ["q1"] });
  await attempt(octokit.issues.addLabels({ ...r, issue_number: 999, labels: ["q1"] }));
  await octokit.issues.getLabel({ ...r, name: "goal" });
  await attempt(octokit.issues.getLabel({ ...r, name: "nope" }));
  await octokit.issues.createLabel({ ...r, name: "evidence", color: "0e8a16", description: "Evidence" });
  await attempt(octokit.issues.createLabel({ ...r, name: "evidence" }));
  await octokit.reactions.createForIssue({ ...r, issue_number: issue.data.number, content: "rocket" });
  await octokit.reactions.createForIssue({ ...r, issue_number: issue.data.number, content: "rocket" });
  const reactions: string = "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions";
  await attempt(octokit.request(reactions, { ...r, issue_number: issue.data.number, content: "shrug" }));

  const pr = await octokit.pulls.create({
    ...r,
    title: "work",
    head: "work",
    base: "main",
    body: `Closes #${issue.data.number}`,
  });
  await attempt(octokit.pulls.create({ ...r, title: "again", head: "work", base: "main" }));
  await octokit.pulls.list({ ...r, state: "all" });
  await octokit.pulls.get({ ...r, pull_number: pr.data.number });
  await attempt(octokit.pulls.get({ ...r, pull_number: issue.data.number }));
  await octokit.pulls.update({ ...r, pull_number: pr.data.number, title: "work, renamed" });
  await attempt(octokit.pulls.update({ ...r, pull_number: pr.data.number, base: "nope" }));
  await octokit.pulls.requestReviewers({ ...r, pull_number: pr.data.number, reviewers: ["alice"] });
  await attempt(
    octokit.pulls.requestReviewers({ ...r, pull_number: pr.data.number, reviewers: ["rungs[bot]"] }),
  );
  await octokit.pulls.listReviews({ ...r, pull_number: 90 });
  await octokit.pulls.listCommits({ ...r, pull_number: pr.data.number });
  await octokit.pulls.listFiles({ ...r, pull_number: pr.data.number });

  const check = await octokit.checks.create({
    ...r,
    name: "rungs",
    head_sha: commit.data.sha,
    status: "in_progress",
  });
  await octokit.checks.update({
    ...r,
    check_run_id: check.data.id,
    conclusion: "success",
    output: { title: "ok", summary: "ok" },
  });

  await attempt(octokit.pulls.merge({ ...r, pull_number: pr.data.number, sha: main.data.object.sha }));
  await octokit.pulls.merge({ ...r, pull_number: pr.data.number, merge_method: "squash" });
  await attempt(octokit.pulls.merge({ ...r, pull_number: pr.data.number }));

  await octokit.teams.getMembershipForUserInOrg({
    org: owner,
    team_slug: "staff-engineers",
    username: "alice",
  });
  await attempt(
    octokit.teams.getMembershipForUserInOrg({ org: owner, team_slug: "staff-engineers", username: "bob" }),
  );

  // The app's webhook deliveries: one failed, then asked for again.
  sandbox.recordDelivery({ guid: "g-1", event: "issues", payload: { action: "closed" }, statusCode: 502 });
  const deliveries = await octokit.apps.listWebhookDeliveries({ per_page: 10 });
  await octokit.apps.redeliverWebhookDelivery({ delivery_id: deliveries.data[0]!.id });
  return observed;
};

describe("fidelity to GitHub's OpenAPI description", () => {
  it(`every answer matches its response schema (${subset.source.package}@${subset.source.version})`, async () => {
    const observed = await exerciseEveryRoute();
    const problems: string[] = [];
    for (const { method, route, status, body } of observed) {
      const validate = validatorFor(method, route, status);
      if (!validate) {
        problems.push(`${method} ${route} ${status}: no schema (is the status listed in SERVED_ROUTES?)`);
        continue;
      }
      if (!validate(body)) {
        const errors = (validate.errors ?? [])
          .slice(0, 5)
          .map((e) => `${e.instancePath || "/"} ${e.message}`);
        problems.push(`${method} ${route} ${status}: ${errors.join("; ")}`);
      }
    }
    expect(problems).toEqual([]);

    const seen = new Set(observed.map((o) => `${o.method} ${o.route} ${o.status}`));
    const unexercised = SERVED_ROUTES.flatMap(({ method, route, status }) =>
      status.map((s) => `${method} ${route} ${s}`).filter((key) => !seen.has(key)),
    );
    expect(unexercised).toEqual([]);
  });

  it("has a schema for exactly the served routes and statuses (regenerate with scripts/openapi-subset.ts)", () => {
    const served = SERVED_ROUTES.flatMap(({ method, route, status }) =>
      status.map((s) => `${method.toLowerCase()} ${route} ${s}`),
    );
    const extracted = Object.entries(subset.paths).flatMap(([route, methods]) =>
      Object.entries(methods).flatMap(([method, byStatus]) =>
        Object.keys(byStatus).map((s) => `${method} ${route} ${s}`),
      ),
    );
    expect(served.filter((key) => !extracted.includes(key))).toEqual([]);
    expect(extracted.filter((key) => !served.includes(key))).toEqual([]);
  });

  it("rejects an answer that drops a required field", async () => {
    const sandbox = new Sandbox();
    sandbox.addRepo({ name: repo });
    const { data } = await octokitFor(sandbox).issues.create({ owner, repo, title: "t" });
    const validate = validatorFor("POST", "/repos/{owner}/{repo}/issues", 201)!;
    expect(validate(data)).toBe(true);

    const { node_id: _dropped, ...withoutNodeId } = data;
    expect(validate(withoutNodeId)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: "required",
      params: { missingProperty: "node_id" },
    });
  });
});
