import type { DemoPage, PageComment, PageFile, PageReaction } from "../render/html/index.js";
import type { SandboxComment } from "../sandbox/index.js";
import type { SimulationResult } from "./run.js";

// The sandbox creates the career repo on its default branch, as simulate does not name one.
const DEFAULT_BRANCH = "main";

/** A comment's reactions as GitHub sums them: one count per kind, in the order first given. */
const reactionsOf = (comment: SandboxComment): PageReaction[] => {
  const counts = new Map<string, number>();
  for (const r of comment.reactions) counts.set(r.content, (counts.get(r.content) ?? 0) + 1);
  return [...counts].map(([content, count]) => ({ content, count }));
};

const comment = (c: SandboxComment): PageComment => {
  const reactions = reactionsOf(c);
  return {
    author: c.author,
    createdAt: c.createdAt,
    body: c.body,
    ...(reactions.length ? { reactions } : {}),
  };
};

/** The files a pull request changes against its base branch, markdown ones with their text. */
const changedFiles = (head: Record<string, string>, base: Record<string, string>): PageFile[] => {
  const paths = [...new Set([...Object.keys(head), ...Object.keys(base)])].sort();
  return paths.flatMap((path): PageFile[] => {
    const after = head[path];
    const before = base[path];
    if (after === before) return [];
    const status = after === undefined ? "removed" : before === undefined ? "added" : "modified";
    return [{ path, status, ...(after !== undefined && /\.md$/i.test(path) ? { markdown: after } : {}) }];
  });
};

/** The run's career repo as the demo page shows it: its issues, pull requests and check runs. */
export const demoPage = (r: SimulationResult, caption?: string): DemoPage => {
  const full = `${r.career.owner}/${r.career.repo}`;
  const files = r.sandbox.files(full);
  const checkRuns = r.sandbox.checkRuns(full).map((c) => ({
    name: c.name,
    headSha: c.headSha,
    conclusion: c.conclusion,
    ...(c.output ? { title: c.output.title, summary: c.output.summary } : {}),
  }));
  const pulls = r.sandbox.pulls(full).map((p) => {
    // What the pull request changes, as GitHub shows it: against where it branched, not the base's tip.
    const base = r.sandbox.files(full, p.mergeBase);
    return {
      number: p.number,
      title: p.title,
      state: p.merged ? ("merged" as const) : p.state,
      author: p.author,
      head: p.head,
      base: p.base,
      labels: p.labels,
      requestedReviewers: p.requestedReviewers,
      body: p.body,
      comments: p.comments.map(comment),
      reviews: p.reviews.map((v) => ({
        author: v.author,
        state: v.state,
        body: v.body,
        submittedAt: v.submittedAt,
      })),
      files: changedFiles(r.sandbox.files(full, p.headSha), base),
      checkRuns: checkRuns.filter((c) => c.headSha === p.headSha),
    };
  });
  const shown = new Set(pulls.flatMap((p) => p.checkRuns));
  return {
    repo: full,
    defaultBranch: DEFAULT_BRANCH,
    localFiles: Object.keys(files),
    issues: r.sandbox.issues(full).map((i) => ({
      number: i.number,
      title: i.title,
      state: i.state,
      author: i.author,
      createdAt: i.createdAt,
      labels: i.labels,
      assignees: i.assignees,
      body: i.body,
      comments: i.comments.map(comment),
    })),
    pulls,
    otherCheckRuns: checkRuns.filter((c) => !shown.has(c)),
    ...(caption ? { caption } : {}),
  };
};
