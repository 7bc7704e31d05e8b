import { type EvidenceItem, evidenceRef } from "../domain/evidence.js";
import { GOAL_LABEL, goalIssueMarker } from "../domain/goal-issue.js";
import { FOCUS_END, FOCUS_START } from "../domain/goals-file.js";
import type { Level } from "../domain/ladder/schema.js";
import type { Profile } from "../domain/profile.js";
import {
  type FiscalCalendar,
  parseQuarterLabel,
  WEEKS_PER_QUARTER,
  weekOfQuarter,
} from "../domain/quarter.js";
import type { CriterionProgress, Report } from "../domain/report.js";
import { escapeBlock, escapeInline, plainLogin, safeUrl } from "./escape.js";
import {
  formatDelta,
  formatStatus,
  formatTarget,
  formatValue,
  itemDetail,
  itemRef,
  quarterStatusText,
} from "./format.js";

/** GitHub rejects issue bodies over 65,536 characters; keep a margin. */
export const BODY_LIMIT = 65_536;
const BUDGET = 60_000;

export interface GoalIssueView {
  title: string;
  body: string;
  labels: string[];
}

export interface GoalIssueContext {
  template: string;
  profile: Profile;
  level: Level;
  calendar: FiscalCalendar;
  ledgerPath: string;
  ledgerUrl: string;
}

export { GOAL_LABEL, goalIssueMarker } from "../domain/goal-issue.js";

export const goalIssueTitle = (report: Pick<Report, "quarter" | "login" | "level" | "next">): string =>
  `${report.quarter} goals: ${report.login} (${report.level}${report.next ? ` → ${report.next}` : ""})`;

const progressTable = (criteria: readonly CriterionProgress[], linksPerCriterion: number): string => {
  if (criteria.length === 0) return "_No next-level criteria: this is the top of the track._";
  const rows = criteria.map((c) => {
    const shown = c.evidence.slice(-linksPerCriterion).map(itemRef);
    const more = c.evidence.length - shown.length;
    const people = c.people.map(plainLogin);
    const units = c.units ? [`${c.units.items} PRs across ${c.units.groups} pieces of work`] : [];
    const evidence =
      [...units, ...shown, ...people, ...(more > 0 ? [`+${more} more`] : [])].join(", ") || "—";
    const milestone = c.scope === "window" ? " ◆" : "";
    return `| ${escapeInline(c.title, 80)}${milestone}<br>\`${c.id}\` | ${formatValue(c)} | ${formatTarget(c)} | ${formatStatus(c)} | ${formatDelta(c.value, c.previous)} | ${evidence} |`;
  });
  return [
    "| Criterion | Value | Target | Status | Since last quarter | Evidence |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
};

const readinessText = (report: Report): string => {
  if (!report.next) return "";
  const r = report.readiness;
  const trail = r.quarters
    .map((q) => `${q.quarter} ${quarterStatusText(q.status, report.level)}`)
    .join(" · ");
  const milestones = report.criteria.some((c) => c.scope === "window")
    ? " Milestones (marked ◆) count once across the window."
    : "";
  return `**Readiness for ${report.next}:** every criterion met in ${r.quartersMet} of the last ${r.rule.of} quarters (${r.rule.quarters} needed): ${trail}. ${r.ready ? "**Ready for a promotion packet.**" : "Not ready yet."}${milestones}`;
};

const chart = (report: Report, calendar: FiscalCalendar): string => {
  const quarter = parseQuarterLabel(report.quarter);
  if (!quarter || report.items.length === 0) return "";
  const perWeek = Array.from({ length: WEEKS_PER_QUARTER }, () => 0);
  for (const item of report.items) {
    const w = weekOfQuarter(Date.parse(item.at), quarter, calendar);
    perWeek[w] = (perWeek[w] ?? 0) + 1;
  }
  const weeks = perWeek.map((_, i) => `W${i + 1}`).join(", ");
  return [
    "```mermaid",
    "xychart-beta",
    `  title "Evidence per week, ${report.quarter}"`,
    `  x-axis [${weeks}]`,
    `  y-axis "items" 0 --> ${Math.max(1, ...perWeek)}`,
    `  bar [${perWeek.join(", ")}]`,
    "```",
  ].join("\n");
};

const CRITERION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The engineer's own goals: their markdown, with mentions and raw HTML defused. */
const ownGoals = (report: Report): string => {
  const g = report.goals;
  if (!g?.text) {
    return `_No goals in their own words yet: write them in \`people/${report.login}/goals/${report.quarter}.md\` in the career repo._`;
  }
  return escapeBlock(g.text);
};

/**
 * The criteria to focus on this quarter, as checkboxes: ticking them (or `/focus`) writes the goals
 * file, so a tick survives every re-render. A focus that is no longer on the path is listed as such.
 */
const focusList = (report: Report): string => {
  if (report.criteria.length === 0) return "";
  const focus = new Set(report.goals?.focus ?? []);
  const gone = [...focus].filter((f) => !report.criteria.some((c) => c.id === f));
  return [
    "Focus this quarter (tick 2–3, or comment `/focus <criterion-id> …`):",
    "",
    FOCUS_START,
    ...report.criteria.map(
      (c) => `- [${focus.has(c.id) ? "x" : " "}] \`${c.id}\` ${escapeInline(c.title, 80)}`,
    ),
    FOCUS_END,
    ...(gone.length
      ? [
          "",
          `Also in the goals file, not on this path: ${gone.map((f) => (CRITERION_ID.test(f) ? `\`${f}\`` : escapeInline(f, 60))).join(", ")}`,
        ]
      : []),
  ].join("\n");
};

/** The short ref people type in commands, shown before each item. */
const refOf = (item: EvidenceItem): string => `\`${evidenceRef(item)}\``;

/** Items shown but not counted, each with why: excluded or rejected (by whom, why), claimed, unverified. */
const uncountedList = (report: Report, limit: number): string => {
  // An unverified item's link was typed by whoever forged it: shown as text, never as a link.
  const section = (
    items: readonly EvidenceItem[],
    heading: string,
    why: (i: EvidenceItem) => string,
    ref: (i: EvidenceItem) => string = itemRef,
  ) =>
    items.length === 0
      ? []
      : [
          "",
          `${heading} (${items.length}, not counted):`,
          "",
          ...[...items]
            .reverse()
            .slice(0, limit)
            .map(
              (i) =>
                `- ${refOf(i)} ${escapeInline(i.at.slice(0, 10), 10)} · ${ref(i)} ${escapeInline(i.title, 90)} · ${why(i)}`,
            ),
        ];
  const decision = (verb: string) => (i: EvidenceItem) => {
    const d = i.excluded ?? (i.kind === "manual" ? i.rejected : undefined);
    return d ? `${verb} by ${plainLogin(d.by)}${d.reason ? `: ${escapeInline(d.reason, 120)}` : ""}` : verb;
  };
  return [
    ...section(report.excluded, "Excluded", decision("excluded")),
    ...section(report.rejected, "Rejected", decision("rejected")),
    ...section(report.claimed, "Claimed, awaiting confirmation by a manager or an admin", itemDetail),
    ...section(
      report.unverified,
      "Unverified: in the ledger but not as Rungs wrote it (typed, copied or edited by hand)",
      itemDetail,
      (i) => ("repo" in i ? `${escapeInline(i.repo, 80)}#${i.number}` : escapeInline(i.key, 80)),
    ),
  ].join("\n");
};

const evidenceList = (items: readonly EvidenceItem[], limit: number): string => {
  if (items.length === 0) return "_Nothing recorded yet this quarter._";
  const shown = [...items].reverse().slice(0, limit);
  const lines = shown.map(
    (i) =>
      `- ${refOf(i)} ${escapeInline(i.at.slice(0, 10), 10)} · ${itemRef(i)} ${escapeInline(i.title, 90)} · ${itemDetail(i)}`,
  );
  const more = items.length - shown.length;
  return [
    `${items.length} item${items.length === 1 ? "" : "s"}${more > 0 ? `; the newest ${shown.length} below, all of them in the ledger` : ""}.`,
    "",
    ...lines,
  ].join("\n");
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);

/** The goal issue: a view regenerated from ledger + ladder, always under GitHub's size limit. */
export const renderGoalIssue = (report: Report, ctx: GoalIssueContext): GoalIssueView => {
  const render = (links: number, listed: number) =>
    fill(ctx.template, {
      marker: goalIssueMarker(report.login, report.quarter),
      login: plainLogin(report.login),
      name: escapeInline(ctx.profile.name ?? report.login, 80),
      level: `${report.level} ${escapeInline(report.levelTitle, 40)}`,
      next: report.next ? `${report.next} ${escapeInline(report.nextTitle ?? "", 40)}` : "top of track",
      manager: ctx.profile.manager ? plainLogin(ctx.profile.manager) : "none",
      quarter: report.quarter,
      core_question: escapeInline(ctx.level.core_question, 200),
      primary_focus: escapeInline(ctx.level.primary_focus, 200),
      progress_table: progressTable(report.criteria, links),
      readiness: readinessText(report),
      chart: chart(report, ctx.calendar),
      own_goals: ownGoals(report),
      focus: focusList(report),
      // A blank line between the lists, or the next heading would continue the last list item.
      evidence: [evidenceList(report.items, listed), uncountedList(report, Math.min(listed, 50))]
        .filter(Boolean)
        .join("\n"),
      ledger_path: escapeInline(ctx.ledgerPath, 200),
      ledger_url: safeUrl(ctx.ledgerUrl) ?? "",
    }).replace(/\n{3,}/g, "\n\n");
  let body = "";
  for (const [links, listed] of [
    [8, 200],
    [5, 100],
    [3, 30],
    [1, 10],
    [0, 0],
  ] as const) {
    body = render(links, listed);
    if (body.length <= BUDGET) break;
  }
  if (body.length > BUDGET)
    body = `${body.slice(0, BUDGET)}\n\n…cut to fit GitHub's limit; the ledger holds everything.`;
  return { title: goalIssueTitle(report), body, labels: [GOAL_LABEL] };
};
