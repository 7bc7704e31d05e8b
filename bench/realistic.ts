/**
 * Requests per merged PR over a realistic stream (bench/streams.ts): a quarter of many engineers through
 * `rungs simulate`'s machinery, nothing left out: config (re)loads, first events of a person (the goal
 * issue opened), pull requests opened and pushed to, reviews, closed issues, learning notes and comments.
 *
 *   node --import tsx bench/realistic.ts [--engineers 20] [--prs 20] [--json]
 */
import { bundledLadder } from "../src/cli/files.js";
import { loadTemplates } from "../src/deps.js";
import type { RequestLogEntry } from "../src/sandbox/index.js";
import { simulate } from "../src/simulate/run.js";
import { careerFilesFor, quarterStream, toJsonl } from "./streams.js";

export interface RealisticFigures {
  engineers: number;
  deliveries: number;
  failed: number;
  mergedPrs: number;
  /** Requests made while handling merged-PR deliveries, per merged PR (every one of them counted). */
  requestsPerMergedPrRealistic: number;
  /** Requests made outside any delivery (the write backlog drained after the stream). */
  requestsOutsideDeliveries: number;
  /** Every request of the whole stream (all events and any drain), per merged PR. */
  requestsPerMergedPrRealisticAllEvents: number;
  /** Of the merged-PR deliveries, the share that read the config (the RungsConfig query). */
  configReadShare: number;
  /** Per merged PR, by route (GraphQL by operation): where the requests go. */
  perMergedPrByRoute: Record<string, number>;
  /** Per merged PR, ledger reads (GraphQL `*Ledger*` queries) after the same delivery wrote a ledger file. */
  rereadsAfterWritePerMergedPr: number;
  /** Per kind of delivery: how many, and requests per delivery. */
  byEvent: Record<string, { deliveries: number; requestsPerDelivery: number }>;
}

const round = (n: number) => Math.round(n * 100) / 100;
const key = (r: RequestLogEntry) => (r.route === "POST /graphql" ? `graphql ${r.operation ?? "?"}` : r.route);

export const realistic = async (engineers = 20, prsPerEngineer = 20, seed = 7): Promise<RealisticFigures> => {
  const stream = quarterStream({ engineers, prsPerEngineer, seed });
  const files = careerFilesFor(engineers);
  const mergedRequests: (readonly RequestLogEntry[])[] = [];
  let all = 0;
  const byEvent = new Map<string, { deliveries: number; requests: number }>();
  const result = await simulate({
    careerFiles: Object.entries(files).map(([path, text]) => ({ path, text })),
    events: toJsonl(stream.deliveries),
    bundledLadder: bundledLadder(),
    templates: loadTemplates(),
    seed,
    observe: (d, requests) => {
      all += requests.length;
      const kind = `${d.name}.${String(d.payload.action ?? "")}`;
      const seen = byEvent.get(kind) ?? { deliveries: 0, requests: 0 };
      byEvent.set(kind, { deliveries: seen.deliveries + 1, requests: seen.requests + requests.length });
      const pr = d.payload.pull_request as { merged?: boolean } | undefined;
      if (d.name === "pull_request" && d.payload.action === "closed" && pr?.merged)
        mergedRequests.push(requests);
    },
  });
  // Failed deliveries' and the final drain's requests are not observed: the request log has them all.
  const outside = result.sandbox.requests.length - all;
  all = result.sandbox.requests.length;
  const n = mergedRequests.length;
  const byRoute: Record<string, number> = {};
  let rereads = 0;
  for (const requests of mergedRequests) {
    let wrote = false;
    for (const r of requests) {
      byRoute[key(r)] = (byRoute[key(r)] ?? 0) + 1;
      if (r.mutating && r.route.includes("/contents/")) wrote = true;
      else if (wrote && !r.mutating && /Ledger/.test(r.operation ?? "")) rereads++;
    }
  }
  const perMergedPrByRoute = Object.fromEntries(
    Object.entries(byRoute)
      .sort(([, a], [, b]) => b - a)
      .map(([route, count]) => [route, round(count / Math.max(1, n))]),
  );
  return {
    engineers,
    deliveries: stream.deliveries.length,
    failed: result.failures.length,
    mergedPrs: n,
    requestsPerMergedPrRealistic: round(mergedRequests.reduce((s, r) => s + r.length, 0) / Math.max(1, n)),
    requestsOutsideDeliveries: outside,
    requestsPerMergedPrRealisticAllEvents: round(all / Math.max(1, stream.mergedPrs)),
    configReadShare: round(
      mergedRequests.filter((rs) => rs.some((r) => r.operation === "RungsConfig")).length / Math.max(1, n),
    ),
    perMergedPrByRoute,
    rereadsAfterWritePerMergedPr: round(rereads / Math.max(1, n)),
    byEvent: Object.fromEntries(
      [...byEvent].map(([kind, e]) => [
        kind,
        { deliveries: e.deliveries, requestsPerDelivery: round(e.requests / e.deliveries) },
      ]),
    ),
  };
};

if (process.argv[1]?.endsWith("realistic.ts")) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const started = performance.now();
  const figures = await realistic(arg("engineers", 20), arg("prs", 20));
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(
    process.argv.includes("--json") ? JSON.stringify({ ...figures, seconds }) : { ...figures, seconds },
  );
}
