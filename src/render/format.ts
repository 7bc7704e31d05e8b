import type { CriterionResult } from "../domain/criteria.js";
import type { EvidenceItem } from "../domain/evidence.js";
import type { QuarterStatus } from "../domain/report.js";
import { escapeInline, link } from "./escape.js";

export const formatNumber = (n: number | null): string =>
  n === null ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, "");

/** A criterion's value; a median shows its sample's mean beside it: `1.5 (mean 1.8)`. */
export const formatValue = (c: Pick<CriterionResult, "value" | "mean">): string =>
  c.value === null || c.mean === undefined
    ? formatNumber(c.value)
    : `${formatNumber(c.value)} (mean ${formatNumber(c.mean)})`;

export const formatTarget = (c: Pick<CriterionResult, "comparator" | "target" | "rule">): string =>
  `${c.comparator === "<=" ? "≤" : "≥"} ${c.target}${c.rule === "weekly" ? " weeks" : ""}`;

export const formatStatus = (c: CriterionResult): string => {
  if (c.value === null && c.sample)
    return `not measurable yet (${c.sample.size} of ${c.sample.needed} needed)`;
  if (c.met) return "✅ met";
  return c.kind === "manual" ? "✍️ needs evidence added by hand and confirmed" : "⏳ not yet";
};

/** A quarter of the readiness window as a person reads it. */
export const quarterStatusText = (status: QuarterStatus, level: string): string =>
  status === "met" ? "✅" : status === "not-met" ? "✗" : status === "no-data" ? "no data" : `before ${level}`;

export const formatDelta = (now: number | null, before: number | null): string => {
  if (now === null || before === null) return "—";
  const d = Math.round((now - before) * 100) / 100;
  return d === 0 ? "±0" : d > 0 ? `+${formatNumber(d)}` : `−${formatNumber(-d)}`;
};

/** A short reference to an item: `owner/repo#12` linked, or the note's path. */
export const itemRef = (item: EvidenceItem): string => {
  switch (item.kind) {
    case "pull_request":
    case "review":
    case "issue":
      return link(`${escapeInline(item.repo, 80)}#${item.number}`, item.url);
    case "learning_note":
      return link(escapeInline(item.path.split("/").pop() ?? item.path, 60), item.url);
    case "manual":
      return link(escapeInline(item.title, 60), item.url);
  }
};

export const itemDetail = (item: EvidenceItem): string => {
  switch (item.kind) {
    case "pull_request":
      return `${item.class}${item.small ? ", small" : ""}, ${item.reviewed ? `${item.review_rounds} review round${item.review_rounds === 1 ? "" : "s"}` : "unreviewed"}, +${item.additions}/−${item.deletions}`;
    case "review":
      return `${escapeInline(item.state.toLowerCase().replace(/_/g, " "), 30)} · author ${escapeInline(item.pr_author, 40)}${item.pr_author_level ? ` (${escapeInline(item.pr_author_level, 20)})` : ""}`;
    case "issue":
      return `${item.class}${item.class === "incident" ? (item.escalated ? ", escalated" : ", not escalated") : ""}${item.linked_prs ? `, ${item.linked_prs} linked PR${item.linked_prs === 1 ? "" : "s"}` : ""}`;
    case "learning_note":
      return "learning note";
    case "manual":
      return `added by ${escapeInline(item.provenance.by ?? "someone", 40)} for ${escapeInline(item.criterion, 60)}`;
  }
};
