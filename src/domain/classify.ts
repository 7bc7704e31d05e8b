import type { IssueItem, PullRequestItem } from "./evidence.js";
import { matchesAny } from "./glob.js";
import type { Settings } from "./settings.js";

type Signals = Settings["classification"]["feature"];

/** Conventional Commit type of a title: "feat(ui)!: x" → "feat". */
const titleType = (title: string): string | undefined =>
  /^\s*([A-Za-z]+)(?:\([^)]*\))?!?:\s/.exec(title)?.[1]?.toLowerCase();

const hasLabel = (labels: readonly string[], wanted: readonly string[]): boolean => {
  const set = new Set(labels.map((l) => l.toLowerCase()));
  return wanted.some((w) => set.has(w.toLowerCase()));
};

const matches = (
  signals: Signals,
  pr: { title: string; labels: readonly string[]; paths: readonly string[] },
) => {
  const type = titleType(pr.title);
  return (
    hasLabel(pr.labels, signals.labels) ||
    (type !== undefined && signals.title_prefixes.some((p) => p.toLowerCase() === type)) ||
    (signals.paths.length > 0 && pr.paths.some((p) => matchesAny(p, signals.paths)))
  );
};

/** First match wins: design doc, feature, bug fix, docs; else other. See docs/metrics.md#classification. */
export const classifyPullRequest = (
  pr: { title: string; labels: readonly string[]; paths: readonly string[] },
  settings: Settings,
): PullRequestItem["class"] => {
  const c = settings.classification;
  if (matches(c.design_doc, pr)) return "design-doc";
  if (matches(c.feature, pr)) return "feature";
  if (matches(c.bugfix, pr)) return "bugfix";
  if (matches(c.docs, pr)) return "docs";
  return "other";
};

export const isSmall = (pr: { additions: number; deletions: number }, settings: Settings): boolean =>
  pr.additions + pr.deletions <= settings.small.max_lines;

export const classifyIssue = (
  issue: { title: string; labels: readonly string[] },
  settings: Settings,
): { class: IssueItem["class"]; escalated: boolean } => {
  const c = settings.classification;
  const subject = { ...issue, paths: [] };
  const escalated = matches(c.escalated, subject);
  if (matches(c.incident, subject)) return { class: "incident", escalated };
  if (matches(c.spec, subject)) return { class: "spec", escalated };
  return { class: "task", escalated };
};
