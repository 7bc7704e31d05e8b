import { loadPerson, type PersonFiles } from "../domain/career-repo.js";
import { adoptable, type IssueSeen, nextGoalIssueStep, whyNotGoalIssue } from "../domain/goal-issue.js";
import {
  claimGoalIssue,
  emptyLedger,
  type Ledger,
  parseLedger,
  type QuarterLedger,
  recordGoalIssue,
  serializeLedger,
  withSuggested,
} from "../domain/ledger.js";
import { ledgerPath, pendingPath, shardFolder } from "../domain/paths.js";
import type { Profile } from "../domain/profile.js";
import { packetSuggestion } from "../domain/promotion.js";
import { type Quarter, quarterLabel } from "../domain/quarter.js";
import { buildReport, calendarOf, type Report } from "../domain/report.js";
import { type CareerFiles, readCareerFile, readCareerFiles } from "../github/career-files.js";
import {
  comment,
  createGoalIssue,
  getIssue,
  listGoalIssues,
  updateGoalIssue,
} from "../github/goal-issues.js";
import { type FileFormat, updateCareerFile } from "../github/ledger-store.js";
import { escapeInline, plainLogin } from "../render/escape.js";
import { type GoalIssueView, renderGoalIssue } from "../render/goal-issue.js";
import type { UseCaseContext } from "./context.js";
import { writeDeps } from "./record-evidence.js";

/** Everything the goal issue of one person's quarter is rendered from. */
export interface GoalIssueSubject {
  login: string;
  quarter: Quarter;
  profile: Profile;
  /** The person's goals and ledgers as read with the event (this quarter's possibly just written). */
  person: PersonFiles;
  /** This quarter's ledger, with what the event recorded. */
  ledger: QuarterLedger;
  /** The files read with the event, for compare-and-swap on the ledger head. */
  files: CareerFiles;
  /** Blob shas of ledger files the event wrote. */
  wrote: ReadonlyMap<string, string>;
}

/** Rounds of "re-read the ledger and re-render" when another instance wrote meanwhile. */
const VERIFY_ROUNDS = 3;

export const headFormat = (login: string, quarter: string): FileFormat<Ledger> => ({
  parse: (path, text) => parseLedger(path, text, { login, quarter }),
  empty: () => emptyLedger(login, quarter),
  serialize: serializeLedger,
});

/** Reports made for a subject's ledger: the render and the readiness suggestion share one. */
const reports = new WeakMap<GoalIssueSubject, WeakMap<QuarterLedger, Report | undefined>>();

const reportOf = (ctx: UseCaseContext, s: GoalIssueSubject, ledger: QuarterLedger): Report | undefined => {
  const made = reports.get(s) ?? new WeakMap<QuarterLedger, Report | undefined>();
  reports.set(s, made);
  if (made.has(ledger)) return made.get(ledger);
  const report = buildReportOf(ctx, s, ledger);
  made.set(ledger, report);
  return report;
};

const buildReportOf = (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  ledger: QuarterLedger,
): Report | undefined => {
  const q = quarterLabel(s.quarter);
  const report = buildReport(
    {
      settings: ctx.config.settings,
      ladder: ctx.config.ladder,
      profiles: new Map(ctx.config.profiles).set(s.login, s.profile),
      items: (l, label) =>
        l !== s.login ? undefined : label === q ? ledger.items : s.person.ledgers.get(label)?.items,
      uncounted: (l, label) => {
        const of = l !== s.login ? undefined : label === q ? ledger : s.person.ledgers.get(label);
        return {
          claimed: of?.claimed ?? [],
          unverified: of?.unverified ?? [],
          rejected: of?.rejected ?? [],
          excluded: of?.excluded ?? [],
        };
      },
      goals: (l, label) => (l === s.login ? s.person.goals.get(label) : undefined),
    },
    s.login,
    s.quarter,
  );
  return "error" in report ? undefined : report;
};

const viewOf = (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  ledger: QuarterLedger,
): GoalIssueView | undefined => {
  const q = quarterLabel(s.quarter);
  const level = ctx.config.ladder.levels.get(s.profile.level);
  const report = reportOf(ctx, s, ledger);
  if (!level || !report) return undefined;
  const { career } = ctx.config;
  const path = ledgerPath(s.login, q);
  return renderGoalIssue(report, {
    template: ctx.templates.goalIssue,
    profile: s.profile,
    level,
    calendar: calendarOf(ctx.config.settings),
    ledgerPath: path,
    ledgerUrl: `https://github.com/${career.owner}/${career.repo}/blob/${career.defaultBranch}/${path}`,
  });
};

/**
 * When readiness first holds, the goal issue says so once, with how to open the packet (no packet is
 * opened uninvited). The head records the suggestion with compare-and-swap, so one instance says it.
 */
const suggestPacket = async (ctx: UseCaseContext, s: GoalIssueSubject, head: Ledger, issue: number) => {
  const report = reportOf(ctx, s, s.ledger);
  if (!report) return;
  // Any quarter's head may hold an earlier suggestion or packet for the same target.
  const heads = [
    head,
    ...[...s.person.ledgers.values()].flatMap((l) => (l.head.parsed?.ok ? [l.head.parsed.value] : [])),
  ];
  const seen = {
    suggested: heads.flatMap((h) => h.suggested ?? []),
    packets: heads.flatMap((h) => (h.packet ? [h.packet.target] : [])),
  };
  const suggestion = packetSuggestion(report, seen);
  if (!suggestion.suggest) return;
  const q = quarterLabel(s.quarter);
  const path = ledgerPath(s.login, q);
  const written = await updateCareerFile(
    writeDeps(ctx),
    path,
    headFormat(s.login, q),
    await readCareerFile(ctx.github, ctx.config.career, path),
    (l) => withSuggested(l, suggestion.target),
    `rungs: ${s.login} is ready for ${suggestion.target}`,
  );
  if (written.status !== "written") return;
  await comment(
    ctx.github,
    ctx.config.career,
    issue,
    `${plainLogin(s.login)} meets every criterion for ${escapeInline(suggestion.target, 20)} under the readiness rule. ${plainLogin(s.login)}, their manager or an admin can comment \`${suggestion.command}\` to open the promotion packet: a pull request with the evidence, for the manager's review.`,
  );
};

/** Which version of the quarter's ledger files a view was made from: path → blob sha. */
const versionOf = (files: CareerFiles, login: string, quarter: string): Map<string, string> => {
  const folder = `${shardFolder(login, quarter)}/`;
  const head = ledgerPath(login, quarter);
  const version = new Map<string, string>();
  for (const f of files.values())
    if (f.sha && (f.path === head || f.path.startsWith(folder))) version.set(f.path, f.sha);
  return version;
};

const sameVersion = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * After this delivery's own render: holding the person's lease since before the read, nobody else has
 * written their ledger since, so the issue is current (usecases/leases.ts); otherwise it is checked.
 */
const keepCurrentUnlessHeld = async (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  number: number,
  rendered: Map<string, string>,
) => {
  if (await ctx.leases?.exclusive(s.login)) return;
  await keepCurrent(ctx, s, number, rendered);
};

/**
 * Another instance may have written the ledger after us and updated the issue before we did: re-read
 * the quarter's ledger, and re-render until the issue reflects it as it stands (docs/metrics.md#goal-issues).
 */
const keepCurrent = async (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  number: number,
  rendered: Map<string, string>,
) => {
  const q = quarterLabel(s.quarter);
  let expected = rendered;
  for (let round = 0; round < VERIFY_ROUNDS; round++) {
    const again = await readCareerFiles(
      ctx.github,
      ctx.config.career,
      [ledgerPath(s.login, q), pendingPath(s.login, q)],
      undefined,
      "RungsLedgerVersion",
      [shardFolder(s.login, q)],
      ctx.blobsByOid ?? false,
    );
    const now = versionOf(again.files, s.login, q);
    if (sameVersion(now, expected)) return;
    expected = now;
    const ledger = loadPerson(
      ctx.config.ladder,
      s.login,
      [...again.files.values()],
      ctx.signer,
      ctx.parsed,
    ).ledgers.get(q);
    if (!ledger) return;
    const view = viewOf(ctx, s, ledger);
    if (view) await updateGoalIssue(ctx.github, ctx.config.career, number, view);
  }
};

/** How often, and how long, a delivery waits for another to finish opening the goal issue. */
const WAIT_ROUNDS = 6;
const waitMs = (round: number, random: () => number) => Math.min(2000, 100 * 2 ** round) * (0.5 + random());

const awaitOpened = async (ctx: UseCaseContext, s: GoalIssueSubject, seen: Ledger): Promise<void> => {
  const q = quarterLabel(s.quarter);
  const path = ledgerPath(s.login, q);
  let head = seen;
  for (let round = 0; head.goal_issue === null && round < WAIT_ROUNDS; round++) {
    await ctx.sleep(waitMs(round, ctx.random));
    const file = await readCareerFile(ctx.github, ctx.config.career, path);
    const parsed = file.sha ? parseLedger(path, file.text ?? "", { login: s.login, quarter: q }) : undefined;
    if (!parsed?.ok) return;
    head = parsed.value;
  }
  // Not opened in time: its holder died, and the next event after the claim expires takes over.
  if (head.goal_issue === null) return;
  await keepCurrent(ctx, s, head.goal_issue, new Map());
};

/**
 * Opens the goal issue (or adopts one an instance that died left behind), records its number in the
 * ledger head, and mentions the manager once. Exactly one per person and quarter: the right to open
 * is a claim written with compare-and-swap.
 */
const openGoalIssue = async (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  version: Map<string, string>,
  replacing: number | undefined,
) => {
  const q = quarterLabel(s.quarter);
  const path = ledgerPath(s.login, q);
  const format = headFormat(s.login, q);
  const token = `${ctx.deliveryId}/${Math.floor(ctx.random() * 2 ** 32).toString(36)}`;
  const now = ctx.now();
  const claimed = await updateCareerFile(
    writeDeps(ctx),
    path,
    format,
    s.files.get(path) ?? { path },
    (l) => claimGoalIssue(l, token, now, replacing),
    `rungs: open the goal issue for ${s.login} in ${q}`,
  );
  if (claimed.status === "broken") return;
  // Another delivery holds the claim: wait for it to record the issue, then make sure it shows this
  // event's evidence too (the holder may have rendered before it landed).
  if (claimed.value.goal_issue_claim?.by !== token) return awaitOpened(ctx, s, claimed.value);
  const view = viewOf(ctx, s, s.ledger);
  if (!view) return;
  const found = adoptable(
    await listGoalIssues(ctx.github, ctx.config.career, s.login),
    s.login,
    q,
    replacing,
  );
  const number = found ?? (await createGoalIssue(ctx.github, ctx.config.career, view, s.login));
  if (found !== undefined) await updateGoalIssue(ctx.github, ctx.config.career, found, view);
  const recorded = await updateCareerFile(
    writeDeps(ctx),
    path,
    format,
    { path, sha: claimed.sha, text: serializeLedger(claimed.value) },
    (l) => recordGoalIssue(l, number, token),
    `rungs: goal issue #${number} for ${s.login} in ${q}`,
  );
  if (recorded.status === "broken" || recorded.value.goal_issue !== number) return;
  ctx.log.info(
    { login: s.login, quarter: q, issue: number, adopted: found !== undefined },
    "goal issue opened",
  );
  if (found === undefined && s.profile.manager) {
    await comment(
      ctx.github,
      ctx.config.career,
      number,
      `@${s.profile.manager}: ${plainLogin(s.login)}'s goals for ${q} are open. Progress updates here as evidence arrives.`,
    );
  }
  if (recorded.sha) version.set(path, recorded.sha);
  await keepCurrentUnlessHeld(ctx, s, number, version);
};

/**
 * Brings a person's goal issue for a quarter up to date: checks that the recorded issue is really
 * theirs (career repo, label, marker) before editing it, replaces one that was deleted, transferred or
 * is someone else's, and opens one when there is evidence to show (or `open` asks for it).
 */
export const syncGoalIssue = async (
  ctx: UseCaseContext,
  s: GoalIssueSubject,
  /** `unlessUnchanged`: leave the issue alone when its body already reads as the render would (debounced re-renders). */
  opts: { open?: boolean; unlessUnchanged?: boolean } = {},
): Promise<void> => {
  const q = quarterLabel(s.quarter);
  const head = s.ledger.head.parsed;
  if (head && !head.ok) return; // reported where the ledger is checked; its number cannot be trusted
  const recorded = head?.value ?? emptyLedger(s.login, q);
  if (recorded.goal_issue === null && s.ledger.items.length === 0 && !opts.open) return;
  const version = versionOf(s.files, s.login, q);
  for (const [path, sha] of s.wrote) version.set(path, sha);

  let failedCheck: string | undefined;
  const verifiedKey = `${ctx.config.career.owner}/${ctx.config.career.repo}:${s.ledger.head.path}@${s.ledger.head.sha}#${recorded.goal_issue}`;
  let seen: IssueSeen | undefined;
  if (recorded.goal_issue !== null && !ctx.memo.has(verifiedKey)) {
    seen = await getIssue(ctx.github, ctx.config.career, recorded.goal_issue);
    failedCheck = whyNotGoalIssue(seen, s.login, q);
    if (failedCheck === undefined) ctx.memo.add(verifiedKey);
  }
  let step = nextGoalIssueStep(recorded, failedCheck);
  if (failedCheck !== undefined) {
    ctx.log.warn(
      { login: s.login, quarter: q, issue: recorded.goal_issue, reason: failedCheck },
      "the ledger's goal issue is not this person's goal issue; it is left alone and another is opened",
    );
  }
  if (step.do === "update") {
    const view = viewOf(ctx, s, s.ledger);
    if (!view) return;
    // Skipping a body that would not change spends no write of the budget (usecases/coalesce.ts).
    seen ??= opts.unlessUnchanged ? await getIssue(ctx.github, ctx.config.career, step.number) : undefined;
    const unchanged = opts.unlessUnchanged && seen && "body" in seen && seen.body === view.body;
    if (unchanged || (await updateGoalIssue(ctx.github, ctx.config.career, step.number, view))) {
      await keepCurrentUnlessHeld(ctx, s, step.number, version);
      await suggestPacket(ctx, s, recorded, step.number);
      return;
    }
    ctx.memo.delete(verifiedKey);
    ctx.log.warn({ login: s.login, quarter: q, issue: step.number }, "goal issue is gone; opening another");
    step = { do: "claim", replacing: step.number };
  }
  if (step.do === "claim") await openGoalIssue(ctx, s, version, step.replacing);
};
