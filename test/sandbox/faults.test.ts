import { describe, expect, it } from "vitest";
import { type FaultRule, Sandbox } from "../../src/sandbox/index.js";
import { failure, octokitFor } from "./octokit.js";

const owner = "acme";
const repo = "career";

const setup = (seed = 1) => {
  const sandbox = new Sandbox({ seed, installationId: 42, now: Date.UTC(2024, 2, 1) });
  sandbox.addRepo({ name: repo });
  return { sandbox, octokit: octokitFor(sandbox) };
};

describe("faults as an Octokit client sees them", () => {
  it.each([502, 503] as const)("server-error %i → RequestError with that status", async (status) => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ route: "GET /repos/{owner}/{repo}", kind: "server-error", status }]);
    const error = await failure(octokit.repos.get({ owner, repo }));
    expect(error.status).toBe(status);
    expect(error.data).toMatchObject({ status: String(status) });
    expect(sandbox.requests.at(-1)).toMatchObject({ route: "GET /repos/{owner}/{repo}", status });
  });

  it("secondary rate limit → 403 with a retry-after header", async () => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ kind: "secondary-rate-limit", retryAfter: 30 }]);
    const error = await failure(octokit.repos.get({ owner, repo }));
    expect(error.status).toBe(403);
    expect(error.headers["retry-after"]).toBe("30");
    expect(error.message).toContain("You have exceeded a secondary rate limit");
  });

  it("primary rate limit → 403 with x-ratelimit-remaining 0 and a reset a minute ahead", async () => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ kind: "primary-rate-limit" }]);
    const error = await failure(octokit.repos.get({ owner, repo }));
    expect(error.status).toBe(403);
    expect(error.headers["x-ratelimit-remaining"]).toBe("0");
    expect(error.headers["x-ratelimit-reset"]).toBe(String(Date.UTC(2024, 2, 1) / 1000 + 60));
    expect(error.message).toContain("API rate limit exceeded for installation ID 42.");
  });

  it("latency → the answer arrives, later", async () => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ kind: "latency", latencyMs: 20 }]);
    const started = performance.now();
    const response = await octokit.repos.get({ owner, repo });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("stops after `times` injections and matches on method and path template", async () => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ route: "/repos/{owner}/{repo}", method: "GET", kind: "server-error", times: 2 }]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        await octokit.repos.get({ owner, repo }).then(
          (r) => r.status,
          (e: { status: number }) => e.status,
        ),
      );
    }
    expect(statuses).toEqual([502, 502, 200, 200]);
    await octokit.issues.create({ owner, repo, title: "not faulted: another route" });
  });

  it("draws faults from the seed: same seed, same faulted requests; another seed, others", async () => {
    const run = async (seed: number) => {
      const { sandbox, octokit } = setup(seed);
      const rules: FaultRule[] = [{ kind: "server-error", rate: 0.5 }];
      sandbox.faults.set(rules);
      for (let i = 0; i < 40; i++) await octokit.repos.get({ owner, repo }).catch(() => undefined);
      return sandbox.requests.map((r) => r.status);
    };
    const first = await run(7);
    expect(first).toEqual(await run(7));
    expect(first).not.toEqual(await run(8));
    expect(first.filter((s) => s === 502).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it("clear() ends all faults", async () => {
    const { sandbox, octokit } = setup();
    sandbox.faults.set([{ kind: "server-error" }]);
    sandbox.faults.clear();
    expect((await octokit.repos.get({ owner, repo })).status).toBe(200);
  });
});

describe("every response looks like GitHub's", () => {
  it("carries rate-limit headers counted on the sandbox clock and a request id", async () => {
    const { sandbox, octokit } = setup();
    const first = await octokit.repos.get({ owner, repo });
    const second = await octokit.repos.get({ owner, repo });
    const graphql = await sandbox.fetch("https://api.github.com/graphql", {
      method: "POST",
      body: JSON.stringify({ query: "{ rateLimit { remaining } }" }),
    });
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-used"]).toBe("1");
    expect(second.headers["x-ratelimit-remaining"]).toBe("4998");
    expect(second.headers["x-ratelimit-reset"]).toBe(String(Date.UTC(2024, 2, 1) / 1000 + 3600));
    expect(second.headers["x-ratelimit-resource"]).toBe("core");
    expect(graphql.headers.get("x-ratelimit-resource")).toBe("graphql");
    expect(first.headers["x-github-request-id"]).not.toBe(second.headers["x-github-request-id"]);
  });
});
