import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";
import { graphqlFailure, octokitFor } from "./octokit.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** `n` pull requests by alice merged a day apart from 2026-01-01, and one open one by bob. */
const world = (n: number) => {
  const sandbox = new Sandbox({ account: "acme", now: Date.UTC(2026, 0, 1) });
  for (let i = 1; i <= n; i++) {
    const at = Date.UTC(2026, 0, 1, 12) + (i - 1) * DAY;
    sandbox.applyEvent("pull_request", {
      action: "closed",
      repository: { name: "web", owner: { login: "acme" }, default_branch: "main" },
      pull_request: {
        number: i,
        user: { login: "alice" },
        title: `pr ${i}`,
        state: "closed",
        created_at: iso(at - 3_600_000),
        merged_at: iso(at),
        merged: true,
        head: { ref: `t${i}`, sha: i.toString(16).padStart(40, "0") },
        base: { ref: "main" },
      },
    });
  }
  sandbox.applyEvent("pull_request", {
    action: "opened",
    repository: { name: "web", owner: { login: "acme" }, default_branch: "main" },
    pull_request: {
      number: n + 1,
      user: { login: "bob" },
      title: "open",
      state: "open",
      created_at: "2026-03-01T00:00:00Z",
      head: { ref: "open", sha: "f".repeat(40) },
      base: { ref: "main" },
    },
  });
  return sandbox;
};

interface Found {
  rateLimit: { cost: number };
  search: {
    issueCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { number: number }[];
  };
}
const SEARCH = `query ($q: String!, $after: String) {
  rateLimit { cost }
  search(type: ISSUE, query: $q, first: 100, after: $after) {
    issueCount pageInfo { hasNextPage endCursor } nodes { ... on PullRequest { number } }
  }
}`;

describe("GraphQL search", () => {
  it("finds by author, state and merge date, newest first, paged by cursor", async () => {
    const octokit = octokitFor(world(150));
    const q = "is:pr is:merged author:alice org:acme merged:2026-01-01..2026-04-30";
    const first = await octokit.graphql<Found>(SEARCH, { q });
    const second = await octokit.graphql<Found>(SEARCH, { q, after: first.search.pageInfo.endCursor });

    expect(first.search.issueCount).toBe(120);
    expect(first.search.nodes[0]?.number).toBe(120);
    expect(first.search.pageInfo.hasNextPage).toBe(true);
    expect(second.search.nodes.map((n) => n.number)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(second.search.pageInfo.hasNextPage).toBe(false);
    const window = await octokit.graphql<Found>(SEARCH, {
      q: "is:pr is:merged org:acme merged:2026-01-10T12:00:00Z..2026-01-11T12:00:00Z",
    });
    expect(window.search.nodes.map((n) => n.number)).toEqual([11, 10]);
    const notMerged = await octokit.graphql<Found>(SEARCH, {
      q: "is:pr org:acme -merged:2026-01-01..2026-12-31",
    });
    expect(notMerged.search.nodes.map((n) => n.number)).toEqual([151]);
  });

  it("counts every match but reaches only the first 1,000, as GitHub does", async () => {
    const octokit = octokitFor(world(1010));
    const q = "is:pr is:merged org:acme";
    let page = await octokit.graphql<Found>(SEARCH, { q });
    let reached = page.search.nodes.length;
    while (page.search.pageInfo.hasNextPage) {
      page = await octokit.graphql<Found>(SEARCH, { q, after: page.search.pageInfo.endCursor });
      reached += page.search.nodes.length;
    }
    expect(page.search.issueCount).toBe(1010);
    expect(reached).toBe(1000);
  });

  it("refuses what it would answer wrongly, by name", async () => {
    const octokit = octokitFor(world(1));
    for (const [q, message] of [
      ["is:pr label:bug", "sandbox: search qualifier label: is not implemented"],
      ["is:pr fix login", 'sandbox: free-text search ("fix") is not implemented'],
      ["is:draft", "sandbox: search qualifier is:draft is not implemented"],
      ["merged:yesterday", 'sandbox: search qualifier merged:yesterday has an unreadable date "yesterday"'],
    ]) {
      const failed = await graphqlFailure(octokit.graphql(SEARCH, { q }));
      expect(failed.errors[0]?.message).toBe(message);
    }
    const repos = await graphqlFailure(
      octokit.graphql(`{ search(type: REPOSITORY, query: "rungs", first: 1) { repositoryCount } }`),
    );
    expect(repos.errors[0]?.message).toBe("sandbox: search type REPOSITORY is not implemented");
  });

  it("charges a query's points as GitHub documents them", async () => {
    const octokit = octokitFor(world(1));
    const cost = async (query: string) =>
      (await octokit.graphql<{ rateLimit: { cost: number } }>(query)).rateLimit.cost;
    expect(await cost(`{ rateLimit { cost } }`)).toBe(1);
    // 1 search + 100 timelines + 100 × 100 commits' parents = 10,101 requests: 101 points.
    expect(
      await cost(`{ rateLimit { cost } search(type: ISSUE, query: "is:pr", first: 100) { nodes { ... on PullRequest {
        timelineItems(first: 100) { nodes { ... on PullRequestCommit { commit { parents(first: 2) { totalCount } } } } } } } } }`),
    ).toBe(101);
  });
});
