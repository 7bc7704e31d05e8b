import type { CriterionResult } from "../domain/criteria.js";
import type { EvidenceItem } from "../domain/evidence.js";
import type { Level } from "../domain/ladder/schema.js";
import { GITHUB_LOGIN } from "../domain/paths.js";
import type { PacketVerdict, PromotionKind, QuarterTrend } from "../domain/promotion.js";
import type { QuarterStatus, Report } from "../domain/report.js";
import { escapeBlock, escapeInline, plainLogin } from "./escape.js";
import { formatNumber, formatTarget, formatValue, itemDetail, itemRef } from "./format.js";

/** An item that does not count in the packet, with why (excluded, rejected, claimed, unverified, failed verification). */
export interface NotCounted {
  quarter: string;
  item: EvidenceItem;
  why: string;
}

export interface Verification {
  /** Counted items checked against GitHub. */
  checked: number;
  failed: { quarter: string; item: EvidenceItem; reason: string }[];
}

/** The two sections people write in the packet; re-renders keep them as they are. */
export interface KeptSections {
  selfReview?: string;
  managerNotes?: string;
}

export interface PacketInput {
  template: string;
  login: string;
  name: string;
  from: Level;
  to: Level;
  kind: PromotionKind;
  /** The report over verified evidence only (items that failed verification taken out). */
  report: Report;
  verdict: PacketVerdict;
  notCounted: readonly NotCounted[];
  verification: Verification;
  trends: readonly QuarterTrend[];
  manager: string | null;
  skipLevel: string | null;
  /** Admins (settings) asked to act when there is no manager. */
  admins: readonly string[];
  kept: KeptSections;
}

/** An admin asked to act is mentioned on purpose, but only when the name is a real login. */
const mention = (login: string): string => (GITHUB_LOGIN.test(login) ? `@${login}` : plainLogin(login));

export const packetMarker = (login: string, target: string): string =>
  `<!-- rungs:promotion-packet login=${login.toLowerCase().replace(/[^a-z0-9-]/g, "_")} target=${target.replace(/[^A-Za-z0-9]/g, "_")} -->`;

const SECTIONS = {
  selfReview: "self-review",
  managerNotes: "manager-notes",
} as const;

const start = (name: string) => `<!-- rungs:${name}:start -->`;
const end = (name: string) => `<!-- rungs:${name}:end -->`;

/**
 * The self-review and manager's notes of a packet file as people left them: the text between each
 * section's hidden start and end markers. A section whose markers are missing was not kept.
 */
export const parseKeptSections = (text: string | undefined): KeptSections => {
  const kept: KeptSections = {};
  if (!text) return kept;
  for (const [field, name] of Object.entries(SECTIONS) as [keyof KeptSections, string][]) {
    const from = text.indexOf(start(name));
    if (from < 0) continue;
    const to = text.indexOf(end(name), from);
    if (to < 0) continue;
    kept[field] = text
      .slice(from + start(name).length, to)
      .replace(/^\n/, "")
      .replace(/\n$/, "");
  }
  return kept;
};

const section = (name: string, kept: string | undefined, placeholder: string): string =>
  `${start(name)}\n${kept ?? placeholder}\n${end(name)}`;

const statusCell = (status: QuarterStatus, result: CriterionResult | undefined, level: string): string => {
  if (status === "no-data") return "no data";
  if (status === "before-level") return `before ${escapeInline(level, 20)}`;
  if (!result) return "—";
  return `${result.met ? "✅ met" : "⏳ not yet"} · ${formatValue(result)}`;
};

/** Criterion × the quarters of the readiness window, with each value and its target. */
const readinessTable = (report: Report): string => {
  const r = report.readiness;
  if (report.criteria.length === 0) return "_No criteria on the path from this level._";
  const results = r.results ?? [];
  const head = `| Criterion | ${r.quarters.map((q) => q.quarter).join(" | ")} | Target |`;
  const rule = `|---|${r.quarters.map(() => "---").join("|")}|---|`;
  const rows = report.criteria.map((c) => {
    const cells = r.quarters.map((q, k) =>
      statusCell(
        q.status,
        results[k]?.find((x) => x.id === c.id),
        report.level,
      ),
    );
    const milestone = c.scope === "window" ? " ◆" : "";
    return `| ${escapeInline(c.title, 80)}${milestone}<br>\`${c.id}\` | ${cells.join(" | ")} | ${formatTarget(c)} |`;
  });
  const all = r.quarters.map((q) =>
    q.status === "met"
      ? "✅ all met"
      : q.status === "not-met"
        ? "✗"
        : q.status === "no-data"
          ? "no data"
          : "—",
  );
  return [
    head,
    rule,
    ...rows,
    `| **Every criterion** | ${all.join(" | ")} | ${r.rule.quarters} of ${r.rule.of} |`,
  ].join("\n");
};

const missingText = (verdict: PacketVerdict): string => {
  if (verdict.ready || verdict.missing.length === 0) return "";
  return [
    "**What is missing:**",
    "",
    ...verdict.missing.map(
      (m) =>
        `- \`${m.id}\` ${escapeInline(m.title, 80)}: met in ${m.met} quarter${m.met === 1 ? "" : "s"} of the window; short in ${m.short
          .map((s) => `${s.quarter} (${formatNumber(s.value)}, needs ${s.target})`)
          .join(", ")}`,
    ),
  ].join("\n");
};

const line = (quarter: string, i: EvidenceItem): string =>
  `- ${quarter} · ${escapeInline(i.at.slice(0, 10), 10)} · ${itemRef(i)} ${escapeInline(i.title, 90)} · ${itemDetail(i)}`;

/** Each criterion's evidence across the window's quarters with data, each item once. */
const evidenceText = (report: Report, limit: number): string => {
  const r = report.readiness;
  const results = r.results ?? [];
  if (report.criteria.length === 0) return "_None._";
  return report.criteria
    .map((c) => {
      const seen = new Set<string>();
      const items: { quarter: string; item: EvidenceItem }[] = [];
      const people = new Set<string>();
      r.quarters.forEach((q, k) => {
        const result = results[k]?.find((x) => x.id === c.id);
        for (const p of result?.people ?? []) people.add(p);
        for (const item of result?.evidence ?? []) {
          if (seen.has(item.key)) continue;
          seen.add(item.key);
          items.push({ quarter: q.quarter, item });
        }
      });
      const shown = items.slice(0, limit).map((x) => line(x.quarter, x.item));
      const more = items.length - shown.length;
      const who = people.size ? [`- people: ${[...people].map(plainLogin).join(", ")}`] : [];
      const body = [...shown, ...who, ...(more > 0 ? [`- …and ${more} more in the ledgers`] : [])];
      return [
        `### \`${c.id}\` ${escapeInline(c.title, 80)}`,
        "",
        ...(body.length ? body : ["_No evidence in the window._"]),
      ].join("\n");
    })
    .join("\n\n");
};

const notCountedText = (notCounted: readonly NotCounted[], limit: number): string => {
  if (notCounted.length === 0) return "";
  const shown = notCounted
    .slice(0, limit)
    .map((n) => `${line(n.quarter, n.item)} · **${escapeInline(n.why, 200)}**`);
  const more = notCounted.length - shown.length;
  return [
    "",
    `### Not counted (${notCounted.length})`,
    "",
    ...shown,
    ...(more > 0 ? [`- …and ${more} more`] : []),
  ].join("\n");
};

const verificationText = (v: Verification): string => {
  const verified = v.checked - v.failed.length;
  const head = `${verified} of ${v.checked} item${v.checked === 1 ? "" : "s"} verified against GitHub (the pull request or issue exists, is the engineer's, was merged into the default branch, and is dated in its quarter; each confirmation's comment exists and was written by someone allowed to confirm).`;
  if (v.failed.length === 0) return head;
  return [
    head,
    "",
    `Failed verification (${v.failed.length}, not counted):`,
    "",
    // A failed item's link may be forged: shown as text, never a link.
    ...v.failed.map(
      (f) =>
        `- ${f.quarter} · ${"repo" in f.item ? `${escapeInline(f.item.repo, 80)}#${f.item.number}` : escapeInline(f.item.key, 80)} ${escapeInline(f.item.title, 90)} · ${escapeInline(f.reason, 200)}`,
    ),
  ].join("\n");
};

const chart = (
  title: string,
  axis: string,
  quarters: readonly string[],
  values: readonly number[],
  kind: "bar" | "line",
) =>
  [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${quarters.map((q) => `"${q}"`).join(", ")}]`,
    `  y-axis "${axis}" 0 --> ${Math.max(1, ...values.map((v) => Math.ceil(v)))}`,
    `  ${kind} [${values.join(", ")}]`,
    "```",
  ].join("\n");

const trendsText = (trends: readonly QuarterTrend[]): string => {
  if (trends.length === 0) return "_No quarters to chart._";
  const quarters = trends.map((t) => t.quarter);
  const table = [
    `| | ${quarters.join(" | ")} |`,
    `|---|${quarters.map(() => "---").join("|")}|`,
    `| Features shipped | ${trends.map((t) => String(t.features)).join(" | ")} |`,
    `| Median review rounds | ${trends.map((t) => formatNumber(t.reviewRounds)).join(" | ")} |`,
  ].join("\n");
  return [
    chart(
      "Features shipped per quarter",
      "features",
      quarters,
      trends.map((t) => t.features),
      "bar",
    ),
    "",
    chart(
      "Median review rounds per quarter (0: no reviewed pull requests)",
      "rounds",
      quarters,
      trends.map((t) => t.reviewRounds ?? 0),
      "line",
    ),
    "",
    table,
  ].join("\n");
};

const ASSESSED = ["You are here if", "What you do", "Success looks like"];

/** The target level's human part (its ladder file) as a checklist for the manager's assessment. */
export const expectationsChecklist = (level: Level): string => {
  const out: string[] = [];
  let heading: string | undefined;
  for (const raw of level.body.split("\n")) {
    const h = /^##\s+(.+?)\s*$/.exec(raw);
    if (h) {
      heading = ASSESSED.find((a) => a.toLowerCase() === (h[1] ?? "").toLowerCase());
      if (heading) out.push("", `**${heading}**`, "");
      continue;
    }
    if (!heading) continue;
    const text = raw.replace(/^\s*(?:[-*]|\d+\.)\s+/, "").trim();
    if (text) out.push(`- [ ] ${escapeBlock(text, 400)}`);
  }
  const criteria = level.criteria.map(
    (c) =>
      `- [ ] \`${c.id}\` ${escapeInline(c.title, 120)} (measured at ${level.id}, on the way to ${level.next ?? "the top"})`,
  );
  const body = out.join("\n").trim();
  return [
    body || "_The ladder says nothing for this level._",
    ...(criteria.length ? ["", "**Measured at this level**", "", ...criteria] : []),
  ].join("\n");
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => values[k] ?? m);

/** Keep well under GitHub's 1 MB contents limit and readable in a pull request. */
const BUDGET = 200_000;

export const packetTitle = (login: string, from: string, to: string, kind: PromotionKind): string =>
  `${kind === "promotion" ? "Promotion packet" : "Role change"}: ${login} ${from} → ${to}`;

/** The packet file: a view regenerated from ledgers, ladder and GitHub, keeping the sections people write. */
export const renderPacket = (p: PacketInput): string => {
  const notices = [
    ...(p.kind === "role-change"
      ? [
          `> [!NOTE]\n> ${p.from.id} → ${p.to.id} changes track: a **role change**, not a promotion. It does not count as a level-up for mentors or managers (only where a ladder rule counts track changes).`,
        ]
      : []),
    ...(p.manager
      ? []
      : [
          `> [!IMPORTANT]\n> ${plainLogin(p.login)} has no manager in their profile: ${
            p.admins.length
              ? `an admin (${p.admins.map(mention).join(", ")}) is asked to review this packet and assign reviewers.`
              : "an admin is asked to review this packet; name admins under `admins:` in `.github/rungs.yml`."
          }`,
        ]),
  ].join("\n\n");
  const render = (limit: number) =>
    fill(p.template, {
      marker: packetMarker(p.login, p.to.id),
      heading: `${escapeInline(packetTitle(p.login, p.from.id, p.to.id, p.kind), 160)}`,
      verdict: escapeInline(p.verdict.line, 400),
      notices,
      name: escapeInline(p.name, 80),
      login: plainLogin(p.login),
      login_path: escapeInline(p.login, 60),
      from: `${p.from.id} ${escapeInline(p.from.title, 60)}`,
      to: `${p.to.id} ${escapeInline(p.to.title, 60)}`,
      to_id: p.to.id,
      kind: p.kind === "promotion" ? "promotion" : "role change",
      manager: p.manager ? plainLogin(p.manager) : "none",
      skip_level: p.skipLevel ? plainLogin(p.skipLevel) : "none",
      window: `${p.report.readiness.rule.quarters} of the last ${p.report.readiness.rule.of} quarters, ending ${p.report.quarter}`,
      readiness_table: readinessTable(p.report),
      missing: missingText(p.verdict),
      evidence: `${evidenceText(p.report, limit)}${notCountedText(p.notCounted, limit)}`,
      verification: verificationText(p.verification),
      trends: trendsText(p.trends),
      expectations: expectationsChecklist(p.to),
      self_review: section(
        SECTIONS.selfReview,
        p.kept.selfReview,
        "_The engineer's own words: edit this file in this pull request. Rungs keeps this section when it refreshes the packet._",
      ),
      manager_notes: section(
        SECTIONS.managerNotes,
        p.kept.managerNotes,
        "_The manager's assessment against the checklist above: edit this file in this pull request. Rungs keeps this section when it refreshes the packet._",
      ),
    }).replace(/\n{3,}/g, "\n\n");
  let text = "";
  for (const limit of [100, 30, 10, 3]) {
    text = render(limit);
    if (text.length <= BUDGET) break;
  }
  return text;
};

/** The pull request's own body: short; the packet is the file. */
export const renderPacketPullBody = (p: {
  login: string;
  to: string;
  kind: PromotionKind;
  path: string;
  verdict: PacketVerdict;
  manager: string | null;
  admins: readonly string[];
  requestedBy?: string | undefined;
}): string =>
  [
    packetMarker(p.login, p.to),
    `**${p.kind === "promotion" ? "Promotion packet" : "Role change"} for ${plainLogin(p.login)} → ${p.to}.** ${escapeInline(p.verdict.line, 400)}`,
    "",
    `The packet is \`${escapeInline(p.path, 200)}\` in this pull request: readiness per quarter, the evidence behind it (verified against GitHub), trends, and the checklist for the manager's assessment. The engineer writes the self-review and the manager the notes in that file.`,
    "",
    `Merging promotes ${plainLogin(p.login)}: the profile's level and \`since\` change right after the merge, the goal issue moves to the new level, and the people who made it happen are credited. Closing without merging changes nothing.`,
    ...(p.requestedBy ? ["", `Asked for by ${plainLogin(p.requestedBy)}.`] : []),
    ...(p.manager
      ? []
      : [
          "",
          `**No manager in the profile:** ${p.admins.length ? `${p.admins.map(mention).join(", ")}, please review this packet and assign reviewers.` : "an admin is asked to review this packet (name admins under `admins:` in `.github/rungs.yml`)."}`,
        ]),
  ].join("\n");
