/**
 * `rungs sync` over a year of history held by the in-memory GitHub: GraphQL requests and points per 100
 * merged PRs, and the process's memory while it runs. Run alone: `node --expose-gc --import tsx
 * bench/sync.ts [PRS ...] [--json]` (default 10000 50000 100000); `bench/run.ts` runs one size.
 */
import { readTree } from "../src/cli/files.js";
import { runCli } from "../src/cli/main.js";
import { Sandbox } from "../src/sandbox/index.js";
import { mulberry32 } from "../src/sandbox/prng.js";
import { SIMULATE_SIGNING_KEY } from "../src/signing-key.js";

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 9, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Heap in use after a full collection (run with --expose-gc). */
const settledHeap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

export interface SyncFigures {
  prs: number;
  engineers: number;
  itemsFound: number;
  graphqlRequests: number;
  /** Of them, the history reads (search pages and overflow pages). */
  searchRequests: number;
  points: number;
  graphqlRequestsPer100Prs: number;
  searchRequestsPer100Prs: number;
  pointsPer100Prs: number;
  /** Peak heap growth over the heap before the sync (after GC), sampled as it runs. */
  syncPeakMemoryMb: number;
  /** Heap still held after the sync (after GC): the in-memory GitHub's copies of every ledger file written. */
  retainedAfterSyncMb: number;
  /** Peak heap growth less what is retained at the end: what the sync itself held at most. */
  syncWorkingSetMb: number;
  rssPeakMb: number;
  contentWrites: number;
  seconds: number;
}

/** A career repo with `engineers` more IC1 engineers beside the sample's people. */
const careerFiles = (engineers: number): Record<string, string> => {
  const files = Object.fromEntries(readTree("examples/career-repo").map((f) => [f.path, f.text]));
  for (let e = 0; e < engineers; e++)
    files[`people/eng${e}/profile.md`] =
      `---\nname: Engineer ${e}\nlevel: IC1\nmanager: dana\nsince: 2024-01-01\n---\n`;
  return files;
};

/** `prs` merged pull requests over the year, spread over the engineers and ten repositories. */
const buildHistory = (sandbox: Sandbox, prs: number, engineers: number): void => {
  const numbers = new Map<string, number>();
  for (let i = 0; i < prs; i++) {
    const author = `eng${i % engineers}`;
    const repo = `svc${i % 10}`;
    const number = (numbers.get(repo) ?? 0) + 1;
    numbers.set(repo, number);
    const merged = YEAR_START + Math.floor(((i * 7919) % prs) * ((364 * DAY) / prs)) + 3_600_000;
    sandbox.applyEvent("pull_request", {
      action: "closed",
      installation: { id: 1 },
      repository: {
        name: repo,
        owner: { login: "acme", type: "Organization" },
        private: true,
        default_branch: "main",
      },
      pull_request: {
        number,
        node_id: `PR_${repo}_${number}`,
        user: { login: author, type: "User" },
        title: `feat: change ${i}`,
        labels: [{ name: "feature" }],
        additions: 40,
        deletions: 10,
        changed_files: 3,
        state: "closed",
        created_at: iso(merged - 7_200_000),
        merged_at: iso(merged),
        merged: true,
        head: { ref: `topic-${number}`, sha: (i + 1).toString(16).padStart(40, "0") },
        base: { ref: "main" },
      },
    });
  }
};

export const benchSync = async (
  prs: number,
  engineers = Math.max(5, Math.round(prs / 5000)),
): Promise<SyncFigures> => {
  const sandbox = new Sandbox({ seed: 1, account: "acme", now: YEAR_START });
  sandbox.addRepo({ name: "careers", private: true, files: careerFiles(engineers) });
  buildHistory(sandbox, prs, engineers);
  sandbox.clock.set(Date.UTC(2026, 9, 1, 6));
  const before = sandbox.requests.length;
  const baseline = settledHeap();
  let peak = baseline;
  let rssPeak = process.memoryUsage().rss;
  let served = 0;
  const sample = () => {
    const heap = settledHeap();
    peak = Math.max(peak, heap);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (++served % 200 === 0) sample();
    return sandbox.fetch(input, init);
  };
  const out: string[] = [];
  const started = performance.now();
  const code = await runCli(
    ["sync", "--repo", "acme/careers", "--since", "2025-10-01", "--until", "2026-09-30"],
    { out: (l) => out.push(l), err: () => undefined },
    {
      fetch,
      env: { GITHUB_TOKEN: "ghs_bench", RUNGS_SIGNING_KEY: SIMULATE_SIGNING_KEY },
      now: () => sandbox.clock.now(),
      sleep: async (ms) => sandbox.clock.advance(ms),
      random: mulberry32(1),
      progress: { isTTY: false, write: () => undefined },
    },
  );
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  sample();
  if (code !== 0) throw new Error(`bench sync failed (${code}): ${out.join("\n")}`);
  const retained = settledHeap();
  const requests = sandbox.requests.slice(before);
  const graphql = requests.filter((r) => r.route === "POST /graphql" && r.status === 200);
  const searches = graphql.filter((r) =>
    /^RungsSync(PullRequests|Reviews|Issues|MoreReviews)$|^RungsTimelinePage$/.test(r.operation ?? ""),
  );
  const summary = out.at(-1) ?? "";
  const points = Number(/(\d+) points? used/.exec(summary)?.[1] ?? Number.NaN);
  const items = Number(/(\d+) items? found/.exec(summary)?.[1] ?? Number.NaN);
  const per100 = (n: number) => Math.round((n / prs) * 100 * 100) / 100;
  return {
    prs,
    engineers,
    itemsFound: items,
    graphqlRequests: graphql.length,
    searchRequests: searches.length,
    points,
    graphqlRequestsPer100Prs: per100(graphql.length),
    searchRequestsPer100Prs: per100(searches.length),
    pointsPer100Prs: per100(points),
    syncPeakMemoryMb: mb(peak - baseline),
    retainedAfterSyncMb: mb(retained - baseline),
    syncWorkingSetMb: mb(Math.max(0, peak - retained)),
    rssPeakMb: mb(rssPeak),
    contentWrites: requests.filter((r) => r.mutating && r.status < 300).length,
    seconds,
  };
};

const isMain = process.argv[1]?.endsWith("bench/sync.ts") ?? false;
if (isMain) {
  const sizes = process.argv
    .slice(2)
    .filter((a) => /^\d+$/.test(a))
    .map(Number);
  const results: SyncFigures[] = [];
  for (const prs of sizes.length ? sizes : [10_000, 50_000, 100_000]) {
    results.push(await benchSync(prs));
    if (!process.argv.includes("--json")) console.log(results.at(-1));
  }
  if (process.argv.includes("--json")) console.log(JSON.stringify(results));
}
