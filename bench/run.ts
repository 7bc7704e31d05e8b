/**
 * npm run bench [-- --json]: replays a realistic quarter through the in-memory GitHub and counts the
 * API requests the app makes per event. Numbers, not timings: the same run gives the same counts.
 */
import { readFileSync } from "node:fs";
import { bundledLadder, readTree } from "../src/cli/files.js";
import { loadTemplates } from "../src/deps.js";
import type { RequestLogEntry } from "../src/sandbox/index.js";
import { simulate } from "../src/simulate/run.js";
import { type Delivery, prMerged, reviewSubmitted } from "../test/support/events.js";
import { ledgerCpu } from "./ledger-cpu.js";
import { orgDay } from "./org-day.js";
import { realistic } from "./realistic.js";
import { simulateRss } from "./simulate-rss.js";
import { benchSync } from "./sync.js";

const json = process.argv.includes("--json");

/** The demo quarter, then a steady-state stretch: 150 merged PRs (each reviewed once) across three engineers. */
const stream = (): string => {
  const demo = readFileSync("examples/events/quarter.jsonl", "utf8").trim();
  const more: Delivery[] = [];
  const people = ["alice", "bob", "carol"];
  for (let i = 0; i < 150; i++) {
    const author = people[i % 3] as string;
    const reviewer = people[(i + 1) % 3] as string;
    const day = String(1 + (i % 28)).padStart(2, "0");
    const spec = {
      repo: "mobile",
      number: 5000 + i,
      author,
      title: `feat: screen ${i}`,
      labels: ["feature"],
      createdAt: `2026-12-${day}T08:00:00Z`,
    };
    more.push(
      reviewSubmitted({
        repo: "mobile",
        number: spec.number,
        prAuthor: author,
        prTitle: spec.title,
        reviewer,
        state: "approved",
        submittedAt: `2026-12-${day}T10:00:00Z`,
        reviewId: 70_000 + i,
      }),
    );
    more.push(prMerged({ ...spec, mergedAt: `2026-12-${day}T12:00:00Z` }));
  }
  const at = (d: Delivery) =>
    String(
      (d.payload.pull_request as { merged_at?: string })?.merged_at ??
        (d.payload.review as { submitted_at?: string })?.submitted_at,
    );
  more.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
  return `${demo}\n${more.map((d) => JSON.stringify(d)).join("\n")}\n`;
};

interface Sample {
  kind: "merged-pr" | "review" | "other";
  requests: readonly RequestLogEntry[];
  /** Whose work: bob has an open promotion packet in the demo, which each of his events refreshes. */
  author?: string | undefined;
}

const samples: Sample[] = [];
/** Heap in use after a full collection (run with --expose-gc, as `npm run bench` does). */
const settledHeap = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const started = settledHeap();
const result = await simulate({
  careerFiles: readTree("examples/career-repo"),
  events: stream(),
  bundledLadder: bundledLadder(),
  templates: loadTemplates(),
  observe: (d, requests) => {
    const pr = d.payload.pull_request as { merged?: boolean } | undefined;
    const kind =
      d.name === "pull_request" && d.payload.action === "closed" && pr?.merged
        ? "merged-pr"
        : d.name === "pull_request_review"
          ? "review"
          : "other";
    const author =
      kind === "review"
        ? (d.payload.review as { user?: { login?: string } } | undefined)?.user?.login
        : (d.payload.pull_request as { user?: { login?: string } } | undefined)?.user?.login;
    samples.push({ kind, requests, author });
  },
});
const heapMb = Math.round(((settledHeap() - started) / 1_048_576) * 10) / 10;

const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : 0;
const counted = (kind: Sample["kind"]) => samples.filter((s) => s.kind === kind && s.requests.length > 0);
// Steady state: config cached, goal issue already open (no issue creation in the event), not a redelivery.
const isSteady = (s: Sample) =>
  !s.requests.some((r) => r.route === "POST /repos/{owner}/{repo}/issues" || r.operation === "RungsConfig");
const merged = counted("merged-pr");
const steadyAll = merged.filter(isSteady).filter((s) => s.requests.some((r) => r.mutating));
// An engineer with an open packet pays for its refresh (verification, file, check): measured apart.
const withPacket = (s: Sample) => s.author === "bob";
const steady = steadyAll.filter((s) => !withPacket(s));
const reviews = counted("review")
  .filter(isSteady)
  .filter((s) => s.requests.some((r) => r.mutating))
  .filter((s) => !withPacket(s));
const redeliveries = samples.filter((s) => s.kind === "merged-pr" && !s.requests.some((r) => r.mutating));
const byRoute: Record<string, number> = {};
for (const s of steady) for (const r of s.requests) byRoute[r.route] = (byRoute[r.route] ?? 0) + 1;

const figures = {
  requestsPerMergedPr: mean(steady.map((s) => s.requests.length)),
  requestsPerMergedPrAll: mean(merged.map((s) => s.requests.length)),
  requestsPerMergedPrWithOpenPacket: mean(steadyAll.filter(withPacket).map((s) => s.requests.length)),
  graphqlPerMergedPr: mean(steady.map((s) => s.requests.filter((r) => r.route === "POST /graphql").length)),
  requestsPerReview: mean(reviews.map((s) => s.requests.length)),
  requestsPerRedelivery: mean(redeliveries.map((s) => s.requests.length)),
  mergedPrsMeasured: steady.length,
  events: result.delivered,
  failed: result.failures.length,
  mutationsOutsideCareerRepo: result.sandbox.requests.filter(
    (r) => r.mutating && r.repo !== `${result.career.owner}/${result.career.repo}`,
  ).length,
  heapGrowthMb: heapMb,
};

// rungs sync over a year of merged PRs (bench/sync.ts; `--sync-prs N`, default 10,000; 0 skips it).
const syncArg = process.argv.indexOf("--sync-prs");
const syncPrs = syncArg === -1 ? 10_000 : Number(process.argv[syncArg + 1]);
const sync = syncPrs > 0 ? await benchSync(syncPrs) : undefined;
const syncFigures = sync
  ? {
      syncPrs: sync.prs,
      graphqlRequestsPer100Prs: sync.graphqlRequestsPer100Prs,
      searchRequestsPer100Prs: sync.searchRequestsPer100Prs,
      pointsPer100Prs: sync.pointsPer100Prs,
      syncPeakMemoryMb: sync.syncPeakMemoryMb,
      syncWorkingSetMb: sync.syncWorkingSetMb,
    }
  : {};

// An organisation's working day through three app instances on simulated time (bench/org-day.ts):
// `--team-day N` and `--org-day N` engineers (0, the default, skips; 200 and 2,000 are the issue's sizes).
const dayArg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i === -1 ? 0 : Number(process.argv[i + 1]);
};
const teamDay = dayArg("--team-day") > 0 ? await orgDay(dayArg("--team-day")) : undefined;
const fullDay = dayArg("--org-day") > 0 ? await orgDay(dayArg("--org-day")) : undefined;
const dayFigures = {
  ...(teamDay
    ? {
        teamDayEngineers: teamDay.engineers,
        teamDayContentWritesPeakPerHour: teamDay.contentWritesPeakPerHour,
        teamDayContentWritesPeakPerMinute: teamDay.contentWritesPeakPerMinute,
        teamDayGoalIssueLagP95Minutes: teamDay.goalIssueLagP95Minutes,
        teamDayEvidenceLost: teamDay.evidenceLost,
        teamDayWallSeconds: teamDay.wallSeconds,
      }
    : {}),
  ...(fullDay
    ? {
        orgDayEngineers: fullDay.engineers,
        orgDayContentWritesPeakPerHour: fullDay.contentWritesPeakPerHour,
        orgDayContentWritesPeakPerMinute: fullDay.contentWritesPeakPerMinute,
        orgDayEvidenceLost: fullDay.evidenceLost,
        orgDayGoalIssueLagP95Minutes: fullDay.goalIssueLagP95Minutes,
        orgDayWallSeconds: fullDay.wallSeconds,
      }
    : {}),
};

// A realistic quarter of many engineers, nothing left out (bench/realistic.ts): `--realistic-engineers N`
// (default 10; 0 skips) with `--realistic-prs N` merged PRs each (default 20).
const realisticArg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const realisticEngineers = realisticArg("--realistic-engineers", 10);
const real =
  realisticEngineers > 0
    ? await realistic(realisticEngineers, realisticArg("--realistic-prs", 20))
    : undefined;
// Slow, so behind flags: `--ledger-cpu` (bench/ledger-cpu.ts, ~1.5 min) and `--simulate-rss`
// (bench/simulate-rss.ts: `rungs simulate` on 10,000 deliveries in a child process, several minutes).
const ledger = process.argv.includes("--ledger-cpu") ? await ledgerCpu() : undefined;
const rss = process.argv.includes("--simulate-rss") ? await simulateRss(10_000) : undefined;
const scaleFigures = {
  ...(real
    ? {
        requestsPerMergedPrRealistic: real.requestsPerMergedPrRealistic,
        requestsPerMergedPrRealisticAllEvents: real.requestsPerMergedPrRealisticAllEvents,
        realisticConfigReadShare: real.configReadShare,
        realisticMergedPrs: real.mergedPrs,
        realisticFailed: real.failed,
      }
    : {}),
  ...(ledger
    ? {
        ledgerCpuRatio2000to50: ledger.ledgerCpuRatio2000to50,
        ledgerCpuRatio2000to50Total: ledger.ledgerCpuRatio2000to50Total,
        appCpuMsPerMergedPrAt50Items: ledger.small.appCpuMsPerMergedPrMedian,
        appCpuMsPerMergedPrAt2000Items: ledger.large.appCpuMsPerMergedPrMedian,
        bytesWrittenPerEventAt2000Items: ledger.bytesWrittenPerEventAt2000Items,
        bytesWrittenPerEventAt50Items: ledger.bytesWrittenPerEventAt50Items,
        bytesReadPerEventAt2000Items: ledger.large.bytesDownloadedPerEvent,
      }
    : {}),
  ...(rss
    ? {
        simulatePeakRssMbPer10kDeliveries: rss.peakRssMb,
        simulateRssDelivered: rss.delivered,
        simulateRssFailed: rss.failed,
        simulateRssWallSeconds: rss.wallSeconds,
      }
    : {}),
};

if (json) {
  console.log(JSON.stringify({ ...figures, ...syncFigures, ...dayFigures, ...scaleFigures }));
} else {
  console.log(`events delivered: ${figures.events} (${figures.failed} failed)`);
  console.log(
    `requests per merged PR, steady state: ${figures.requestsPerMergedPr} (target ≤ 4; ${figures.mergedPrsMeasured} PRs)`,
  );
  for (const [route, n] of Object.entries(byRoute))
    console.log(`  ${route}: ${Math.round((n / steady.length) * 100) / 100}`);
  console.log(
    `requests per merged PR, all (incl. first of a quarter, cold config): ${figures.requestsPerMergedPrAll}`,
  );
  console.log(`GraphQL requests per merged PR: ${figures.graphqlPerMergedPr}`);
  console.log(`requests per review: ${figures.requestsPerReview}`);
  console.log(`requests per redelivered merged PR: ${figures.requestsPerRedelivery}`);
  console.log(`writes outside the career repo: ${figures.mutationsOutsideCareerRepo}`);
  console.log(`heap retained after the run (app + in-memory GitHub, after GC): ${figures.heapGrowthMb} MB`);
  if (sync) {
    console.log(`rungs sync of ${sync.prs} merged PRs (${sync.engineers} engineers, a year):`);
    console.log(
      `  GraphQL requests per 100 PRs: ${sync.graphqlRequestsPer100Prs} (target ≤ 1.2; searches alone ${sync.searchRequestsPer100Prs})`,
    );
    console.log(`  points per 100 PRs: ${sync.pointsPer100Prs}`);
    console.log(
      `  peak heap growth: ${sync.syncPeakMemoryMb} MB, of which the in-memory GitHub keeps ${sync.retainedAfterSyncMb} MB (target < 300 MB, flat)`,
    );
  }
}

if (!json && real)
  console.log(
    `requests per merged PR, realistic (${real.engineers} engineers, ${real.mergedPrs} merged PRs, config reads and first events included): ${real.requestsPerMergedPrRealistic} (target ≤ 3.2; every event's requests per merged PR: ${real.requestsPerMergedPrRealisticAllEvents})`,
  );
if (!json && ledger)
  console.log(
    `app CPU per merged PR at ${ledger.large.items} items ÷ at ${ledger.small.items}: ${ledger.ledgerCpuRatio2000to50} (target ≤ 1.5; ${ledger.small.appCpuMsPerMergedPrMedian} → ${ledger.large.appCpuMsPerMergedPrMedian} ms); bytes uploaded per event at ${ledger.large.items} items: ${ledger.bytesWrittenPerEventAt2000Items} (target ≤ 32 KB)`,
  );
if (!json && rss)
  console.log(
    `rungs simulate on ${rss.deliveries} deliveries: peak RSS ${rss.peakRssMb} MB (target < 600 MB; ${rss.failed} failed, ${rss.wallSeconds} s)`,
  );
