/**
 * Peak memory of `rungs simulate` as a user runs it: a quarter of an organisation's deliveries
 * (bench/streams.ts, cut to `deliveries`) written to a temporary folder with a career repo holding everyone,
 * then `node bin/rungs.js simulate` as a child process. Its peak RSS is read inside the child at exit
 * (process.resourceUsage().maxRSS, through a preloaded module), so nothing else in this process counts.
 *
 *   node --import tsx bench/simulate-rss.ts [--deliveries 10000] [--json]
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { careerFilesFor, quarterStream, toJsonl } from "./streams.js";

export interface SimulateRss {
  deliveries: number;
  engineers: number;
  delivered: number;
  failed: number;
  exitCode: number | null;
  /** Peak resident set size of the `rungs simulate` process. */
  peakRssMb: number;
  wallSeconds: number;
}

const RECORDER = `import { writeFileSync } from "node:fs";
process.on("exit", () => {
  const file = process.env.RUNGS_BENCH_MAXRSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
`;

export const simulateRss = async (deliveries = 10_000, engineers = 100, seed = 7): Promise<SimulateRss> => {
  // Enough pull requests per engineer that the time-ordered stream holds `deliveries`; the rest is cut.
  const prsPerEngineer = Math.ceil((deliveries / engineers + 8) / 4) + 1;
  const stream = quarterStream({ engineers, prsPerEngineer, seed });
  if (stream.deliveries.length < deliveries)
    throw new Error(`bench simulate-rss: the stream holds only ${stream.deliveries.length} deliveries`);
  const dir = mkdtempSync(join(tmpdir(), "rungs-simulate-rss-"));
  try {
    for (const [path, text] of Object.entries(careerFilesFor(engineers))) {
      const file = join(dir, "career", path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    const events = join(dir, "events.jsonl");
    writeFileSync(events, toJsonl(stream.deliveries.slice(0, deliveries)));
    const recorder = join(dir, "maxrss.mjs");
    writeFileSync(recorder, RECORDER);
    const maxRssFile = join(dir, "maxrss");
    const started = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          pathToFileURL(recorder).href,
          "bin/rungs.js",
          "simulate",
          "--career",
          join(dir, "career"),
          "--events",
          events,
          "--out",
          join(dir, "out"),
        ],
        { env: { ...process.env, RUNGS_BENCH_MAXRSS_FILE: maxRssFile }, stdio: ["ignore", "pipe", "ignore"] },
      );
      let out = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        out += chunk;
      });
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
    const counts = /events: (\d+) delivered, (\d+) failed/.exec(stdout);
    // maxRSS is in kilobytes.
    const peakRssMb = Math.round((Number(readFileSync(maxRssFile, "utf8")) / 1024) * 10) / 10;
    return {
      deliveries,
      engineers,
      delivered: Number(counts?.[1] ?? Number.NaN),
      failed: Number(counts?.[2] ?? Number.NaN),
      exitCode: code,
      peakRssMb,
      wallSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[1]?.endsWith("simulate-rss.ts")) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const figures = await simulateRss(arg("deliveries", 10_000), arg("engineers", 100));
  console.log(process.argv.includes("--json") ? JSON.stringify(figures) : figures);
}
