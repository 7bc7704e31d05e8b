import { type Report, reportJson } from "../domain/report.js";
import { withoutControls } from "./escape.js";
import { formatDelta, formatStatus, formatTarget, formatValue } from "./format.js";

const pad = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => c + " ".repeat((widths[i] ?? 0) - [...c].length))
      .join("  ")
      .trimEnd(),
  );
};

/** `rungs report` for a terminal: the same numbers as the goal issue. */
export const renderReportText = (r: Report): string => {
  const head = `${r.login} · ${r.level} ${r.levelTitle}${r.next ? ` → ${r.next} ${r.nextTitle}` : " (top of track)"} · ${r.quarter}`;
  if (r.criteria.length === 0) return `${head}\nNo next-level criteria.`;
  const rows = [
    ["criterion", "value", "target", "status", "since last quarter"],
    ...r.criteria.map((c) => [
      c.id,
      formatValue(c),
      formatTarget(c),
      formatStatus(c),
      formatDelta(c.value, c.previous),
    ]),
  ];
  const q = r.readiness;
  const trail = q.quarters.map((x) => `${x.quarter} ${x.met ? "met" : "not met"}`).join(", ");
  return [
    head,
    "",
    ...pad(rows),
    "",
    `readiness: all criteria met in ${q.quartersMet} of the last ${q.rule.of} quarters (${q.rule.quarters} needed): ${trail}`,
    q.ready ? "ready for a promotion packet" : "not ready yet",
    ...evidenceLines(r),
  ].join("\n");
};

/** Counted items by where they came from, and every item people added or decided about, with its ref. */
const evidenceLines = (r: Report): string[] => {
  const j = reportJson(r);
  const n = j.items;
  const lines = [
    "",
    `evidence: ${n.counted} counted (${n.observed} observed, ${n.confirmed} confirmed) · ${n.claimed} claimed · ${n.rejected} rejected · ${n.excluded} excluded · ${n.unverified} unverified`,
  ];
  if (j.focus.length) lines.push(`focus: ${j.focus.map((f) => withoutControls(f)).join(", ")}`);
  const rows = j.decisions.map((d) => [
    d.ref,
    d.status,
    withoutControls("criterion" in d && d.criterion ? d.criterion : d.kind),
    withoutControls(d.title).slice(0, 60),
    "by" in d && d.by
      ? `by ${withoutControls(d.by)}${"reason" in d && d.reason ? `: ${withoutControls(d.reason)}` : ""}`
      : `added by ${withoutControls(d.added_by ?? "someone")}`,
  ]);
  if (rows.length) lines.push("", ...pad([["ref", "status", "for", "what", "who"], ...rows]));
  return lines;
};
