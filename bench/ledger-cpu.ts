/**
 * Does an event cost more when the person's quarter already holds many items? Two engineers in one career
 * repo: `light`, whose 2026-Q4 holds 50 merged PRs, and `heavy`, whose 2026-Q4 holds 2,000, both backfilled
 * by `rungs sync` (the app's own pipeline, signed as the app signs). Then one app instance receives merged
 * PRs for each in turn (alternating, after warm-up, on the same process, so the ratio holds on a noisy
 * machine) and measures, per delivery:
 * - process CPU around `probot.receive` (process.cpuUsage), and of it the time spent inside the in-memory
 *   GitHub's `fetch` (serving the request), so the app's own share is the difference;
 * - bytes uploaded: request bodies of content-creating requests (REST writes and GraphQL mutations);
 * - bytes downloaded: response bodies.
 *
 *   node --expose-gc --import tsx bench/ledger-cpu.ts [--small 50] [--large 2000] [--rounds 15] [--json]
 */
import { bundledLadder } from "../src/cli/files.js";
import { runCli } from "../src/cli/main.js";
import { loadTemplates } from "../src/deps.js";
import { DEFAULT_WRITE_LIMITS } from "../src/domain/write-window.js";
import { Sandbox } from "../src/sandbox/index.js";
import { mulberry32 } from "../src/sandbox/prng.js";
import { SIMULATE_SIGNING_KEY } from "../src/signing-key.js";
import { probotAgainst } from "../src/simulate/probot.js";
import { sandboxDeps } from "../src/simulate/run.js";
import { MemoryWriteBudget } from "../src/store/write-budget.js";
import { type Delivery, INSTALLATION_ID, prMerged } from "../test/support/events.js";
import { careerFilesFor } from "./streams.js";

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? ((s[Math.floor((s.length - 1) / 2)] as number) + (s[Math.ceil((s.length - 1) / 2)] as number)) / 2
    : 0;
};
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export interface SizeFigures {
  /** Items in the person's 2026-Q4 ledger before the measured deliveries. */
  items: number;
  measured: number;
  /** Process CPU around probot.receive: the app and the in-memory GitHub serving it. */
  cpuMsPerMergedPr: number;
  cpuMsPerMergedPrMedian: number;
  /** Of it, inside the in-memory GitHub's fetch. */
  githubCpuMsPerMergedPr: number;
  /** The rest: the app's own handling (Probot, Octokit, Rungs). */
  appCpuMsPerMergedPr: number;
  appCpuMsPerMergedPrMedian: number;
  requestsPerMergedPr: number;
  bytesUploadedPerEvent: number;
  bytesDownloadedPerEvent: number;
  /** Downloaded bytes per route (GraphQL by operation), per event. */
  downloadedByRoute: Record<string, number>;
  /** Uploaded bytes per content-creating route (GraphQL by operation), per event. */
  uploadedByRoute: Record<string, number>;
}

export interface LedgerCpuFigures {
  small: SizeFigures;
  large: SizeFigures;
  /** App CPU per merged PR at the large ledger ÷ at the small one (medians; app's own share). */
  ledgerCpuRatio2000to50: number;
  /** The same with the in-memory GitHub's serving included (all process CPU around receive). */
  ledgerCpuRatio2000to50Total: number;
  bytesWrittenPerEventAt2000Items: number;
  bytesWrittenPerEventAt50Items: number;
  syncSeconds: number;
}

/** Merged PRs of `author` in `repo`, spread over 2026-10-01 … 2026-11-27, applied to the in-memory GitHub. */
const history = (sandbox: Sandbox, author: string, repo: string, prs: number): void => {
  const start = Date.UTC(2026, 9, 1);
  const span = Date.UTC(2026, 10, 27) - start;
  for (let i = 0; i < prs; i++) {
    const merged = start + Math.floor(((i + 0.5) / prs) * span);
    const d = prMerged({
      repo,
      number: i + 1,
      author,
      title: `feat: ${author} change ${i + 1}`,
      labels: ["feature"],
      createdAt: iso(merged - 2 * HOUR),
      mergedAt: iso(merged),
    });
    sandbox.applyEvent(d.name, d.payload);
  }
};

const ledgerItems = (sandbox: Sandbox, login: string): number => {
  const prefix = `people/${login}/evidence/2026-Q4`;
  return Object.entries(sandbox.files("acme/careers"))
    .filter(([p]) => p === `${prefix}.yml` || p.startsWith(`${prefix}/`))
    .reduce((sum, [, text]) => sum + (text.match(/^\s*- kind:/gm)?.length ?? 0), 0);
};

/** A content-creating request, as GitHub's secondary limits count them: a REST write or a GraphQL mutation. */
const uploadOf = (method: string, url: string, body: string): { route: string } | undefined => {
  const path = new URL(url).pathname;
  if (method === "GET" || method === "HEAD") return undefined;
  if (/^\/app\/installations\/\d+\/access_tokens$/.test(path)) return undefined;
  if (path === "/graphql") {
    const parsed: unknown = JSON.parse(body || "{}");
    const query =
      typeof parsed === "object" && parsed !== null && "query" in parsed && typeof parsed.query === "string"
        ? parsed.query
        : "";
    const op = /^\s*mutation\s+(\w+)?/.exec(query);
    return op ? { route: `graphql ${op[1] ?? "mutation"}` } : undefined;
  }
  return {
    route: `${method} ${path.replace(/\/contents\/.*$/, "/contents/…").replace(/\/\d+(?=\/|$)/g, "/N")}`,
  };
};

/** A request's route for the read tally: GraphQL by operation name, REST by path with numbers and file paths cut. */
const readRouteOf = (method: string, url: string, body: string): string => {
  const path = new URL(url).pathname;
  if (path !== "/graphql")
    return `${method} ${path.replace(/\/contents\/.*$/, "/contents/…").replace(/\/\d+(?=\/|$)/g, "/N")}`;
  const op = /^\s*(?:query|mutation)\s+(\w+)/.exec(
    ((): string => {
      const parsed: unknown = JSON.parse(body || "{}");
      return typeof parsed === "object" &&
        parsed !== null &&
        "query" in parsed &&
        typeof parsed.query === "string"
        ? parsed.query
        : "";
    })(),
  );
  return `graphql ${op?.[1] ?? "?"}`;
};

export const ledgerCpu = async (
  small = 50,
  large = 2000,
  rounds = 15,
  warmup = 3,
): Promise<LedgerCpuFigures> => {
  const now = Date.UTC(2026, 10, 30, 6);
  const sandbox = new Sandbox({
    seed: 1,
    installationId: INSTALLATION_ID,
    account: "acme",
    now: Date.UTC(2026, 8, 30),
  });
  const files = careerFilesFor(0);
  for (const login of ["light", "heavy"])
    files[`people/${login}/profile.md`] =
      `---\nname: ${login}\nlevel: IC1\nmanager: dana\nsince: 2025-10-01\n---\n`;
  sandbox.addRepo({ owner: "acme", name: "careers", private: true, files });
  history(sandbox, "light", "api", small);
  history(sandbox, "heavy", "web", large);
  sandbox.clock.set(now);

  // Backfill both quarters through `rungs sync`, as an organisation installing mid-quarter would.
  const out: string[] = [];
  const syncStarted = performance.now();
  const code = await runCli(
    [
      "sync",
      "--repo",
      "acme/careers",
      "--since",
      "2026-10-01",
      "--until",
      "2026-11-29",
      "--login",
      "light",
      "--login",
      "heavy",
    ],
    { out: (l) => out.push(l), err: (l) => out.push(l) },
    {
      fetch: sandbox.fetch,
      env: { GITHUB_TOKEN: "ghs_bench", RUNGS_SIGNING_KEY: SIMULATE_SIGNING_KEY },
      now: () => sandbox.clock.now(),
      sleep: async (ms) => sandbox.clock.advance(ms),
      random: mulberry32(1),
      progress: { isTTY: false, write: () => undefined },
    },
  );
  const syncSeconds = round((performance.now() - syncStarted) / 1000, 1);
  if (code !== 0) throw new Error(`bench ledger-cpu: sync failed (${code}): ${out.join("\n")}`);
  const items = { light: ledgerItems(sandbox, "light"), heavy: ledgerItems(sandbox, "heavy") };

  // The in-memory GitHub's fetch, timed and weighed. CPU is counted while at least one request is in
  // flight (the union of their intervals), so overlapping requests are not counted twice.
  let inFlight = 0;
  let enteredAt: NodeJS.CpuUsage | undefined;
  let githubMs = 0;
  let uploaded = 0;
  let downloaded = 0;
  let requests = 0;
  let byRoute: Record<string, number> = {};
  let readByRoute: Record<string, number> = {};
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (inFlight++ === 0) enteredAt = process.cpuUsage();
    try {
      requests++;
      const body = typeof init?.body === "string" ? init.body : "";
      const url = input instanceof Request ? input.url : String(input);
      const upload = uploadOf(init?.method ?? "GET", url, body);
      if (upload) {
        const bytes = Buffer.byteLength(body, "utf8");
        uploaded += bytes;
        byRoute[upload.route] = (byRoute[upload.route] ?? 0) + bytes;
      }
      const response = await sandbox.fetch(input, init);
      const read = (await response.clone().arrayBuffer()).byteLength;
      downloaded += read;
      const route = readRouteOf(init?.method ?? "GET", url, body);
      readByRoute[route] = (readByRoute[route] ?? 0) + read;
      return response;
    } finally {
      if (--inFlight === 0 && enteredAt) githubMs += cpuMs(process.cpuUsage(enteredAt));
    }
  };
  // With its write budget, as production and `rungs simulate` run it; what the budget defers is drained
  // right after the delivery, inside the measurement (with deliveries ten minutes apart, nothing should be).
  const scheduled: (() => Promise<void>)[] = [];
  const probot = await probotAgainst(fetch, {
    ...sandboxDeps(sandbox, { bundledLadder: bundledLadder(), templates: loadTemplates(), seed: 1 }),
    writeBudget: {
      budget: new MemoryWriteBudget(DEFAULT_WRITE_LIMITS),
      limits: DEFAULT_WRITE_LIMITS,
      maxWaitMs: 15 * 60_000,
      every: (_ms, task) => scheduled.push(task),
    },
  });

  interface Sample {
    cpu: number;
    github: number;
    requests: number;
    uploaded: number;
    downloaded: number;
    byRoute: Record<string, number>;
    readByRoute: Record<string, number>;
  }
  const samples: Record<"light" | "heavy", Sample[]> = { light: [], heavy: [] };
  const gc = (globalThis as { gc?: () => void }).gc;
  let at = sandbox.clock.now();
  let failed = 0;
  for (let r = 0; r < warmup + rounds; r++) {
    const order: ("light" | "heavy")[] = r % 2 === 0 ? ["light", "heavy"] : ["heavy", "light"];
    for (const login of order) {
      // Ten minutes apart: every delivery loads the config again, as most do in a real stream.
      at += 10 * 60_000;
      const repo = login === "light" ? "api" : "web";
      const number = (login === "light" ? small : large) + r + 1;
      const d: Delivery = prMerged({
        repo,
        number,
        author: login,
        title: `feat: ${login} december change ${r + 1}`,
        labels: ["feature"],
        createdAt: iso(at - 2 * HOUR),
        mergedAt: iso(at),
      });
      sandbox.applyEvent(d.name, d.payload);
      gc?.();
      githubMs = 0;
      uploaded = 0;
      downloaded = 0;
      requests = 0;
      byRoute = {};
      readByRoute = {};
      const started = process.cpuUsage();
      try {
        await probot.receive({ id: d.id, name: d.name, payload: d.payload } as Parameters<
          typeof probot.receive
        >[0]);
        for (const task of scheduled) await task();
      } catch {
        failed++;
      }
      const cpu = cpuMs(process.cpuUsage(started));
      if (r >= warmup)
        samples[login].push({ cpu, github: githubMs, requests, uploaded, downloaded, byRoute, readByRoute });
    }
  }
  if (failed) throw new Error(`bench ledger-cpu: ${failed} deliveries failed`);

  const summarise = (login: "light" | "heavy"): SizeFigures => {
    const s = samples[login];
    const routes: Record<string, number> = {};
    for (const x of s) for (const [k, v] of Object.entries(x.byRoute)) routes[k] = (routes[k] ?? 0) + v;
    const reads: Record<string, number> = {};
    for (const x of s) for (const [k, v] of Object.entries(x.readByRoute)) reads[k] = (reads[k] ?? 0) + v;
    return {
      items: items[login],
      measured: s.length,
      cpuMsPerMergedPr: round(mean(s.map((x) => x.cpu)), 1),
      cpuMsPerMergedPrMedian: round(median(s.map((x) => x.cpu)), 1),
      githubCpuMsPerMergedPr: round(mean(s.map((x) => x.github)), 1),
      appCpuMsPerMergedPr: round(mean(s.map((x) => x.cpu - x.github)), 1),
      appCpuMsPerMergedPrMedian: round(median(s.map((x) => x.cpu - x.github)), 1),
      requestsPerMergedPr: round(mean(s.map((x) => x.requests))),
      bytesUploadedPerEvent: Math.round(mean(s.map((x) => x.uploaded))),
      bytesDownloadedPerEvent: Math.round(mean(s.map((x) => x.downloaded))),
      downloadedByRoute: Object.fromEntries(
        Object.entries(reads).map(([k, v]) => [k, Math.round(v / Math.max(1, s.length))]),
      ),
      uploadedByRoute: Object.fromEntries(
        Object.entries(routes).map(([k, v]) => [k, Math.round(v / Math.max(1, s.length))]),
      ),
    };
  };
  const light = summarise("light");
  const heavy = summarise("heavy");
  return {
    small: light,
    large: heavy,
    ledgerCpuRatio2000to50: round(heavy.appCpuMsPerMergedPrMedian / light.appCpuMsPerMergedPrMedian),
    ledgerCpuRatio2000to50Total: round(heavy.cpuMsPerMergedPrMedian / light.cpuMsPerMergedPrMedian),
    bytesWrittenPerEventAt2000Items: heavy.bytesUploadedPerEvent,
    bytesWrittenPerEventAt50Items: light.bytesUploadedPerEvent,
    syncSeconds,
  };
};

if (process.argv[1]?.endsWith("ledger-cpu.ts")) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const figures = await ledgerCpu(arg("small", 50), arg("large", 2000), arg("rounds", 15));
  console.log(process.argv.includes("--json") ? JSON.stringify(figures) : JSON.stringify(figures, null, 2));
}
