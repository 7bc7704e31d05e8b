import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { failure, octokitFor } from "./octokit.js";

describe("the request log", () => {
  it("records every request in order with its route template, target repository and whether it writes", async () => {
    const sandbox = new Sandbox({ installationId: 5 });
    sandbox.addRepo({ name: "career" });
    const octokit = octokitFor(sandbox);

    await octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 5 });
    await octokit.repos.get({ owner: "acme", repo: "career" });
    await octokit.issues.create({ owner: "acme", repo: "career", title: "t" });
    await failure(octokit.issues.get({ owner: "acme", repo: "career", issue_number: 99 }));
    await octokit.graphql(`query Ledger { repository(owner: "acme", name: "career") { name } }`);

    expect(
      sandbox.requests.map(({ method, route, repo, mutating, status, operation }) => ({
        method,
        route,
        repo,
        mutating,
        status,
        operation,
      })),
    ).toEqual([
      {
        method: "POST",
        route: "POST /app/installations/{installation_id}/access_tokens",
        repo: undefined,
        mutating: false,
        status: 201,
        operation: undefined,
      },
      {
        method: "GET",
        route: "GET /repos/{owner}/{repo}",
        repo: "acme/career",
        mutating: false,
        status: 200,
        operation: undefined,
      },
      {
        method: "POST",
        route: "POST /repos/{owner}/{repo}/issues",
        repo: "acme/career",
        mutating: true,
        status: 201,
        operation: undefined,
      },
      {
        method: "GET",
        route: "GET /repos/{owner}/{repo}/issues/{issue_number}",
        repo: "acme/career",
        mutating: false,
        status: 404,
        operation: undefined,
      },
      {
        method: "POST",
        route: "POST /graphql",
        repo: "acme/career",
        mutating: false,
        status: 200,
        operation: "Ledger",
      },
    ]);
  });

  it("serves the same answers for the same calls: ids, shas, timestamps and request ids", async () => {
    const run = async () => {
      const sandbox = new Sandbox({ seed: 9 });
      sandbox.addRepo({ name: "career", files: { "a.md": "a" } });
      const response = await octokitFor(sandbox).issues.create({ owner: "acme", repo: "career", title: "t" });
      return {
        sha: sandbox.headSha("acme/career"),
        issue: response.data,
        requestId: response.headers["x-github-request-id"],
      };
    };
    expect(await run()).toEqual(await run());
  });
});
