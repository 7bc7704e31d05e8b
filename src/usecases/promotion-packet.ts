import { z } from "zod";
import { judges, rolesOf } from "../domain/authorization.js";
import { parseProfile } from "../domain/career-repo.js";
import type { EvidenceItem } from "../domain/evidence.js";
import { goalIssueMarker } from "../domain/goal-issue.js";
import { type Ledger, parseLedger, withPacket } from "../domain/ledger.js";
import { levelChanges } from "../domain/org-chart.js";
import { ledgerPath, profilePath, promotionPath } from "../domain/paths.js";
import type { Profile } from "../domain/profile.js";
import { canonicalLogin } from "../domain/profile.js";
import {
  decideTarget,
  labelOf,
  localDate,
  type PacketVerdict,
  packetBranch,
  packetVerdict,
  parsePacketBranch,
  promoteProfile,
  promotionCredits,
  type Target,
  trendsOf,
} from "../domain/promotion.js";
import { type Quarter, quarterLabel, quarterOf } from "../domain/quarter.js";
import { buildReport, calendarOf, type Report, type ReportInput } from "../domain/report.js";
import { isStatus, readCareerFile } from "../github/career-files.js";
import { teamsOf } from "../github/comments.js";
import { comment } from "../github/goal-issues.js";
import { closeIssue, readIssue } from "../github/issue-thread.js";
import { textFormat, updateCareerFile } from "../github/ledger-store.js";
import { type VerificationResult, verifyItems } from "../github/packet-verification.js";
import {
  branchHead,
  createPacketPull,
  ensureBranch,
  findPacketPull,
  labelPacket,
  readBranchFile,
  readinessCheck,
  requestReviewers,
  updatePacketPull,
  writeBranchFile,
} from "../github/packets.js";
import { loadPacketTemplate } from "../packet-template.js";
import { escapeInline, plainLogin } from "../render/escape.js";
import {
  type NotCounted,
  packetTitle,
  parseKeptSections,
  renderPacket,
  renderPacketPullBody,
} from "../render/promotion-packet.js";
import type { UseCaseContext } from "./context.js";
import { type PersonState, personState, quarterLedger } from "./person.js";
import { creditPerson, creditsOf, eachPerson, readFor } from "./pipeline.js";
import { writeDeps } from "./record-evidence.js";
import { headFormat, syncGoalIssue } from "./sync-goal-issue.js";

/**
 * The promotion packet (docs: issue 10): a pull request in the career repo that holds the readiness
 * review of one engineer for one target level, and whose merge promotes. Numbered steps over github/
 * and domain/; every step can run again (a redelivery, a second `/promote`) and lands in the same state.
 */

export interface PacketOptions {
  /** Who asked (`/promote` commenter, CLI user), shown in the pull request. */
  requestedBy?: string | undefined;
  /** A level other than the next one: only a track change (a role change) is accepted. */
  target?: string | undefined;
  /** Render only: nothing is written (rungs packet --dry-run). */
  dryRun?: boolean | undefined;
  template?: string | undefined;
}

export type PacketOutcome =
  | { status: "refused"; message: string; valid: string[] }
  | { status: "dry-run"; path: string; text: string; ready: boolean; verdict: PacketVerdict; target: Target }
  | {
      status: "opened" | "reopened" | "updated" | "unchanged";
      number: number;
      url: string;
      path: string;
      ready: boolean;
      verdict: PacketVerdict;
      target: Target;
      headSha: string;
    };

/** Everything a packet is rendered from, gathered and verified. */
interface PacketFacts {
  login: string;
  profile: Profile;
  target: Target & { from: string };
  report: Report;
  verdict: PacketVerdict;
  verification: VerificationResult;
  notCounted: NotCounted[];
  trends: ReturnType<typeof trendsOf>;
  manager: string | null;
  skipLevel: string | null;
}

const refusal = (message: string, valid: string[] = []): PacketOutcome => ({
  status: "refused",
  message,
  valid,
});

const reportInput = (
  ctx: UseCaseContext,
  state: Extract<PersonState, { status: "ok" }>,
  login: string,
  failed: ReadonlySet<string>,
): ReportInput => ({
  settings: ctx.config.settings,
  ladder: ctx.config.ladder,
  profiles: new Map(ctx.config.profiles).set(login, state.profile),
  // Items that failed verification against GitHub do not count in the packet.
  items: (l, q) =>
    l === login ? state.files.ledgers.get(q)?.items.filter((i) => !failed.has(`${q}/${i.key}`)) : undefined,
  uncounted: (l, q) => {
    const ledger = l === login ? state.files.ledgers.get(q) : undefined;
    return {
      claimed: ledger?.claimed ?? [],
      unverified: ledger?.unverified ?? [],
      rejected: ledger?.rejected ?? [],
      excluded: ledger?.excluded ?? [],
    };
  },
  goals: (l, q) => (l === login ? state.files.goals.get(q) : undefined),
});

const decisionText = (verb: string, d: { by: string; reason?: string | undefined } | undefined): string =>
  d ? `${verb} by ${d.by}${d.reason ? `: ${d.reason}` : ""}` : verb;

/** Items of the window that do not count, each with why. */
const notCountedOf = (
  state: Extract<PersonState, { status: "ok" }>,
  quarters: readonly string[],
): NotCounted[] =>
  quarters.flatMap((quarter) => {
    const l = state.files.ledgers.get(quarter);
    if (!l) return [];
    const rows = (items: readonly EvidenceItem[], why: (i: EvidenceItem) => string) =>
      items.map((item) => ({ quarter, item, why: why(item) }));
    return [
      ...rows(l.excluded, (i) => decisionText("excluded", i.excluded)),
      ...rows(l.rejected, (i) => decisionText("rejected", i.kind === "manual" ? i.rejected : undefined)),
      ...rows(l.claimed, () => "claimed: awaiting confirmation by a manager or an admin"),
      ...rows(l.unverified, () => "unverified: not as Rungs wrote it (typed, copied or edited by hand)"),
    ];
  });

/** 1. Gather: the person, the target, the report, every counted item verified, the report again without failures. */
const gather = async (
  ctx: UseCaseContext,
  wanted: string,
  requested: string | undefined,
): Promise<PacketFacts | { refused: PacketOutcome }> => {
  const login = canonicalLogin(ctx.config.profiles, wanted);
  const calendar = calendarOf(ctx.config.settings);
  const quarter = quarterOf(ctx.now(), calendar);
  const read = await readFor(ctx, [{ login, quarter }], "RungsPacket");
  const state = personState(ctx.config, login, read, ctx);
  if (state.status === "no-profile")
    return { refused: refusal(`no profile for ${login} (${profilePath(login)})`) };
  if (state.status === "broken-profile")
    return {
      refused: refusal(`${profilePath(login)} has problems: ${state.problems[0]?.message ?? "fix it first"}`),
    };
  const target = decideTarget(ctx.config.ladder, state.profile.level, requested);
  if (!target.ok) return { refused: refusal(target.message, target.valid) };

  const first = buildReport(reportInput(ctx, state, login, new Set()), login, quarter);
  if ("error" in first) return { refused: refusal(first.error) };
  const window = first.readiness.quarters.filter((q) => q.status === "met" || q.status === "not-met");
  const toVerify = window.flatMap((q) =>
    (state.files.ledgers.get(q.quarter)?.items ?? []).map((item) => ({ quarter: q.quarter, item })),
  );
  const verification = await verifyItems(ctx.github, toVerify, {
    career: ctx.config.career,
    login,
    calendar,
    profiles: new Map(ctx.config.profiles).set(login, state.profile),
    admins: ctx.config.settings.admins,
  });
  const failed = new Set(verification.failed.map((f) => `${f.quarter}/${f.item.key}`));
  const report = failed.size ? buildReport(reportInput(ctx, state, login, failed), login, quarter) : first;
  if ("error" in report) return { refused: refusal(report.error) };
  const quarters = report.readiness.quarters.map((q) => q.quarter);
  const trends = trendsOf(
    [...report.readiness.quarters].reverse().map((q) => ({
      quarter: q.quarter,
      items: (state.files.ledgers.get(q.quarter)?.items ?? []).filter(
        (i) => !failed.has(`${q.quarter}/${i.key}`),
      ),
    })),
  );
  const manager = state.profile.manager;
  const skipLevel = manager
    ? (ctx.config.profiles.get(canonicalLogin(ctx.config.profiles, manager))?.manager ?? null)
    : null;
  return {
    login,
    profile: state.profile,
    target,
    report,
    verdict: packetVerdict(report, target),
    verification,
    notCounted: notCountedOf(state, quarters),
    trends,
    manager,
    skipLevel,
  };
};

const renderFile = (ctx: UseCaseContext, f: PacketFacts, template: string) => {
  const from = ctx.config.ladder.levels.get(f.target.from);
  const to = ctx.config.ladder.levels.get(f.target.to);
  if (!from || !to) throw new Error(`level ${f.target.from} or ${f.target.to} is not in the ladder`);
  return (current: string | undefined) =>
    renderPacket({
      template,
      login: f.login,
      name: f.profile.name ?? f.login,
      from,
      to,
      kind: f.target.kind,
      report: f.report,
      verdict: f.verdict,
      notCounted: f.notCounted,
      verification: f.verification,
      trends: f.trends,
      manager: f.manager,
      skipLevel: f.skipLevel,
      admins: ctx.config.settings.admins.users,
      kept: parseKeptSections(current),
    });
};

/** The readiness check's summary: the verdict, each missing criterion, and what failed verification. */
const checkSummary = (f: PacketFacts): string => {
  const v = f.verification;
  const safe = (s: string) => escapeInline(s, 300);
  return [
    safe(f.verdict.line),
    ...(f.verdict.missing.length
      ? [
          "",
          "Missing:",
          ...f.verdict.missing.map(
            (m) =>
              `- \`${m.id}\` ${safe(m.title)}: short in ${m.short.map((s) => `${s.quarter} (${s.value ?? "—"}, needs ${s.target})`).join(", ")}`,
          ),
        ]
      : []),
    "",
    `${v.checked - v.failed.length} of ${v.checked} items verified against GitHub.`,
    ...v.failed.map(
      (x) =>
        `- ${"repo" in x.item ? safe(`${x.item.repo}#${x.item.number}`) : safe(x.item.key)}: ${safe(x.reason)}`,
    ),
  ].join("\n");
};

/** Reviewers: the manager and the skip-level, each only when they have a profile and are not the engineer. */
const reviewersOf = (ctx: UseCaseContext, f: PacketFacts): string[] =>
  [f.manager, f.skipLevel]
    .filter((r): r is string => typeof r === "string")
    .filter((r) => r.toLowerCase() !== f.login.toLowerCase())
    .filter((r) => ctx.config.profiles.has(canonicalLogin(ctx.config.profiles, r)))
    .filter((r, i, all) => all.findIndex((x) => x.toLowerCase() === r.toLowerCase()) === i);

/**
 * Opens the packet for `login` (or refreshes the one already open, or reopens one closed without
 * merging): one branch, one file, one pull request per engineer and target, whatever the number of
 * requests or redeliveries. Reviewers are requested when it opens; the readiness check runs every time.
 */
export const openOrRefreshPacket = async (
  ctx: UseCaseContext,
  login: string,
  opts: PacketOptions = {},
): Promise<PacketOutcome> => {
  // 1. Gather and verify.
  const facts = await gather(ctx, login, opts.target);
  if ("refused" in facts) return facts.refused;
  const { career } = ctx.config;
  const target = facts.target;
  const path = promotionPath(facts.login, target.to);
  const branch = packetBranch(facts.login, target.to);
  const render = renderFile(ctx, facts, opts.template ?? loadPacketTemplate());

  // 2. A dry run renders over what the branch holds now, and writes nothing.
  if (opts.dryRun) {
    const current = (await branchHead(ctx.github, career, branch))
      ? (await readBranchFile(ctx.github, career, path, branch)).text
      : undefined;
    return {
      status: "dry-run",
      path,
      text: render(current),
      ready: facts.verdict.ready,
      verdict: facts.verdict,
      target,
    };
  }

  let pull = await findPacketPull(ctx.github, career, branch);
  if (pull?.merged) return refusal(`the packet for ${target.to} (#${pull.number}) was merged already`);

  // 3. The branch and the file (compare-and-swap on the branch; people's sections kept).
  await ensureBranch(ctx.github, career, branch);
  const written = await writeBranchFile(ctx.github, career, {
    path,
    branch,
    message: `rungs: promotion packet for ${facts.login} → ${target.to}`,
    render,
  });

  // 4. The pull request: opened, reopened or brought up to date.
  const title = packetTitle(facts.login, target.from, target.to, target.kind);
  const body = renderPacketPullBody({
    login: facts.login,
    to: target.to,
    kind: target.kind,
    path,
    verdict: facts.verdict,
    manager: facts.manager,
    admins: ctx.config.settings.admins.users,
    requestedBy: opts.requestedBy,
  });
  let status: "opened" | "reopened" | "updated" | "unchanged";
  if (!pull) {
    try {
      pull = await createPacketPull(ctx.github, career, {
        branch,
        title,
        body,
        labels: [labelOf(target.kind)],
      });
      status = "opened";
    } catch (e) {
      // Another delivery opened it a moment ago: refresh that one.
      if (!isStatus(e, 422)) throw e;
      pull = await findPacketPull(ctx.github, career, branch);
      if (!pull) throw e;
      await updatePacketPull(ctx.github, career, pull.number, { title, body, reopen: false });
      status = "updated";
    }
  } else if (pull.state === "closed") {
    await updatePacketPull(ctx.github, career, pull.number, { title, body, reopen: true });
    await labelPacket(ctx.github, career, pull.number, [labelOf(target.kind)]);
    status = "reopened";
  } else if (pull.title !== title || (pull.body ?? "") !== body || written.status === "written") {
    await updatePacketPull(ctx.github, career, pull.number, { title, body, reopen: false });
    status = "updated";
  } else status = "unchanged";
  if (status === "opened" || status === "reopened")
    await requestReviewers(ctx.github, career, pull.number, reviewersOf(ctx, facts));

  // 5. The readiness check on the head commit.
  const headSha =
    written.status === "written"
      ? written.commit
      : ((await branchHead(ctx.github, career, branch)) ?? pull.headSha);
  // The packet file and the check come from the same facts: an unchanged file keeps its check (a
  // redelivery, a second `/promote`), so GitHub does not list the same verdict twice.
  if (status === "opened" || status === "reopened" || written.status === "written")
    await readinessCheck(ctx.github, career, headSha, {
      conclusion: facts.verdict.ready ? "success" : "neutral",
      title: facts.verdict.ready ? `Ready for ${target.to}` : `Not ready for ${target.to} yet`,
      summary: checkSummary(facts),
    });
  // The open packet is recorded with the person's quarter: new evidence refreshes it, and only a pull
  // request Rungs opened for them (this number) may promote when merged.
  const quarter = quarterLabel(quarterOf(ctx.now(), calendarOf(ctx.config.settings)));
  const headPath = ledgerPath(facts.login, quarter);
  await updateCareerFile<Ledger>(
    writeDeps(ctx),
    headPath,
    headFormat(facts.login, quarter),
    await readCareerFile(ctx.github, career, headPath),
    (head) => withPacket(head, { number: pull.number, target: target.to }),
    `rungs: ${facts.login}'s promotion packet is #${pull.number}`,
  );
  ctx.log.info(
    { login: facts.login, target: target.to, pull: pull.number, status, ready: facts.verdict.ready },
    "promotion packet",
  );
  return {
    status,
    number: pull.number,
    url: pull.url,
    path,
    ready: facts.verdict.ready,
    verdict: facts.verdict,
    target,
    headSha,
  };
};

/** What `pull_request.closed` carries that the packet needs. */
export const ClosedPullRequest = z.object({
  repository: z.object({ name: z.string(), owner: z.object({ login: z.string() }) }),
  sender: z.object({ login: z.string() }).optional(),
  pull_request: z.object({
    number: z.number().int(),
    html_url: z.string(),
    merged_at: z.string().nullable(),
    merged_by: z.object({ login: z.string() }).nullable().optional(),
    user: z.object({ login: z.string(), type: z.string().optional() }).nullable().optional(),
    head: z.object({ ref: z.string() }),
    base: z.object({ ref: z.string() }),
  }),
});
export type ClosedPullRequest = z.infer<typeof ClosedPullRequest>;

export type ClosedOutcome =
  | { status: "ignored"; reason: string }
  | { status: "closed-unmerged" }
  | { status: "refused"; reason: string }
  | {
      status: "promoted";
      login: string;
      from: string;
      to: string;
      since: string;
      profile: "written" | "unchanged";
    };

/** The level a goal issue was opened for, from its title (`2026-Q4 goals: bob (IC1 → IC2)`). */
const goalLevelOf = (title: string): string | undefined => /\((\S+?)(?: → \S+)?\)\s*$/.exec(title)?.[1];

/**
 * Moves the person's goal issue of the quarter to the new level: the one opened for the old level is
 * closed with a summary and its marker retired (so it is never adopted again), the ledger forgets it,
 * and a goal issue for the new level opens. Again after a redelivery: the new one is left alone.
 */
const moveGoalIssue = async (
  ctx: UseCaseContext,
  login: string,
  quarter: Quarter,
  change: { from: string; to: string; since: string; pull: number; url: string },
): Promise<void> => {
  const q = quarterLabel(quarter);
  const read = await readFor(ctx, [{ login, quarter }], "RungsPromotionGoalIssue");
  const state = personState(ctx.config, login, read, ctx);
  if (state.status !== "ok") return;
  const head = quarterLedger(state.files, login, q).head;
  const recorded = head.parsed?.ok ? head.parsed.value.goal_issue : null;
  const old = recorded === null ? undefined : await readIssue(ctx.github, ctx.config.career, recorded);
  let closed: number | undefined;
  if (old && recorded !== null && goalLevelOf(old.title) !== change.to) {
    const marker = goalIssueMarker(login, q);
    const retired = `<!-- rungs:goal-issue-closed login=${login.toLowerCase()} quarter=${q} promoted-to=${change.to} -->`;
    const body = (old.body ?? "").startsWith(marker)
      ? `${retired}${(old.body ?? "").slice(marker.length)}`
      : (old.body ?? "");
    await closeIssue(ctx.github, ctx.config.career, recorded, body);
    await updateCareerFile(
      writeDeps(ctx),
      ledgerPath(login, q),
      headFormat(login, q),
      read.files.get(ledgerPath(login, q)) ?? { path: ledgerPath(login, q) },
      (l) => {
        if (l.goal_issue !== recorded) return l;
        const { goal_issue_claim: _claim, ...rest } = l;
        return { ...rest, goal_issue: null };
      },
      `rungs: ${login}'s goal issue #${recorded} closed: promoted to ${change.to}`,
    );
    closed = recorded;
  }
  // The goal issue for the new level (opened now, or brought up to date on a redelivery).
  const again = await readFor(ctx, [{ login, quarter }], "RungsPromotionGoalIssue");
  const now = personState(ctx.config, login, again, ctx);
  if (now.status !== "ok") return;
  await syncGoalIssue(
    ctx,
    {
      login,
      quarter,
      profile: now.profile,
      person: now.files,
      ledger: quarterLedger(now.files, login, q),
      files: again.files,
      wrote: new Map(),
    },
    { open: true },
  );
  if (closed === undefined) return;
  const opened = await readCareerFile(ctx.github, ctx.config.career, ledgerPath(login, q));
  const parsed = opened.sha ? parseLedger(opened.path, opened.text ?? "", { login, quarter: q }) : undefined;
  const next = parsed?.ok ? parsed.value.goal_issue : null;
  await comment(
    ctx.github,
    ctx.config.career,
    closed,
    `Promoted to ${change.to} on ${change.since} by merging the promotion packet #${change.pull}. These ${change.from} goals end here${next ? `; ${plainLogin(login)}'s ${change.to} goals for ${q} continue in #${next}` : ""}.`,
  );
};

/** Why a merged packet must not promote, or undefined when it may. */
const whyNotPromoting = async (
  ctx: UseCaseContext,
  login: string,
  pr: ClosedPullRequest["pull_request"],
): Promise<string | undefined> => {
  const read = await readFor(
    ctx,
    [{ login, quarter: quarterOf(ctx.now(), calendarOf(ctx.config.settings)) }],
    "RungsPacketMerged",
  );
  const state = personState(ctx.config, login, read, ctx);
  if (state.status !== "ok") return `${profilePath(login)} is missing or has problems`;
  const recorded = [...state.files.ledgers.values()].some(
    (l) => l.head.parsed?.ok && l.head.parsed.value.packet?.number === pr.number,
  );
  if (!recorded) return `#${pr.number} is not the promotion packet Rungs opened for ${login}`;
  const merger = pr.merged_by?.login;
  if (!merger) return "GitHub does not say who merged it";
  const { admins } = ctx.config.settings;
  const profiles = new Map(ctx.config.profiles).set(login, state.profile);
  let roles = rolesOf(merger, login, profiles, admins, []);
  if (!judges(roles) && !roles.includes("engineer") && admins.teams.length)
    roles = rolesOf(
      merger,
      login,
      profiles,
      admins,
      await teamsOf(ctx.github, ctx.config.owner, merger, admins.teams),
    );
  if (!judges(roles))
    return `it was merged by ${merger}; only ${login}'s manager, their manager's manager or an admin may promote`;
  return undefined;
};

/**
 * A packet pull request was closed. Merged into the default branch: the profile is promoted in one
 * compare-and-swap commit (never over a hand edit), the people who made it happen are credited, and
 * the goal issue moves to the new level. Closed without merging: nothing changes.
 */
export const onPacketClosed = async (
  ctx: UseCaseContext,
  payload: ClosedPullRequest,
): Promise<ClosedOutcome> => {
  const { career, ladder, settings } = ctx.config;
  const pr = payload.pull_request;
  if (
    payload.repository.owner.login.toLowerCase() !== career.owner.toLowerCase() ||
    payload.repository.name.toLowerCase() !== career.repo.toLowerCase()
  )
    return { status: "ignored", reason: "not the career repo" };
  const packet = parsePacketBranch(pr.head.ref);
  if (!packet) return { status: "ignored", reason: "not a promotion packet branch" };
  if (pr.merged_at === null) return { status: "closed-unmerged" };
  if (pr.base.ref !== career.defaultBranch)
    return { status: "ignored", reason: `merged into ${pr.base.ref}, not ${career.defaultBranch}` };

  // 1. Only a packet Rungs opened for this person, merged by someone who judges their evidence, promotes:
  // a branch anyone could push with the packet's name, or a merge by the engineer, changes nothing.
  const login = canonicalLogin(ctx.config.profiles, packet.login);
  const refusedMerge = await whyNotPromoting(ctx, login, pr);
  if (refusedMerge) {
    await comment(
      ctx.github,
      career,
      pr.number,
      `This merge does not promote ${plainLogin(login)}: ${escapeInline(refusedMerge, 300)}. The profile is unchanged; an admin can change the level in \`${profilePath(login)}\` by hand.`,
    );
    return { status: "refused", reason: refusedMerge };
  }

  const path = profilePath(login);
  const file = await readCareerFile(ctx.github, career, path);
  const parsed = file.sha ? parseProfile(path, login, file.text ?? "") : undefined;
  if (!parsed?.ok) return { status: "refused", reason: `${path} is missing or does not parse` };
  const timeZone = settings.time_zone;
  const since = localDate(Date.parse(pr.merged_at), timeZone);
  const done = parsed.value.level === packet.target;
  const from = done
    ? levelChanges(parsed.value).findLast((c) => c.to === packet.target)?.from
    : parsed.value.level;
  if (!from)
    return { status: "refused", reason: `${login} is at ${packet.target} with no earlier level in history` };
  const target = decideTarget(ladder, from, packet.target);
  if (!target.ok) return { status: "refused", reason: target.message };

  // 2. Promote: one compare-and-swap commit; a profile already at the target is left as it is.
  const change = { from, to: packet.target, since };
  const written = await updateCareerFile(
    writeDeps(ctx),
    path,
    textFormat,
    file,
    (text) => {
      const edit = promoteProfile(text, change);
      return edit.status === "promoted" ? edit.text : text;
    },
    `rungs: ${login} promoted ${from} → ${packet.target} (promotion packet #${pr.number})`,
  );
  if (written.status === "broken") return { status: "refused", reason: `${path} could not be read` };
  const after = parseProfile(path, login, written.value);
  if (!after.ok || after.value.level !== packet.target)
    return {
      status: "refused",
      reason: `${path}: level is ${after.ok ? after.value.level : "unreadable"}; changed by hand, left as it is`,
    };
  const since_ = done ? (after.value.since ?? since) : since;

  // 3. Credit the people who made it happen (as of the day), through the ledger like any evidence.
  const credits = promotionCredits(
    ladder,
    after.value,
    { from, to: packet.target, since: since_, at: pr.merged_at, timeZone },
    {
      url: pr.html_url,
      mergedBy: pr.merged_by?.login ?? payload.sender?.login ?? "unknown",
      recordedAt: new Date(ctx.now()).toISOString(),
    },
  );
  if (credits.length) {
    const byPerson = creditsOf(ctx, credits);
    const read = await readFor(ctx, byPerson, "RungsPromotionCredits");
    await eachPerson(ctx, byPerson, async (credit) => {
      await creditPerson(ctx, credit, read);
    });
  }

  // 4. The goal issue moves to the new level.
  await moveGoalIssue(ctx, login, quarterOf(ctx.now(), calendarOf(settings)), {
    from,
    to: packet.target,
    since: since_,
    pull: pr.number,
    url: pr.html_url,
  });
  ctx.log.info(
    { login, from, to: packet.target, pull: pr.number, profile: written.status },
    "promotion packet merged",
  );
  return {
    status: "promoted",
    login,
    from,
    to: packet.target,
    since: since_,
    profile: written.status === "written" ? "written" : "unchanged",
  };
};

/**
 * Re-runs an open packet when the engineer's evidence changed (or on `/refresh`): the same as asking
 * again, but only when a packet for their next level (or `target`) is open; opens nothing.
 */
export const refreshOpenPacket = async (
  ctx: UseCaseContext,
  wanted: string,
  opts: Pick<PacketOptions, "target" | "template"> = {},
): Promise<PacketOutcome | { status: "no-packet" }> => {
  const login = canonicalLogin(ctx.config.profiles, wanted);
  const level = ctx.config.profiles.get(login)?.level;
  const target = level ? decideTarget(ctx.config.ladder, level, opts.target) : undefined;
  if (!target?.ok) return { status: "no-packet" };
  const pull = await findPacketPull(ctx.github, ctx.config.career, packetBranch(login, target.to));
  if (pull?.state !== "open") return { status: "no-packet" };
  return openOrRefreshPacket(ctx, login, { target: opts.target, template: opts.template });
};
