import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { demoPageHtml } from "../render/html/index.js";
import { repoPathProblem } from "./deliveries.js";
import { demoPage } from "./demo-page.js";
import type { SimulationResult } from "./run.js";

const REACTION: Record<string, string> = { eyes: "👀", "+1": "👍", confused: "😕", "-1": "👎", rocket: "🚀" };

const issueMarkdown = (
  i: {
    number: number;
    title: string;
    state: string;
    labels: string[];
    assignees: string[];
    body: string;
    comments: {
      author: string;
      body: string;
      createdAt: string;
      reactions?: { author: string; content: string }[];
    }[];
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
    ...i.comments.flatMap((c) => [
      `## Comment by ${c.author} at ${c.createdAt}`,
      "",
      c.body,
      "",
      ...(c.reactions?.length
        ? [
            `Reactions: ${c.reactions.map((r) => `${REACTION[r.content] ?? r.content} ${r.author}`).join(", ")}`,
            "",
          ]
        : []),
    ]),
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

/** Marks a folder as `rungs simulate` output: only a folder holding it (or an empty one) is ever replaced. */
export const MARKER = ".rungs-simulate";
const MARKER_TEXT =
  "Written by rungs simulate. The next run with --out here replaces this folder's output.\n";
const OUTPUT = new Set(["repo", "issues", "pulls", "summary.json", "index.html"]);

const listed = (names: string[]) => `${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}`;

/** Why `out` must not be written: it would wipe a folder that is not a previous run's output. */
export const outRefusal = (out: string): string | undefined => {
  if (!existsSync(out)) return undefined;
  // lstat: a symbolic link is not followed to whatever folder it names.
  const st = lstatSync(out);
  if (st.isSymbolicLink()) return "is a symbolic link: give the folder itself";
  if (!st.isDirectory()) return "exists and is not a directory";
  const names = readdirSync(out).sort();
  if (!names.length) return undefined;
  if (!names.includes(MARKER))
    return `holds ${listed(names)} but no ${MARKER} marker, so it is not a previous run's output: give an empty or new folder (or a previous --out)`;
  const foreign = names.filter((name) => name !== MARKER && !OUTPUT.has(name));
  return foreign.length
    ? `holds ${listed(foreign)} besides a previous run's output: give an empty or new folder (or move them away)`
    : undefined;
};

/** `path` joined under `dir`, or undefined when it would not stay strictly inside `dir`. */
const inside = (dir: string, path: string): string | undefined => {
  if (repoPathProblem(path)) return undefined;
  const target = resolve(dir, path);
  const rel = relative(resolve(dir), target);
  return rel && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? target : undefined;
};

/** What `writeOutput` wrote, and the career repo's paths it refused to write because they leave `repo/`. */
export interface Written {
  summary: ReturnType<typeof summarize>;
  refused: string[];
}

/**
 * Writes `repo/`, `issues/<n>.md`, `pulls/<n>.md`, `summary.json`, `index.html` (the demo page: all of
 * it as GitHub would show it, offline) and the marker under `out`, replacing a
 * previous run's. Call `outRefusal` first. A path of the career repo that would land outside `out/repo`
 * is not written but returned in `refused` (deliveries are checked before they reach the sandbox; this
 * is the second lock).
 */
export const writeOutput = (r: SimulationResult, out: string): Written => {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARKER), MARKER_TEXT);
  for (const name of OUTPUT) rmSync(join(out, name), { recursive: true, force: true });
  const full = `${r.career.owner}/${r.career.repo}`;
  const repoDir = join(out, "repo");
  const refused: string[] = [];
  for (const [path, text] of Object.entries(r.sandbox.files(full))) {
    const target = inside(repoDir, path);
    if (!target) {
      refused.push(path);
      continue;
    }
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
  // The page shows state only (as issues/ does); counts of the run are in summary.json.
  const caption = `${full} as Rungs left it after rungs simulate replayed the events offline. Nothing here is on GitHub.`;
  writeFileSync(join(out, "index.html"), demoPageHtml(demoPage(r, caption)));
  return { summary, refused };
};
