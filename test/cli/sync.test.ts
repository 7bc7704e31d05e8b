import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import { throwawayAppKey as appKey } from "../../src/simulate/probot.js";
import { type Delivery, issueClosed, prMerged, prOpened, reviewSubmitted } from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";
import { runAgainst } from "../support/remote-cli.js";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** `author`'s feature `n`, merged `at`, opened an hour before. */
const merged = (n: number, at: number, author = "alice", repo = "web"): Delivery =>
  prMerged({
    number: n,
    repo,
    author,
    title: `feat: step ${n}`,
    labels: ["feature"],
    createdAt: iso(at - 3_600_000),
    mergedAt: iso(at),
  });

/** The pull request a merge delivery closes, as opened. */
const opened = (d: Delivery): Delivery => {
  const pr = d.payload.pull_request as {
    number: number;
    user: { login: string };
    title: string;
    created_at: string;
  };
  const repo = (d.payload.repository as { name: string }).name;
  return prOpened({
    number: pr.number,
    repo,
    author: pr.user.login,
    title: pr.title,
    createdAt: pr.created_at,
  });
};

/** GitHub's side of deliveries, without delivering them: history the app never heard about. */
const happened = (h: Harness, deliveries: readonly Delivery[]) => {
  for (const d of deliveries) h.sandbox.applyEvent(d.name, d.payload, d.files);
};

const searches = (h: Harness, operation: string, from = 0) =>
  h.sandbox.requests.slice(from).filter((r) => r.operation === operation);

const sync = (h: Harness, ...args: string[]) => runAgainst(h.sandbox, ["sync", "--repo", CAREER, ...args]);

const keys = (items: readonly EvidenceItem[] | undefined) => (items ?? []).map((i) => i.key).sort();

/** An item as recorded, without when and by which run it was recorded. */
const fact = ({ provenance: _p, ...rest }: EvidenceItem) => rest;

describe("rungs sync", () => {
  it("records a year of merged pull requests, reviews and closed issues, page by page", async () => {
    const h = await harness();
    const start = Date.UTC(2025, 9, 1, 10);
    // 150 of alice's pull requests over the year, bob reviewing every other one; carol closes 4 issues.
    const prs = Array.from({ length: 150 }, (_, i) => merged(i + 1, start + Math.floor(i * 2.4) * DAY));
    const reviews = Array.from({ length: 75 }, (_, i) =>
      reviewSubmitted({
        number: 2 * i + 1,
        prAuthor: "alice",
        reviewer: "bob",
        state: i % 3 === 0 ? "changes_requested" : "approved",
        submittedAt: iso(start + Math.floor(2 * i * 2.4) * DAY - 1_800_000),
        reviewId: 5000 + i,
      }),
    );
    const issues = [1, 2, 3, 4].map((n) =>
      issueClosed({
        number: 900 + n,
        repo: "ops",
        title: `incident ${n}`,
        labels: ["incident"],
        assignees: ["carol"],
        createdAt: iso(start + n * 60 * DAY),
        closedAt: iso(start + n * 60 * DAY + 7_200_000),
      }),
    );
    // Opened first (a review's example payload names another base branch), reviewed, then merged.
    happened(h, [...prs.map(opened), ...reviews, ...prs, ...issues]);

    const run = await sync(h, "--since", "2025-10-01", "--until", "2026-09-30");

    expect(run.err).not.toMatch(/skipped|could not/);
    expect(run.code).toBe(0);
    const alice = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"].flatMap((q) =>
      keys(h.ledger("alice", q)?.counted),
    );
    expect(alice.sort()).toEqual(prs.map((p) => `PR_acme_web_${p.payload.number as number}`).sort());
    const bob = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"].flatMap(
      (q) => h.ledger("bob", q)?.counted ?? [],
    );
    expect(bob.map((i) => i.key).sort()).toEqual(
      reviews.map((_, i) => `PR_acme_web_${2 * i + 1}:review:bob`).sort(),
    );
    expect(bob.filter((i) => i.kind === "review" && i.teaching)).toHaveLength(25);
    const carol = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"].flatMap((q) =>
      keys(h.ledger("carol", q)?.counted),
    );
    expect(carol).toEqual(["901", "902", "903", "904"].map((n) => `I_acme_ops_${n}:carol`));
    // The whole organisation at once, 100 per page: 150 merged pull requests (with their reviews) in two searches.
    expect(searches(h, "RungsSyncPullRequests").map((r) => r.status)).toEqual([200, 200]);
    expect(run.out).toMatch(
      /synced acme\/careers for 5 people: 229 items found · \d+ searches · \d+ points used/,
    );
    // Past quarters get no goal issue after the fact.
    expect(h.goalIssues()).toEqual([]);
  });

  it("splits a window holding more than search's 1,000 results, and reads them all", async () => {
    const h = await harness();
    const start = Date.UTC(2026, 6, 1, 8);
    const prs = Array.from({ length: 1050 }, (_, i) => merged(i + 1, start + i * 7_000_000));
    happened(h, prs);

    const run = await sync(h, "--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice");

    expect(run.code).toBe(0);
    expect(h.ledger("alice", "2026-Q3")?.counted).toHaveLength(1050);
    expect(run.out).toContain("1050 items found");
    // The whole quarter found 1,050: searched again by halves, each under the cap.
    const windows = searches(h, "RungsSyncPullRequests").map((r) => decodeURIComponent(r.url));
    expect(windows.length).toBeGreaterThanOrEqual(12);
  });

  it("stops after a 502 that outlasts its retries, and resumes from the checkpoint", async () => {
    const h = await harness();
    const start = Date.UTC(2026, 6, 1, 8);
    happened(h, [
      ...Array.from({ length: 120 }, (_, i) => merged(i + 1, start + (i * DAY) / 2)),
      ...Array.from({ length: 30 }, (_, i) => merged(200 + i, start + i * DAY, "bob")),
    ]);
    const dir = mkdtempSync(join(tmpdir(), "rungs-sync-"));
    const checkpoint = join(dir, "sync.json");
    const args = ["--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice", "--login", "bob"];
    // GitHub fails every search for bob's pull requests, whatever the page size.
    const failing: typeof globalThis.fetch = async (input, init) => {
      const body = typeof init?.body === "string" ? init.body : "";
      if (body.includes("RungsSyncPullRequests") && body.includes("author:bob"))
        return new Response(JSON.stringify({ message: "Server Error" }), { status: 502 });
      return h.sandbox.fetch(input, init);
    };

    const first = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, ...args, "--checkpoint", checkpoint],
      {
        fetch: failing,
      },
    );

    expect(first.code).toBe(1);
    expect(first.err).toContain(
      `stopped: GitHub failed 5 times in a row on a search page (down to 6 per page)`,
    );
    expect(first.err).toContain(`run the same command again to resume from ${checkpoint}`);
    // alice's history is recorded and remembered as done; bob's is not.
    expect(h.ledger("alice", "2026-Q3")?.counted).toHaveLength(120);
    expect(h.ledger("bob", "2026-Q3")).toBeUndefined();
    const saved = JSON.parse(readFileSync(checkpoint, "utf8"));
    expect(saved.streams).toEqual({
      "alice/authored": "done",
      "alice/reviewed": "done",
      "alice/closed": "done",
    });

    const before = h.sandbox.requests.length;
    const second = await sync(h, ...args, "--checkpoint", checkpoint);

    expect(second.code).toBe(0);
    expect(h.ledger("bob", "2026-Q3")?.counted).toHaveLength(30);
    // alice's searches were not made again.
    expect(searches(h, "RungsSyncPullRequests", before).map((r) => r.status)).toEqual([200]);
    expect(existsSync(checkpoint)).toBe(false);
  });

  it("writes several people's evidence in one commit, and a failed commit leaves nothing half-written", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12)), merged(2, Date.UTC(2026, 7, 4, 12), "bob")]);
    const commitFails: typeof globalThis.fetch = async (input, init) => {
      if (String(init?.body ?? "").includes("createCommitOnBranch"))
        return new Response(JSON.stringify({ message: "Server Error" }), {
          status: 500,
          headers: { "content-type": "application/json" },
        });
      return h.sandbox.fetch(input, init);
    };
    const args = ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30"];

    const first = await runAgainst(h.sandbox, args, { fetch: commitFails });
    expect(first.code).toBe(1);
    expect(first.err).toMatch(
      /rungs sync: stopped: the evidence commit failed \(Server Error.*\); it may or may not have landed/,
    );
    expect(h.ledger("alice", "2026-Q3")).toBeUndefined();
    expect(h.ledger("bob", "2026-Q3")).toBeUndefined();

    const before = h.sandbox.requests.length;
    const second = await runAgainst(h.sandbox, args);
    expect(second.code).toBe(0);
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
    expect(keys(h.ledger("bob", "2026-Q3")?.counted)).toEqual(["PR_acme_web_2"]);
    const writes = h.sandbox.requests.slice(before).filter((r) => r.mutating);
    // Both people's shards in one commit; no file written on its own.
    expect(writes.filter((r) => r.operation === "RungsBatchCommit")).toHaveLength(1);
    expect(writes.filter((r) => r.route.includes("/contents/"))).toEqual([]);
  });

  it("counts a commit that landed despite its 502 as written, and does not write it twice", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12)), merged(2, Date.UTC(2026, 7, 4, 12), "bob")]);
    let failed = 0;
    const landsThen502: typeof globalThis.fetch = async (input, init) => {
      const answer = await h.sandbox.fetch(input, init);
      if (failed === 0 && String(init?.body ?? "").includes("createCommitOnBranch")) {
        failed++;
        return new Response(JSON.stringify({ message: "Bad Gateway" }), {
          status: 502,
          headers: { "content-type": "application/json" },
        });
      }
      return answer;
    };
    const run = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30"],
      {
        fetch: landsThen502,
      },
    );
    expect(run.code, run.err).toBe(0);
    expect(failed).toBe(1);
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
    expect(keys(h.ledger("bob", "2026-Q3")?.counted)).toEqual(["PR_acme_web_2"]);
    // One commit landed (the one answered 502); the retry found nothing left to write.
    const commits = h.sandbox.requests.filter((r) => r.operation === "RungsBatchCommit" && r.status === 200);
    expect(commits).toHaveLength(1);
    expect(run.out).toMatch(/alice/);
    expect(run.out).toMatch(/bob/);
  });

  it("records everyone else when one person's ledger is broken, and keeps that person's evidence aside", async () => {
    const broken = "people/bob/evidence/2026-Q3/2026-08-04.yml";
    const h = await harness({ files: { [broken]: "login: bob\nquarter: 2026-Q3\nitems: [\n" } });
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12)), merged(2, Date.UTC(2026, 7, 4, 12), "bob")]);

    const run = await sync(h, "--since", "2026-07-01", "--until", "2026-09-30");

    expect(run.code).toBe(0);
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
    expect(h.sandbox.readFile(CAREER, broken)).toBe("login: bob\nquarter: 2026-Q3\nitems: [\n");
    expect(h.sandbox.readFile(CAREER, "people/bob/evidence/2026-Q3.pending.yml")).toContain(
      "key: PR_acme_web_2",
    );
  });

  it("waits out a secondary rate limit instead of failing", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12)), merged(2, Date.UTC(2026, 7, 4, 12))]);
    h.sandbox.faults.set([
      { route: "POST /graphql", kind: "secondary-rate-limit", retryAfter: 90, times: 2 },
    ]);

    const run = await sync(h, "--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice");

    expect(run.code).toBe(0);
    expect(run.sleeps).toEqual([90_000, 90_000]);
    expect(run.err).toContain("waiting: secondary rate limit (retry-after)");
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
  });

  it("waits out GraphQL's own rate-limited answer (200 with RATE_LIMITED)", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12))]);
    let limited = 1;
    const reset = Math.floor(h.sandbox.clock.now() / 1000) + 600;
    const once: typeof globalThis.fetch = async (input, init) => {
      const body = typeof init?.body === "string" ? init.body : "";
      if (body.includes("RungsSyncPullRequests") && limited-- > 0)
        return new Response(
          JSON.stringify({
            data: null,
            errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }],
          }),
          {
            status: 200,
            headers: { "content-type": "application/json", "x-ratelimit-reset": String(reset) },
          },
        );
      return h.sandbox.fetch(input, init);
    };

    const run = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice"],
      { fetch: once },
    );

    expect(run.code).toBe(0);
    expect(run.sleeps).toEqual([601_000]);
    expect(run.err).toContain("waiting 601s: GraphQL rate limit");
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
  });

  it("waits for the points to come back when a search leaves too few", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12))]);
    // Use up the hour's GraphQL points but a few: each of these costs 101 (1 + 100 + 100 × 100 requests).
    const costly = `{ search(type: ISSUE, query: "is:pr", first: 100) { nodes { ... on PullRequest {
      timelineItems(first: 100) { nodes { ... on PullRequestCommit { commit { parents(first: 100) { totalCount } } } } } } } } }`;
    for (let i = 0; i < 49; i++)
      await h.sandbox.fetch("https://api.github.com/graphql", {
        method: "POST",
        body: JSON.stringify({ query: costly }),
      });

    const run = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice"],
      {
        advanceClock: true,
      },
    );

    expect(run.code).toBe(0);
    expect(run.sleeps.length).toBeGreaterThan(0);
    expect(run.sleeps[0]).toBeGreaterThan(3_000_000);
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
  });

  it("changes nothing after the webhooks, or when run twice", async () => {
    const h = await harness();
    const deliveries = [
      opened(merged(7, Date.parse("2026-10-05T15:00:00Z"))),
      reviewSubmitted({
        number: 7,
        prAuthor: "alice",
        reviewer: "bob",
        state: "changes_requested",
        submittedAt: "2026-10-05T11:00:00Z",
        reviewId: 71,
      }),
      reviewSubmitted({
        number: 7,
        prAuthor: "alice",
        reviewer: "bob",
        state: "approved",
        submittedAt: "2026-10-05T13:00:00Z",
        reviewId: 72,
      }),
      merged(7, Date.parse("2026-10-05T15:00:00Z")),
      merged(8, Date.parse("2026-10-06T15:00:00Z")),
      issueClosed({
        number: 20,
        title: "login broken",
        labels: ["incident"],
        assignees: ["carol"],
        createdAt: "2026-10-06T08:00:00Z",
        closedAt: "2026-10-06T12:00:00Z",
      }),
    ];
    for (const d of deliveries) await h.deliver(d);
    const after = h.state();
    expect(h.goalIssues()).toHaveLength(3);

    const before = h.sandbox.requests.length;
    const first = await sync(h, "--since", "2026-10-01");
    const second = await sync(h, "--since", "2026-10-01");

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(h.state()).toEqual(after);
    expect(h.sandbox.requests.slice(before).filter((r) => r.mutating)).toEqual([]);
    expect(first.out).toContain("nothing new: the ledgers already hold everything found");
  });

  it("records the same facts a webhook would", async () => {
    const deliveries = [
      opened(merged(7, Date.parse("2026-10-05T15:00:00Z"))),
      reviewSubmitted({
        number: 7,
        prAuthor: "alice",
        prTitle: "feat: step 7",
        reviewer: "bob",
        state: "changes_requested",
        submittedAt: "2026-10-05T11:00:00Z",
        reviewId: 71,
      }),
      reviewSubmitted({
        number: 7,
        prAuthor: "alice",
        prTitle: "feat: step 7",
        reviewer: "bob",
        state: "approved",
        submittedAt: "2026-10-05T13:00:00Z",
        reviewId: 72,
      }),
      merged(7, Date.parse("2026-10-05T15:00:00Z")),
      // Reviewed by carol and still open: found through the second search, of pull requests not merged.
      opened(merged(9, Date.parse("2026-10-07T15:00:00Z"))),
      reviewSubmitted({
        number: 9,
        prAuthor: "alice",
        prTitle: "feat: step 9",
        reviewer: "carol",
        state: "commented",
        submittedAt: "2026-10-06T11:00:00Z",
        reviewId: 91,
      }),
      issueClosed({
        number: 20,
        title: "login broken",
        labels: ["incident"],
        assignees: ["carol"],
        createdAt: "2026-10-06T08:00:00Z",
        closedAt: "2026-10-06T12:00:00Z",
      }),
    ];
    const heard = await harness();
    for (const d of deliveries) await heard.deliver(d);
    const synced = await harness();
    happened(synced, deliveries);

    const run = await sync(synced, "--since", "2026-10-01");

    expect(run.code).toBe(0);
    for (const login of ["alice", "bob", "carol"]) {
      const want = heard.ledger(login)?.counted.map(fact);
      expect(want?.length).toBeGreaterThan(0);
      expect(synced.ledger(login)?.counted.map(fact)).toEqual(want);
    }
    // The current quarter's goal issues are opened, as the webhooks opened them.
    const titles = (h: Harness) =>
      h
        .goalIssues()
        .map((i) => i.title)
        .sort();
    expect(titles(synced)).toEqual(titles(heard));
    expect(titles(synced)).toHaveLength(3);
  });

  it("--dry-run prints what would change per person and criterion, and writes nothing", async () => {
    const h = await harness();
    happened(
      h,
      [1, 2, 3].map((n) => merged(n, Date.parse(`2026-10-0${n + 1}T15:00:00Z`))),
    );
    const head = h.sandbox.headSha(CAREER);
    const before = h.sandbox.requests.length;

    const run = await sync(h, "--since", "2026-10-01", "--login", "alice", "--dry-run");

    expect(run.code).toBe(0);
    expect(run.out).toContain("alice 2026-Q4: +3 pull requests");
    expect(run.out).toMatch(/^ {2}\S+: 0 → 3 \(target 10\)$/m);
    expect(run.out).toContain("dry run: nothing was written");
    expect(h.sandbox.headSha(CAREER)).toBe(head);
    expect(h.sandbox.requests.slice(before).filter((r) => r.mutating)).toEqual([]);
    expect(h.goalIssues()).toEqual([]);
  });

  it("shows one line of progress on a terminal", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12))]);

    const run = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30", "--login", "alice"],
      {
        isTTY: true,
      },
    );

    expect(run.code).toBe(0);
    expect(run.progress).toMatch(/^\r1 items · —\/s · \d+% · ETA — · alice: merged pull requests/);
    expect(run.err).toBe("");
  });
});

describe("rungs sync as the app", () => {
  it("finds its installation from the career repo", async () => {
    const h = await harness();
    happened(h, [merged(1, Date.UTC(2026, 7, 3, 12))]);

    const run = await runAgainst(
      h.sandbox,
      ["sync", "--repo", CAREER, "--since", "2026-07-01", "--until", "2026-09-30"],
      { env: { APP_ID: "1", PRIVATE_KEY: appKey(), RUNGS_SIGNING_KEY: SIMULATE_SIGNING_KEY } },
    );

    expect(run.code).toBe(0);
    expect(keys(h.ledger("alice", "2026-Q3")?.counted)).toEqual(["PR_acme_web_1"]);
    const calls = h.sandbox.requests.map((r) => r.route);
    expect(calls).toContain("GET /repos/{owner}/{repo}/installation");
    expect(calls).toContain("POST /app/installations/{installation_id}/access_tokens");
  });

  it("says when the app is not installed there", async () => {
    const h = await harness();
    const run = await runAgainst(h.sandbox, ["sync", "--repo", "other/careers", "--since", "2026-10-01"], {
      env: { APP_ID: "1", PRIVATE_KEY: appKey(), RUNGS_SIGNING_KEY: SIMULATE_SIGNING_KEY },
    });
    expect(run).toMatchObject({
      code: 1,
      err: "rungs sync: the app (APP_ID 1) is not installed on other/careers, or the repository does not exist",
    });
  });
});

describe("rungs sync, told wrong", () => {
  it("says which credential is missing", async () => {
    const h = await harness();
    const run = await runAgainst(h.sandbox, ["sync", "--repo", CAREER, "--since", "2026-10-01"], { env: {} });
    expect(run).toMatchObject({
      code: 1,
      err: "rungs sync: no GitHub credential: set GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (missing: APP_ID and PRIVATE_KEY)",
    });
  });

  it("says GitHub refused the token", async () => {
    const h = await harness();
    const refusing: typeof globalThis.fetch = async () =>
      new Response(
        JSON.stringify({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest" }),
        {
          status: 401,
          headers: { "content-type": "application/json; charset=utf-8" },
        },
      );
    const run = await runAgainst(h.sandbox, ["sync", "--repo", CAREER, "--since", "2026-10-01"], {
      fetch: refusing,
    });
    expect(run).toMatchObject({ code: 1, err: "rungs sync: GitHub refused GITHUB_TOKEN: Bad credentials" });
  });

  it("says the repo is not there, or not visible", async () => {
    const h = await harness();
    const run = await sync(h, "--since", "2026-10-01").then(() =>
      runAgainst(h.sandbox, ["sync", "--repo", "acme/nope", "--since", "2026-10-01"]),
    );
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      "rungs sync: acme/nope is not the organisation's career repo: its settings name acme/careers",
    );
    const elsewhere = await runAgainst(h.sandbox, [
      "sync",
      "--repo",
      "other/careers",
      "--since",
      "2026-10-01",
    ]);
    expect(elsewhere).toMatchObject({
      code: 1,
      err: "rungs sync: other/careers: not found, or GITHUB_TOKEN cannot read it",
    });
  });

  it("says what is wrong with the arguments, with the usage", async () => {
    const h = await harness();
    const bad = [
      [["--since", "2026-10-01"], "--repo OWNER/CAREERS is required"],
      [["--repo", "careers", "--since", "2026-10-01"], "--repo careers: expected OWNER/NAME"],
      [["--repo", CAREER], "--since DATE is required"],
      [["--repo", CAREER, "--since", "last week"], "--since last week: expected a date"],
      [
        ["--repo", CAREER, "--since", "2026-10-01", "--login", "zed"],
        "--login zed: no profile in acme/careers",
      ],
    ] as const;
    for (const [args, message] of bad) {
      const run = await runAgainst(h.sandbox, ["sync", ...args]);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`rungs sync: ${message}`);
      expect(run.err).toContain("Usage: rungs sync --repo OWNER/CAREERS");
    }
  });
});
