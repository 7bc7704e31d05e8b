import { GOAL_LABEL, goalIssueMarker } from "../domain/goal-issue.js";
import {
  EMPTY_PROGRESS,
  goalIssueOwner,
  parseProgressMarker,
  progressChange,
  progressStateOf,
  quarterSummaryMarker,
} from "../domain/progress-note.js";
import { parseQuarterLabel, type Quarter, quarterLabel, shiftQuarter } from "../domain/quarter.js";
import { comment } from "../github/goal-issues.js";
import { closeIssue, issueComments, openIssuesLabelled, readIssue } from "../github/issue-thread.js";
import { renderProgressComment, renderQuarterSummary } from "../render/schedule-comments.js";
import type { UseCaseContext } from "./context.js";
import { type PersonState, personState, quarterLedger } from "./person.js";
import { personReport } from "./person-report.js";
import { readFor } from "./pipeline.js";
import { syncGoalIssue } from "./sync-goal-issue.js";

type Person = Extract<PersonState, { status: "ok" }>;

export interface OpenQuarterResult {
  opened: string[];
  alreadyOpen: string[];
  /** Last quarter's goal issues closed now, with the summary posted once. */
  closed: { login: string; number: number }[];
  skipped: { login: string; why: string }[];
}

const recordedIssue = (person: Person, login: string, quarter: string): number | null => {
  const head = quarterLedger(person.files, login, quarter).head.parsed;
  return head?.ok ? head.value.goal_issue : null;
};

/**
 * Closes a quarter's goal issue with its summary: the summary is posted unless the app already posted it
 * (its marker), and the issue closed unless it is; so running again does nothing twice.
 */
const closeWithSummary = async (
  ctx: UseCaseContext,
  person: Person,
  login: string,
  quarter: Quarter,
  number: number,
): Promise<boolean> => {
  const career = ctx.config.career;
  const q = quarterLabel(quarter);
  const issue = await readIssue(ctx.github, career, number);
  // Only the person's own goal issue (its marker first), never an issue someone recorded by hand.
  if (!issue || (issue.body ?? "").split("\n", 1)[0]?.trim() !== goalIssueMarker(login, q)) return false;
  const marker = quarterSummaryMarker(login, q);
  const summarised = (await issueComments(ctx.github, career, number)).some(
    (c) => c.byBot && c.body.startsWith(marker),
  );
  if (!summarised) {
    const report = personReport(ctx, person, login, quarter, q);
    if (report) await comment(ctx.github, career, number, renderQuarterSummary(report));
  }
  if (issue.state === "closed") return !summarised;
  await closeIssue(ctx.github, career, number);
  return true;
};

/**
 * `rungs open-quarter`: every engineer's goal issue for the quarter, opened through the goal-issue
 * use-case (so exactly once, whoever else opens it meanwhile), and last quarter's closed with a summary.
 */
export const openQuarter = async (ctx: UseCaseContext, quarter: Quarter): Promise<OpenQuarterResult> => {
  const q = quarterLabel(quarter);
  const previous = shiftQuarter(quarter, -1);
  const result: OpenQuarterResult = { opened: [], alreadyOpen: [], closed: [], skipped: [] };
  for (const [login, problems] of [...ctx.config.brokenProfiles].sort(([a], [b]) => a.localeCompare(b)))
    result.skipped.push({ login, why: `profile has problems (${problems[0]?.message ?? "does not parse"})` });
  for (const login of [...ctx.config.profiles.keys()].sort()) {
    const read = await readFor(ctx, [{ login, quarter }], "RungsOpenQuarter");
    const person = personState(ctx.config, login, read, ctx);
    if (person.status !== "ok") {
      result.skipped.push({
        login,
        why: person.status === "no-profile" ? "no profile" : "profile has problems",
      });
      continue;
    }
    const ledger = quarterLedger(person.files, login, q);
    if (ledger.head.parsed && !ledger.head.parsed.ok) {
      result.skipped.push({ login, why: `${ledger.head.path} does not parse` });
    } else if (recordedIssue(person, login, q) !== null) {
      result.alreadyOpen.push(login);
    } else {
      await syncGoalIssue(
        ctx,
        {
          login,
          quarter,
          profile: person.profile,
          person: person.files,
          ledger,
          files: read.files,
          wrote: new Map(),
        },
        { open: true },
      );
      result.opened.push(login);
    }
    const last = recordedIssue(person, login, quarterLabel(previous));
    if (last !== null && (await closeWithSummary(ctx, person, login, previous, last)))
      result.closed.push({ login, number: last });
  }
  return result;
};

export interface ProgressResult {
  posted: { login: string; number: number }[];
  unchanged: { login: string; number: number }[];
  skipped: { number: number; why: string }[];
}

/**
 * `rungs progress`: on each open goal issue, the 1:1 comment with what changed since the last one the app
 * posted there (the state it summarised is hidden in it); nothing when nothing changed.
 */
export const postProgress = async (ctx: UseCaseContext): Promise<ProgressResult> => {
  const career = ctx.config.career;
  const result: ProgressResult = { posted: [], unchanged: [], skipped: [] };
  const byMarker = new Map(
    [...ctx.config.profiles.keys()].map((l) => [l.toLowerCase().replace(/[^a-z0-9-]/g, "_"), l]),
  );
  const issues = await openIssuesLabelled(ctx.github, career, GOAL_LABEL);
  for (const issue of issues.sort((a, b) => a.number - b.number)) {
    const owner = goalIssueOwner(issue.body);
    const login = owner ? byMarker.get(owner.login) : undefined;
    const quarter = owner ? parseQuarterLabel(owner.quarter) : undefined;
    if (!owner || !login || !quarter) {
      result.skipped.push({
        number: issue.number,
        why: owner ? "no profile for its person" : "not a goal issue",
      });
      continue;
    }
    const read = await readFor(ctx, [{ login, quarter }], "RungsProgress");
    const person = personState(ctx.config, login, read, ctx);
    // The ledger must name this issue: a copy someone opened by hand gets no comments.
    if (person.status !== "ok" || recordedIssue(person, login, owner.quarter) !== issue.number) {
      result.skipped.push({ number: issue.number, why: "not the goal issue its ledger records" });
      continue;
    }
    const report = personReport(ctx, person, login, quarter, owner.quarter);
    if (!report) {
      result.skipped.push({ number: issue.number, why: "no report (level not in the ladder)" });
      continue;
    }
    const last = (await issueComments(ctx.github, career, issue.number))
      .filter((c) => c.byBot)
      .map((c) => parseProgressMarker(c.body))
      .filter((s) => s !== undefined)
      .at(-1);
    const now = progressStateOf(report);
    // Nothing recorded yet and no check-in before: nothing to talk about.
    if (!last && now.items === 0) {
      result.unchanged.push({ login, number: issue.number });
      continue;
    }
    const change = progressChange(
      last ?? EMPTY_PROGRESS,
      now,
      new Map(report.criteria.map((c) => [c.id, c.title])),
    );
    if (!change) {
      result.unchanged.push({ login, number: issue.number });
      continue;
    }
    const body = renderProgressComment(report, change, {
      manager: person.profile.manager ?? undefined,
      since: last?.at,
      state: now,
      at: new Date(ctx.now()).toISOString(),
    });
    await comment(ctx.github, career, issue.number, body);
    result.posted.push({ login, number: issue.number });
  }
  return result;
};
