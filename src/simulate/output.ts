import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SimulationResult } from "./run.js";

const issueMarkdown = (
  i: {
    number: number;
    title: string;
    state: string;
    labels: string[];
    assignees: string[];
    body: string;
    comments: { author: string; body: string; createdAt: string }[];
  },
  extra: string[] = [],
) =>
  [
    `# #${i.number} ${i.title}`,
    "",
    `- state: ${i.state}`,
    `- labels: ${i.labels.join(", ") || "none"}`,
    `- assignees: ${i.assignees.join(", ") || "none"}`,
    ...extra,
    "",
    "## Body",
    "",
    i.body,
    "",
    ...i.comments.flatMap((c) => [`## Comment by ${c.author} at ${c.createdAt}`, "", c.body, ""]),
  ].join("\n");

/** The run's summary: counts a reader (or CI) can compare between runs. */
export const summarize = (r: SimulationResult) => {
  const full = `${r.career.owner}/${r.career.repo}`;
  const requests = r.sandbox.requests;
  const byRoute: Record<string, number> = {};
  for (const q of requests) byRoute[q.route] = (byRoute[q.route] ?? 0) + 1;
  return {
    events: { delivered: r.delivered, failed: r.failures.length },
    failures: r.failures,
    requests: {
      total: requests.length,
      mutations: requests.filter((q) => q.mutating).length,
      mutationsOutsideCareerRepo: requests.filter(
        (q) => q.mutating && q.repo?.toLowerCase() !== full.toLowerCase(),
      ).length,
      byRoute: Object.fromEntries(Object.entries(byRoute).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    issues: r.sandbox.issues(full).map((i) => ({
      number: i.number,
      title: i.title,
      state: i.state,
      labels: i.labels,
      assignees: i.assignees,
    })),
    pulls: r.sandbox.pulls(full).map((p) => ({
      number: p.number,
      title: p.title,
      state: p.state,
      head: p.head,
      requestedReviewers: p.requestedReviewers,
      merged: p.merged,
    })),
  };
};

const OUTPUT = new Set(["repo", "issues", "pulls", "summary.json"]);

/** Why `out` must not be written: it would wipe a folder that is not a previous run's output. */
export const outRefusal = (out: string): string | undefined => {
  if (!existsSync(out)) return undefined;
  if (!statSync(out).isDirectory()) return "exists and is not a directory";
  const foreign = readdirSync(out).filter((name) => !OUTPUT.has(name));
  return foreign.length
    ? `holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}: give an empty or new folder (or a previous --out)`
    : undefined;
};

/** Writes `repo/`, `issues/<n>.md`, `pulls/<n>.md` and `summary.json` under `out`, replacing a previous run's. */
export const writeOutput = (r: SimulationResult, out: string) => {
  for (const name of OUTPUT) rmSync(join(out, name), { recursive: true, force: true });
  const full = `${r.career.owner}/${r.career.repo}`;
  for (const [path, text] of Object.entries(r.sandbox.files(full))) {
    const target = join(out, "repo", path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  mkdirSync(join(out, "issues"), { recursive: true });
  mkdirSync(join(out, "pulls"), { recursive: true });
  for (const i of r.sandbox.issues(full))
    writeFileSync(join(out, "issues", `${i.number}.md`), issueMarkdown(i));
  for (const p of r.sandbox.pulls(full)) {
    writeFileSync(
      join(out, "pulls", `${p.number}.md`),
      issueMarkdown({ ...p, assignees: [], state: p.merged ? "merged" : p.state }, [
        `- head: ${p.head}`,
        `- requested reviewers: ${p.requestedReviewers.join(", ") || "none"}`,
      ]),
    );
  }
  const summary = summarize(r);
  writeFileSync(join(out, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
};
