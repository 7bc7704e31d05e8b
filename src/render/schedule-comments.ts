import {
  type ProgressChange,
  type ProgressState,
  progressMarker,
  quarterSummaryMarker,
} from "../domain/progress-note.js";
import type { Report } from "../domain/report.js";
import { escapeInline, plainLogin } from "./escape.js";
import { formatNumber, formatStatus, formatTarget, formatValue } from "./format.js";

const mention = (login: string | undefined): string => (login ? `@${plainLogin(login)}` : "");

/**
 * The biweekly 1:1 comment: what moved since the last one (or since the quarter began), addressed to the
 * person and their manager, with the state it summarised hidden at the end.
 */
export const renderProgressComment = (
  report: Report,
  change: ProgressChange,
  ctx: { manager: string | undefined; since: string | undefined; state: ProgressState; at: string },
): string => {
  const who = [mention(report.login), mention(ctx.manager)].filter(Boolean).join(" ");
  const since = ctx.since ? `since the last check-in (${ctx.since.slice(0, 10)})` : "so far this quarter";
  const lines = [
    `${who}: 1:1 check-in for ${report.quarter}, ${since}.`,
    "",
    `- Evidence: ${change.items >= 0 ? "+" : "−"}${Math.abs(change.items)} item${Math.abs(change.items) === 1 ? "" : "s"} (${report.items.length} this quarter)`,
    ...change.moved.map((m) => {
      const c = report.criteria.find((x) => x.id === m.id);
      const status = c ? formatStatus(c) : m.met ? "✅ met" : "⏳ not yet";
      const target = c ? ` (${formatTarget(c)})` : "";
      const now = c ? formatValue(c) : formatNumber(m.after);
      return `- ${escapeInline(m.title)}: ${formatNumber(m.before)} → ${now}${target} ${status}${m.met && !m.wasMet ? " — newly met" : ""}`;
    }),
    ...(change.becameReady && report.next
      ? [`- **Ready for ${report.next}**: every criterion met in enough quarters.`]
      : []),
    "",
    progressMarker(ctx.state, ctx.at),
  ];
  return lines.join("\n");
};

/** The closing summary of a quarter's goal issue: each criterion where it ended, and readiness. */
export const renderQuarterSummary = (report: Report): string => {
  const met = report.criteria.filter((c) => c.met).length;
  const r = report.readiness;
  return [
    quarterSummaryMarker(report.login, report.quarter),
    `**${report.quarter} is over.** ${plainLogin(report.login)} met ${met} of ${report.criteria.length} criteria toward ${report.next ?? "the next level"} with ${report.items.length} item${report.items.length === 1 ? "" : "s"} of evidence.`,
    "",
    "| Criterion | Value | Target | Status |",
    "|---|---|---|---|",
    ...report.criteria.map(
      (c) => `| ${escapeInline(c.title)} | ${formatValue(c)} | ${formatTarget(c)} | ${formatStatus(c)} |`,
    ),
    "",
    report.next
      ? `Readiness for ${report.next}: ${r.quartersMet} of the last ${r.rule.of} quarters met (${r.rule.quarters} needed)${r.ready ? " — ready for a promotion packet." : "."}`
      : "",
    "This issue is closed; next quarter's goals are in a new one.",
  ].join("\n");
};
