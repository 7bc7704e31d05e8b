import { parseGoals, parseProfile } from "../domain/career-repo.js";
import type { EvidenceItem } from "../domain/evidence.js";
import {
  addToLedger,
  claimGoalIssue,
  type Ledger,
  parseLedger,
  recordGoalIssue,
  serializeLedger,
} from "../domain/ledger.js";
import { formatProblem, type Problem } from "../domain/problem.js";
import { goalsPath, ledgerPath, profilePath } from "../domain/profile.js";
import { type Quarter, quarterLabel, shiftQuarter } from "../domain/quarter.js";
import { buildReport, calendarOf, historyQuarters, type Report, type ReportInput } from "../domain/report.js";
import type { CareerFile, CareerFiles } from "../github/career-files.js";
import { readCareerFile } from "../github/career-files.js";
import { reportProblems } from "../github/check-runs.js";
import type { RungsConfig } from "../github/config.js";
import { comment, createGoalIssue, findGoalIssue, updateGoalIssue } from "../github/goal-issues.js";
import { deleteCareerFile, updateLedgerFile, type WriteDeps } from "../github/ledger-store.js";
import { plainLogin } from "../render/escape.js";
import { type GoalIssueView, goalIssueMarker, renderGoalIssue } from "../render/goal-issue.js";
import type { UseCaseContext } from "./context.js";

/** Evidence for one person in one quarter. */
export interface Credit {
  login: string;
  quarter: Quarter;
  items: EvidenceItem[];
  /** Re-render the goal issue even when the ledger is unchanged (goals or profile were edited). */
  refresh?: boolean;
}

const VERIFY_ROUNDS = 3;

export const pendingPath = (login: string, quarter: string) =>
  `people/${login}/evidence/${quarter}.pending.yml`;

/** Earlier quarters whose ledgers a credit reads: the readiness window, and at least last quarter. */
const earlierQuarters = (config: RungsConfig, quarter: Quarter): Quarter[] =>
  Array.from({ length: historyQuarters(config.settings, config.ladder) }, (_, k) =>
    shiftQuarter(quarter, -(k + 1)),
  );

/** The career-repo files one credit needs; read in the same request as the event's other facts. */
export const careerPathsFor = (config: RungsConfig, login: string, quarter: Quarter): string[] => {
  const q = quarterLabel(quarter);
  return [
    profilePath(login),
    goalsPath(login, q),
    ledgerPath(login, q),
    pendingPath(login, q),
    ...earlierQuarters(config, quarter).map((e) => ledgerPath(login, quarterLabel(e))),
  ];
};

const missing = (path: string): CareerFile => ({ path });

const parsedLedger = (file: CareerFile | undefined): Ledger | undefined => {
  if (!file?.sha) return undefined;
  const r = parseLedger(file.path, file.text ?? "");
  return r.ok ? r.value : undefined;
};

const countsOf = (items: readonly EvidenceItem[]): string => {
  const n = new Map<string, number>();
  for (const i of items) n.set(i.kind, (n.get(i.kind) ?? 0) + 1);
  return [...n].map(([k, v]) => `+${v} ${k.replace("_", " ")}`).join(", ");
};

export type RecordStatus = "written" | "unchanged" | "ignored" | "broken";

/**
 * Records a credit in the ledger (exactly once, compare-and-swap) and brings the quarter's goal issue
 * up to date (exactly one per person and quarter, even when instances race).
 */
export const recordEvidence = async (
  ctx: UseCaseContext,
  credit: Credit,
  files: CareerFiles,
  head?: string,
): Promise<RecordStatus> => {
  const { login } = credit;
  const q = quarterLabel(credit.quarter);
  const log = ctx.log;
  const career = {
    owner: ctx.config.career.owner,
    repo: ctx.config.career.repo,
    defaultBranch: ctx.config.career.defaultBranch,
  };
  const deps: WriteDeps = { github: ctx.github, career, random: ctx.random, sleep: ctx.sleep };
  const path = ledgerPath(login, q);
  const pending = files.get(pendingPath(login, q)) ?? missing(pendingPath(login, q));

  /** Never overwrite what a person broke: keep the evidence beside it and say where to look. */
  const keepAside = async (problems: Problem[], what: string): Promise<RecordStatus> => {
    const lines = problems.map(formatProblem);
    log.error({ login, quarter: q, problems: lines }, `${what}; evidence kept aside until it is fixed`);
    await updateLedgerFile(
      deps,
      pending.path,
      { login, quarter: q },
      pending,
      (l) => addToLedger(l, credit.items),
      `rungs: evidence for ${login} in ${q} kept aside (${what})`,
    );
    if (head)
      await reportProblems(
        ctx.github,
        career,
        head,
        `${what}: new evidence is kept in ${pending.path}`,
        lines,
      );
    return "broken";
  };
  const profileFile = files.get(profilePath(login));
  const fresh = profileFile?.sha ? parseProfile(profileFile.path, login, profileFile.text ?? "") : undefined;
  if (fresh && !fresh.ok) return keepAside(fresh.problems, `profile ${profileFile?.path} does not parse`);
  const profile = fresh?.ok ? fresh.value : ctx.config.profiles.get(login);
  if (!profile) {
    log.debug({ login, quarter: q }, "ignored: no profile in the career repo");
    return "ignored";
  }
  // A refresh (goals or profile edited) of a quarter with no evidence yet opens nothing.
  if (credit.items.length === 0 && !files.get(path)?.sha) return "unchanged";
  const pendingItems = parsedLedger(pending)?.items ?? [];
  const now = ctx.now();

  const older = new Map<string, Ledger | undefined>(
    earlierQuarters(ctx.config, credit.quarter).map((e) => {
      const label = quarterLabel(e);
      return [label, parsedLedger(files.get(ledgerPath(login, label)))];
    }),
  );
  // An item already counted in an earlier quarter (an incident reopened and closed again) counts once.
  const counted = new Set([...older.values()].flatMap((l) => l?.items.map((i) => i.key) ?? []));
  const items = credit.items.filter((i) => !counted.has(i.key));
  // Unique to this attempt: a redelivery of the same delivery must not take over a live claim.
  const claimToken = `${ctx.deliveryId}/${Math.floor(ctx.random() * 2 ** 32).toString(36)}`;

  const change = (current: Ledger): Ledger =>
    claimGoalIssue(addToLedger(current, [...items, ...pendingItems]), claimToken, now);
  const written = await updateLedgerFile(
    deps,
    path,
    { login, quarter: q },
    files.get(path) ?? missing(path),
    change,
    `rungs: evidence for ${login} in ${q} (${countsOf(items)})`,
  );

  if (written.status === "broken") return keepAside(written.problems, `ledger ${path} does not parse`);
  if (written.status === "written") {
    log.info({ login, quarter: q, items: items.length, attempts: written.attempts }, "evidence recorded");
    if (pending.sha)
      await deleteCareerFile(
        deps,
        pending.path,
        pending.sha,
        `rungs: merge kept-aside evidence into ${path}`,
      );
  } else {
    log.debug({ login, quarter: q }, "evidence already recorded");
  }

  const goalsFile = files.get(goalsPath(login, q));
  const goals = goalsFile?.sha ? parseGoals(goalsFile.path, goalsFile.text ?? "") : undefined;
  const profiles = new Map(ctx.config.profiles).set(login, profile);
  const reportFor = (ledger: Ledger): Report | undefined => {
    const input: ReportInput = {
      settings: ctx.config.settings,
      ladder: ctx.config.ladder,
      profiles,
      ledger: (l, label) => (l !== login ? undefined : label === q ? ledger : older.get(label)),
      goals: (l, label) => (l === login && label === q && goals?.ok ? goals.value : undefined),
    };
    const r = buildReport(input, login, credit.quarter);
    return "error" in r ? undefined : r;
  };
  const level = ctx.config.ladder.levels.get(profile.level);
  const view = (ledger: Ledger) => {
    const report = reportFor(ledger);
    if (!report || !level) return undefined;
    const ledgerUrl = `https://github.com/${career.owner}/${career.repo}/blob/${career.defaultBranch}/${path}`;
    return renderGoalIssue(report, {
      template: ctx.templates.goalIssue,
      profile,
      level,
      calendar: calendarOf(ctx.config.settings),
      ledgerPath: path,
      ledgerUrl,
    });
  };

  const status = written.status;
  const sync: GoalIssueSync = { ctx, career, deps, login, quarter: q, path, view };
  if (written.ledger.goal_issue === null) {
    // Only the holder of the claim opens the issue; another delivery holds it and will render it.
    if (written.ledger.goal_issue_claim?.by !== claimToken) return status;
    const base =
      written.status === "written"
        ? { path, sha: written.sha, text: serializeLedger(written.ledger) }
        : (files.get(path) ?? missing(path));
    const opened = await openGoalIssue(sync, written.ledger, base, profile.manager);
    if (opened) await keepGoalIssueCurrent(sync, opened.number, opened.sha);
  } else if (written.status === "written" || credit.refresh) {
    const v = view(written.ledger);
    if (v) await updateGoalIssue(ctx.github, career, written.ledger.goal_issue, v);
    await keepGoalIssueCurrent(sync, written.ledger.goal_issue, written.sha);
  }
  return status;
};

interface GoalIssueSync {
  ctx: UseCaseContext;
  career: WriteDeps["career"];
  deps: WriteDeps;
  login: string;
  quarter: string;
  /** The ledger file the issue is a view of. */
  path: string;
  view(ledger: Ledger): GoalIssueView | undefined;
}

/**
 * Opens the goal issue (or adopts one an instance that died left behind), records its number in the
 * ledger, and mentions the manager once. Returns the issue and the ledger's blob sha as written.
 */
const openGoalIssue = async (
  sync: GoalIssueSync,
  claimed: Ledger,
  base: CareerFile,
  manager: string | null,
): Promise<{ number: number; sha: string | undefined } | undefined> => {
  const { ctx, career, login, quarter, path } = sync;
  const first = sync.view(claimed);
  if (!first) return undefined;
  const number =
    (await findGoalIssue(ctx.github, career, login, goalIssueMarker(login, quarter))) ??
    (await createGoalIssue(ctx.github, career, first, login));
  const recorded = await updateLedgerFile(
    sync.deps,
    path,
    { login, quarter },
    base,
    (l) => recordGoalIssue(l, number),
    `rungs: goal issue #${number} for ${login} in ${quarter}`,
  );
  if (recorded.status === "broken" || recorded.ledger.goal_issue !== number) return undefined;
  ctx.log.info({ login, quarter, issue: number }, "goal issue opened");
  if (manager) {
    await comment(
      ctx.github,
      career,
      number,
      `@${manager}: ${plainLogin(login)}'s goals for ${quarter} are open. Progress updates here as evidence arrives.`,
    );
  }
  // Evidence that others merged in while the issue was opening.
  if (recorded.ledger.items.length !== claimed.items.length) {
    const again = sync.view(recorded.ledger);
    if (again) await updateGoalIssue(ctx.github, career, number, again);
  }
  return { number, sha: recorded.sha };
};

/**
 * Another instance may have written the ledger after us and updated the issue before we did: re-read
 * the ledger, and re-render until the issue reflects it as it stands (see docs/metrics.md#goal-issues).
 */
const keepGoalIssueCurrent = async (sync: GoalIssueSync, number: number, writtenSha: string | undefined) => {
  let sha = writtenSha;
  for (let round = 0; round < VERIFY_ROUNDS; round++) {
    const now = await readCareerFile(sync.ctx.github, sync.career, sync.path);
    if (!now.sha || now.sha === sha) return;
    const latest = parseLedger(sync.path, now.text ?? "");
    if (!latest.ok) return;
    sha = now.sha;
    const v = sync.view(latest.value);
    if (v) await updateGoalIssue(sync.ctx.github, sync.career, number, v);
  }
};
