import { isDocument, isMap, isSeq, parseDocument, YAMLSeq } from "yaml";
import type { CriterionResult } from "./criteria.js";
import type { EvidenceItem } from "./evidence.js";
import type { Ladder } from "./ladder/schema.js";
import { isLevelUp, managerAt, mentorAt } from "./org-chart.js";
import type { Profile } from "./profile.js";
import { localTime } from "./quarter.js";
import type { Report } from "./report.js";

/**
 * The promotion packet, decided here and nowhere else: which target a level may be promoted to, the
 * packet's verdict (readiness as report.ts decides it, never re-computed), the profile edit a merged
 * packet makes, and who is credited for the promotion. Pure: time and text are passed in.
 */

/** A change of level on the same track is a promotion; onto another track (IC4 → M1) a role change. */
export type PromotionKind = "promotion" | "role-change";

export const PROMOTION_LABEL = "rungs: promotion";
export const ROLE_CHANGE_LABEL = "rungs: role change";

export const labelOf = (kind: PromotionKind): string =>
  kind === "promotion" ? PROMOTION_LABEL : ROLE_CHANGE_LABEL;

/** One packet per engineer and target level, on this branch of the career repo. */
export const packetBranch = (login: string, target: string): string =>
  `rungs/promotion/${login.toLowerCase()}/${target}`;

const BRANCH = /^rungs\/promotion\/([A-Za-z0-9-]+)\/([A-Za-z]+[0-9]+)$/;

/** The engineer and target level a packet branch names, or undefined for any other branch. */
export const parsePacketBranch = (ref: string): { login: string; target: string } | undefined => {
  const m = BRANCH.exec(ref);
  return m?.[1] && m[2] ? { login: m[1], target: m[2] } : undefined;
};

export interface Target {
  to: string;
  kind: PromotionKind;
}

/** The levels one may move to from `from`: the next level (a promotion), then any track change. */
export const validTargets = (ladder: Ladder, from: string): Target[] => {
  const level = ladder.levels.get(from);
  if (!level) return [];
  const next =
    level.next && ladder.levels.has(level.next) ? [{ to: level.next, kind: "promotion" as const }] : [];
  const changes = level.track_changes
    .filter((id) => ladder.levels.has(id) && id !== level.next)
    .map((to) => ({ to, kind: "role-change" as const }));
  return [...next, ...changes];
};

export type TargetDecision =
  | ({ ok: true; from: string } & Target)
  | { ok: false; message: string; valid: string[] };

/**
 * The packet's target: the one asked for if it is valid, else the next level. A target that is not
 * next is refused with the valid ones; at the top of a track only a named role change is possible.
 */
export const decideTarget = (ladder: Ladder, from: string, requested?: string): TargetDecision => {
  const targets = validTargets(ladder, from);
  const valid = targets.map((t) => t.to);
  const wanted = requested?.trim().toUpperCase();
  const found = wanted ? targets.find((t) => t.to.toUpperCase() === wanted) : targets[0];
  if (found && (wanted || found.kind === "promotion")) return { ok: true, from, ...found };
  if (!ladder.levels.has(from)) return { ok: false, message: `level "${from}" is not in the ladder`, valid };
  if (valid.length === 0)
    return { ok: false, message: `${from} is the top of its track: no promotion`, valid };
  const next = targets.find((t) => t.kind === "promotion")?.to;
  const roleChanges = targets.filter((t) => t.kind === "role-change").map((t) => t.to);
  const options = [
    ...(next ? [`the next level is ${next}`] : [`${from} is the top of its track`]),
    ...(roleChanges.length ? [`a role change may go to ${roleChanges.join(" or ")}`] : []),
  ].join("; ");
  return {
    ok: false,
    message: wanted
      ? `${wanted} is not a valid target from ${from}: ${options}`
      : `${options}: name the target`,
    valid,
  };
};

/** A criterion that keeps readiness from holding, with what each quarter of the window showed. */
export interface MissingCriterion {
  id: string;
  title: string;
  /** Quarters of the window in which it was met, and how many readiness needs. */
  met: number;
  needed: number;
  /** The window's quarters with data in which it was not met: the value seen and the target. */
  short: { quarter: string; value: number | null; target: string }[];
}

export interface PacketVerdict {
  ready: boolean;
  /** The verdict in one line. */
  line: string;
  /** Every criterion not met in a quarter of the window that has data (empty when ready). */
  missing: MissingCriterion[];
}

const targetText = (c: Pick<CriterionResult, "comparator" | "target">): string =>
  `${c.comparator === "<=" ? "≤" : "≥"} ${c.target}`;

/**
 * The packet's verdict, from the report's readiness (report.ts) and nothing else. When it does not
 * hold, it names each criterion that fell short in a quarter of the window, and in which.
 */
export const packetVerdict = (report: Report, target: Target): PacketVerdict => {
  const r = report.readiness;
  const results = r.results ?? [];
  const needed = r.rule.quarters;
  if (target.kind === "role-change") {
    return {
      ready: false,
      line: `Role change ${report.level} → ${target.to}: not a promotion, so no readiness rule applies; the reviewers' assessment decides.`,
      missing: [],
    };
  }
  const missing: MissingCriterion[] = report.criteria.flatMap((c) => {
    const perQuarter = r.quarters.flatMap((q, k) => {
      const result = results[k]?.find((x) => x.id === c.id);
      return result ? [{ quarter: q.quarter, result }] : [];
    });
    const short = perQuarter
      .filter((p) => !p.result.met)
      .map((p) => ({ quarter: p.quarter, value: p.result.value, target: targetText(p.result) }));
    const met = perQuarter.filter((p) => p.result.met).length;
    return r.ready || short.length === 0 ? [] : [{ id: c.id, title: c.title, met, needed, short }];
  });
  const said = {
    met: "met",
    "not-met": "not met",
    "no-data": "no data",
    "before-level": `before ${report.level}`,
  };
  const trail = r.quarters.map((q) => `${q.quarter} ${said[q.status]}`).join(", ");
  const line = r.ready
    ? `Ready for ${target.to}: every criterion met in ${r.quartersMet} of the last ${r.rule.of} quarters (${needed} needed).`
    : `Not ready for ${target.to} yet: every criterion met in ${r.quartersMet} of the last ${r.rule.of} quarters (${needed} needed; ${trail}).`;
  return { ready: r.ready, line, missing };
};

/**
 * Whether to suggest `/promote` in the goal issue: readiness holds now and no packet was suggested or
 * opened for this target before (the caller keeps that record, so the suggestion is made once).
 */
export const packetSuggestion = (
  report: Pick<Report, "next" | "readiness">,
  seen: { suggested: readonly string[]; packets: readonly string[] },
): { suggest: true; target: string; command: string } | { suggest: false } => {
  const target = report.next;
  if (!target || !report.readiness.ready) return { suggest: false };
  const known = [...seen.suggested, ...seen.packets].map((t) => t.toUpperCase());
  if (known.includes(target.toUpperCase())) return { suggest: false };
  return { suggest: true, target, command: "/promote" };
};

/** Features shipped and median review rounds per quarter, oldest first, for the packet's charts. */
export interface QuarterTrend {
  quarter: string;
  features: number;
  /** Median review rounds of reviewed pull requests; null with none. */
  reviewRounds: number | null;
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export const trendsOf = (
  quarters: readonly { quarter: string; items: readonly EvidenceItem[] }[],
): QuarterTrend[] =>
  quarters.map(({ quarter, items }) => {
    const prs = items.flatMap((i) => (i.kind === "pull_request" ? [i] : []));
    return {
      quarter,
      features: prs.filter((p) => p.class === "feature").length,
      reviewRounds: median(prs.filter((p) => p.reviewed).map((p) => p.review_rounds)),
    };
  });

/** A day (YYYY-MM-DD) of an instant in the organisation's time zone. */
export const localDate = (instant: number, timeZone: string): string => {
  const t = localTime(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
};

export type ProfileEdit =
  | { status: "promoted"; text: string }
  | { status: "already"; text: string }
  | { status: "refused"; reason: string };

const FRONTMATTER = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(\r?\n|$)/;

/**
 * The profile edit a merged packet makes: `level` becomes the target, `since` the merge date, and the
 * history gains the old level (dated by the old `since`, or the merge date when it had none), in date
 * order. Every other field, comment and the notes below stay exactly as they are. A profile already
 * at the target is left alone (the merge carried the edit, or someone made it); one whose level was
 * changed by hand to something else is refused, never reverted.
 */
export const promoteProfile = (
  text: string,
  change: { from: string; to: string; since: string },
): ProfileEdit => {
  const m = FRONTMATTER.exec(text);
  if (!m) return { status: "refused", reason: "the profile has no YAML frontmatter" };
  const doc = parseDocument(m[1] ?? "");
  if (!isDocument(doc) || doc.errors.length || !isMap(doc.contents))
    return { status: "refused", reason: "the profile's frontmatter does not parse" };
  const level = String(doc.get("level") ?? "");
  if (level === change.to) return { status: "already", text };
  if (level !== change.from)
    return {
      status: "refused",
      reason: `the profile's level is ${level || "missing"}, not ${change.from}: it was changed by hand, and is left as it is`,
    };
  const oldSince = doc.get("since");
  const entrySince = typeof oldSince === "string" && oldSince ? oldSince : change.since;
  let history = doc.get("history", true);
  if (!isSeq(history)) {
    history = new YAMLSeq();
    doc.set("history", history);
  }
  const seq = history as YAMLSeq;
  const entry = doc.createNode({ level: change.from, since: entrySince }, { flow: true });
  // Oldest first: after every entry dated on or before the old level's date.
  const dates = seq.items.map((n) => (isMap(n) ? String(n.get("since") ?? "") : ""));
  let at = dates.length;
  while (at > 0 && (dates[at - 1] ?? "") > entrySince) at--;
  seq.items.splice(at, 0, entry);
  doc.set("level", change.to);
  doc.set("since", change.since);
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  return { status: "promoted", text: `---\n${yaml}---\n${text.slice(m[0].length)}` };
};

/** Who made a promotion happen, as of its date: the credit each of them gets, as evidence items. */
export interface PromotionCredit {
  login: string;
  item: EvidenceItem;
}

/**
 * Credits for the people behind a promotion: each criterion of the ladder counting promoted mentees or
 * reports (engineers-leveled-up, reports-leveled-up, managers-developed in the bundled ladder) credits
 * the mentor or manager the engineer had on the day, when that rule counts this change as a level-up.
 * The people rules count promotions from the profiles' history; these items are the record behind
 * them, keyed by person, change and date so a redelivered merge credits once.
 */
export const promotionCredits = (
  ladder: Ladder,
  profile: Profile,
  change: { from: string; to: string; since: string; at: string; timeZone: string },
  packet: { url: string; mergedBy: string; recordedAt: string },
): PromotionCredit[] => {
  const instant = Date.parse(change.at);
  const by = {
    mentor: mentorAt(profile, instant, change.timeZone),
    manager: managerAt(profile, instant, change.timeZone),
  };
  const out = new Map<string, PromotionCredit>();
  for (const level of [...ladder.levels.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const c of level.criteria) {
      const rule = c.rule;
      if (rule.kind !== "people" || rule.who === "reports") continue;
      const whom = rule.who === "promoted-mentees" ? by.mentor : by.manager;
      if (!whom || whom.toLowerCase() === profile.login.toLowerCase()) continue;
      if (
        !isLevelUp(ladder, change.from, change.to, {
          track: rule.track,
          includeTrackChanges: rule.include_track_changes,
        })
      )
        continue;
      const key = `promotion:${profile.login.toLowerCase()}:${change.from}-${change.to}:${change.since}:${c.id}`;
      if (out.has(`${whom.toLowerCase()}/${key}`)) continue;
      const role = rule.who === "promoted-mentees" ? "mentee" : "report";
      out.set(`${whom.toLowerCase()}/${key}`, {
        login: whom,
        item: {
          kind: "manual",
          key,
          at: change.at,
          title: `${profile.login} (${role}) promoted ${change.from} → ${change.to}`,
          url: packet.url,
          provenance: { source: "observed", by: "rungs", recorded_at: packet.recordedAt },
          criterion: c.id,
          confirmed: { by: packet.mergedBy, at: change.at, url: packet.url },
        },
      });
    }
  }
  return [...out.values()];
};
