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
/** The most a goal issue's body may hold, whatever the quarter, the ladder or the goals: a margin under the limit. */
export const BODY_BUDGET = 60_000;

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

/**
 * How much of each list a rendering shows. The first shape whose body fits the budget wins: a normal
 * quarter gets the first (a quarter of up to 25 items shows everything, as it always has), a busy one
 * the same shape with its lists cut to their newest items, and only pathological input (hundreds of
 * criteria, huge goals) the later ones. Counts are always computed from every item, never the shown ones.
 */
interface Shape {
  /** Evidence links per criterion in the progress table; the rest are counted as "+N more". */
  links: number;
  /** People per criterion in the progress table. */
  people: number;
  /** Newest counted items listed under Evidence. */
  listed: number;
  /** Newest items listed per not-counted list (excluded, rejected, claimed, unverified). */
  uncounted: number;
  /** Length a criterion's title is clipped to, in the table and the focus list. */
  title: number;
  /** Criteria rows in the progress table; the rest are counted below it. */
  rows: number;
  /** The focus checklist: every criterion, only the ticked ones, or none (then `/focus` only). */
  focus: "all" | "ticked" | "none";
  /** Length the engineer's own goals are clipped to. */
  goals: number;
}

/** Counted items listed under Evidence at most: a 2,000-item quarter's body stays around 10 KB. */
export const LISTED_ITEMS = 25;
/** Items listed per not-counted list at most. */
export const LISTED_UNCOUNTED = 20;

const SHAPES: readonly Shape[] = [
  {
    links: 8,
    people: 10,
    listed: LISTED_ITEMS,
    uncounted: LISTED_UNCOUNTED,
    title: 80,
    rows: Number.POSITIVE_INFINITY,
    focus: "all",
    goals: 4000,
  },
  {
    links: 5,
    people: 5,
    listed: 10,
    uncounted: 5,
    title: 80,
    rows: Number.POSITIVE_INFINITY,
    focus: "all",
    goals: 4000,
  },
  {
    links: 3,
    people: 3,
    listed: 5,
    uncounted: 3,
    title: 80,
    rows: Number.POSITIVE_INFINITY,
    focus: "all",
    goals: 4000,
  },
  {
    links: 0,
    people: 0,
    listed: 0,
    uncounted: 0,
    title: 80,
    rows: Number.POSITIVE_INFINITY,
    focus: "all",
    goals: 2000,
  },
  {
    links: 0,
    people: 0,
    listed: 0,
    uncounted: 0,
    title: 40,
    rows: 100,
    focus: "ticked",
    goals: 1000,
  },
  { links: 0, people: 0, listed: 0, uncounted: 0, title: 30, rows: 20, focus: "none", goals: 500 },
];

/** A count as people read it: 1,234. */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The ledger as a markdown link: the quarter's folder of day shards, where every item is. */
interface LedgerLink {
  text: string;
  url: string | undefined;
}

/** The head `people/x/evidence/2026-Q4.yml` is beside the folder `people/x/evidence/2026-Q4/` of its items. */
export const ledgerLinkOf = (path: string, url: string): LedgerLink => {
  const safe = safeUrl(url);
  if (path.endsWith(".yml") && safe?.endsWith(".yml") && safe.includes("/blob/"))
    return { text: `${path.slice(0, -4)}/`, url: safe.slice(0, -4).replace("/blob/", "/tree/") };
  return { text: path, url: safe };
};

const ledgerLink = (l: LedgerLink): string => {
  const text = escapeInline(l.text, 200);
  return l.url ? `[${text}](${l.url})` : text;
};

/** The line after a list cut to its newest items: how many more, exactly, and where they all are. */
const moreLine = (more: number, shown: number, ledger: LedgerLink): string =>
  `${shown > 0 ? `… and ${count(more)} more` : `All ${count(more)}`} — see the ledger: ${ledgerLink(ledger)}.`;

const progressTable = (criteria: readonly CriterionProgress[], shape: Shape): string => {
  if (criteria.length === 0) return "_No next-level criteria: this is the top of the track._";
  const rows = criteria.slice(0, shape.rows).map((c) => {
    const shown = shape.links > 0 ? c.evidence.slice(-shape.links).map(itemRef) : [];
    const people = c.people.slice(0, shape.people).map(plainLogin);
    const more = c.evidence.length - shown.length + c.people.length - people.length;
    const units = c.units ? [`${c.units.items} PRs across ${c.units.groups} pieces of work`] : [];
    const evidence =
      [...units, ...shown, ...people, ...(more > 0 ? [`+${more} more`] : [])].join(", ") || "—";
    const milestone = c.scope === "window" ? " ◆" : "";
    return `| ${escapeInline(c.title, shape.title)}${milestone}<br>\`${c.id}\` | ${formatValue(c)} | ${formatTarget(c)} | ${formatStatus(c)} | ${formatDelta(c.value, c.previous)} | ${evidence} |`;
  });
  const hidden = criteria.length - rows.length;
  return [
    "| Criterion | Value | Target | Status | Since last quarter | Evidence |",
    "|---|---|---|---|---|---|",
    ...rows,
    // A blank line ends the table: the line after it is text, not a row.
    ...(hidden > 0
      ? [
          "",
          `… and ${count(hidden)} more criteria (${count(criteria.filter((c) => c.met).length)} of all ${count(criteria.length)} met) — \`rungs report\` shows every one.`,
        ]
      : []),
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
/** Focus entries in the goals file that are not on this path, listed at most. */
const GONE_SHOWN = 20;

/** A fence opening or closing a code block: three or more backticks or tildes, indented at most three spaces. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Markdown with every code block it opens closed again, so that clipping it (or a person forgetting a
 * fence) cannot swallow the rest of the issue into a code block.
 */
export const closeFences = (markdown: string): string => {
  let open: string | undefined;
  for (const line of markdown.split("\n")) {
    const fence = FENCE.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open === undefined ? markdown : `${markdown}\n${open}`;
};

/** The engineer's own goals: their markdown, with mentions and raw HTML defused. */
const ownGoals = (report: Report, shape: Shape): string => {
  const g = report.goals;
  if (!g?.text) {
    return `_No goals in their own words yet: write them in \`people/${report.login}/goals/${report.quarter}.md\` in the career repo._`;
  }
  return closeFences(escapeBlock(g.text, shape.goals));
};

/**
 * The criteria to focus on this quarter, as checkboxes: ticking them (or `/focus`) writes the goals
 * file, so a tick survives every re-render. A focus that is no longer on the path is listed as such.
 * The app reads the ticks back from between the markers, and a criterion left out of the list would
 * read as unticked: so a shortened list keeps every ticked one, and a list too long to show is left
 * out whole, markers and all (then an edit of the issue changes no focus).
 */
const focusList = (report: Report, shape: Shape): string => {
  if (report.criteria.length === 0) return "";
  const focus = new Set(report.goals?.focus ?? []);
  const ids = new Set(report.criteria.map((c) => c.id));
  const gone = [...focus].filter((f) => !ids.has(f));
  const goneLine = gone.length
    ? [
        "",
        `Also in the goals file, not on this path: ${gone
          .slice(0, GONE_SHOWN)
          .map((f) => (CRITERION_ID.test(f) && f.length <= 100 ? `\`${f}\`` : escapeInline(f, 60)))
          .join(", ")}${gone.length > GONE_SHOWN ? ` and ${count(gone.length - GONE_SHOWN)} more` : ""}`,
      ]
    : [];
  const ticked = report.criteria.filter((c) => focus.has(c.id)).length;
  if (shape.focus === "none")
    return [
      `Focus this quarter: comment \`/focus <criterion-id> …\` (${count(ticked)} of ${count(report.criteria.length)} criteria focused now; the list is too long to show here).`,
      ...goneLine,
    ].join("\n");
  const listed = shape.focus === "all" ? report.criteria : report.criteria.filter((c) => focus.has(c.id));
  const hidden = report.criteria.length - listed.length;
  return [
    "Focus this quarter (tick 2–3, or comment `/focus <criterion-id> …`):",
    "",
    FOCUS_START,
    ...listed.map(
      (c) => `- [${focus.has(c.id) ? "x" : " "}] \`${c.id}\` ${escapeInline(c.title, shape.title)}`,
    ),
    FOCUS_END,
    ...(hidden > 0
      ? ["", `${count(hidden)} more criteria not listed here: focus on one with \`/focus <criterion-id>\`.`]
      : []),
    ...goneLine,
  ].join("\n");
};

/** The short ref people type in commands, shown before each item. */
const refOf = (item: EvidenceItem): string => `\`${evidenceRef(item)}\``;

/** The newest `limit` of a list, newest first, with the exact number left out. */
const newest = <T>(items: readonly T[], limit: number): { shown: T[]; more: number } => {
  const shown = limit > 0 ? items.slice(-limit).reverse() : [];
  return { shown, more: items.length - shown.length };
};

/** Items shown but not counted, each with why: excluded or rejected (by whom, why), claimed, unverified. */
const uncountedList = (report: Report, limit: number, ledger: LedgerLink): string => {
  // An unverified item's link was typed by whoever forged it: shown as text, never as a link.
  const section = (
    items: readonly EvidenceItem[],
    heading: string,
    why: (i: EvidenceItem) => string,
    ref: (i: EvidenceItem) => string = itemRef,
  ) => {
    if (items.length === 0) return [];
    const { shown, more } = newest(items, limit);
    return [
      "",
      `${heading} (${items.length}, not counted):`,
      "",
      ...shown.map(
        (i) =>
          `- ${refOf(i)} ${escapeInline(i.at.slice(0, 10), 10)} · ${ref(i)} ${escapeInline(i.title, 90)} · ${why(i)}`,
      ),
      // A blank line, or the line would continue the last list item.
      ...(more > 0 ? ["", moreLine(more, shown.length, ledger)] : []),
    ];
  };
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

const evidenceList = (items: readonly EvidenceItem[], limit: number, ledger: LedgerLink): string => {
  if (items.length === 0) return "_Nothing recorded yet this quarter._";
  const { shown, more } = newest(items, limit);
  const lines = shown.map(
    (i) =>
      `- ${refOf(i)} ${escapeInline(i.at.slice(0, 10), 10)} · ${itemRef(i)} ${escapeInline(i.title, 90)} · ${itemDetail(i)}`,
  );
  return [
    `${items.length} item${items.length === 1 ? "" : "s"}${more > 0 && shown.length > 0 ? `; the newest ${shown.length} below, all of them in the ledger` : ""}.`,
    "",
    ...lines,
    ...(more > 0 ? [...(lines.length ? [""] : []), moreLine(more, shown.length, ledger)] : []),
  ].join("\n");
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);

/**
 * The last resort, when even the smallest shape does not fit (a ladder of thousands of criteria, say):
 * the marker, who and when, the exact totals, and where everything is. Every part of it is bounded.
 */
const minimalBody = (report: Report, ctx: GoalIssueContext, ledger: LedgerLink): string => {
  const uncounted =
    report.claimed.length + report.unverified.length + report.rejected.length + report.excluded.length;
  const met = report.criteria.filter((c) => c.met).length;
  return [
    goalIssueMarker(report.login, report.quarter),
    `**${escapeInline(ctx.profile.name ?? report.login, 80)}** · ${report.level} → ${report.next ?? "top of track"} · ${report.quarter}`,
    "",
    `This quarter is too large to show here. ${count(report.items.length)} item${report.items.length === 1 ? "" : "s"} counted, ${count(uncounted)} not counted; ${count(met)} of ${count(report.criteria.length)} criteria met${report.next ? `; ${report.readiness.ready ? "ready" : "not ready yet"} for ${report.next} (${report.readiness.quartersMet} of the last ${report.readiness.rule.of} quarters met)` : ""}. Every item is in the ledger: ${ledgerLink(ledger)}; \`rungs report\` shows every criterion.`,
    "",
    "<sub>Kept by Rungs from the ledger. This issue is regenerated from the ledger on every change; edits to it are overwritten.</sub>",
  ].join("\n");
};

/**
 * The goal issue: a view regenerated from ledger + ladder, always under GitHub's size limit. Lists are
 * cut to their newest items (with how many more, exactly) and, only if that is not enough, shortened
 * further shape by shape; nothing is ever cut mid-line, so no table, code block or marker is broken.
 */
export const renderGoalIssue = (report: Report, ctx: GoalIssueContext): GoalIssueView => {
  const ledger = ledgerLinkOf(ctx.ledgerPath, ctx.ledgerUrl);
  const render = (shape: Shape) =>
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
      progress_table: progressTable(report.criteria, shape),
      readiness: readinessText(report),
      chart: chart(report, ctx.calendar),
      own_goals: ownGoals(report, shape),
      focus: focusList(report, shape),
      // A blank line between the lists, or the next heading would continue the last list item.
      evidence: [
        evidenceList(report.items, shape.listed, ledger),
        uncountedList(report, shape.uncounted, ledger),
      ]
        .filter(Boolean)
        .join("\n"),
      ledger_path: escapeInline(ctx.ledgerPath, 200),
      ledger_url: safeUrl(ctx.ledgerUrl) ?? "",
    }).replace(/\n{3,}/g, "\n\n");
  for (const shape of SHAPES) {
    const body = render(shape);
    if (body.length <= BODY_BUDGET) return { title: goalIssueTitle(report), body, labels: [GOAL_LABEL] };
  }
  const minimal = minimalBody(report, ctx, ledger);
  const body =
    minimal.length <= BODY_BUDGET
      ? minimal
      : `${goalIssueMarker(report.login, report.quarter)}\n\nThis quarter is too large to show here: see the ledger.`;
  return { title: goalIssueTitle(report), body, labels: [GOAL_LABEL] };
};
