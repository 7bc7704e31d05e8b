import type { Ledger } from "./ledger.js";

/**
 * The goal issue: one per engineer and quarter in the career repo, a view of the ledger. Which issue
 * that is, and what to do about it, is decided here; github/ only fetches and writes.
 */
export const GOAL_LABEL = "rungs: goals";

/** The hidden first line that identifies a goal issue, whatever its title says. */
export const goalIssueMarker = (login: string, quarter: string): string =>
  `<!-- rungs:goal-issue login=${login.toLowerCase().replace(/[^a-z0-9-]/g, "_")} quarter=${quarter} -->`;

/** An issue of the career repo as the check needs it; `gone` when deleted or transferred away. */
export type IssueSeen =
  | { gone: true }
  | { gone?: false; number: number; labels: readonly string[]; body: string | null; inCareerRepo: boolean };

/**
 * Why an issue is not this person's goal issue for this quarter, or undefined when it is: it must be in
 * the career repo, carry the goal label, and open with this person's and quarter's marker. A marker
 * further down (quoted, or smuggled into someone's goals) does not count.
 */
export const whyNotGoalIssue = (issue: IssueSeen, login: string, quarter: string): string | undefined => {
  if (issue.gone) return "deleted or transferred";
  if (!issue.inCareerRepo) return "not in the career repo";
  if (!issue.labels.some((l) => l.toLowerCase() === GOAL_LABEL)) return `not labelled "${GOAL_LABEL}"`;
  const first = (issue.body ?? "").split("\n", 1)[0]?.trim();
  if (first !== goalIssueMarker(login, quarter)) return "its marker is not this person's for this quarter";
  return undefined;
};

/** What to do next about the quarter's goal issue. */
export type GoalIssueStep =
  /** The recorded issue passed the check: re-render it. */
  | { do: "update"; number: number }
  /** None (or one that failed the check, `replacing`): claim the right to open or adopt one. */
  | { do: "claim"; replacing?: number }
  /** Another delivery holds a live claim and will render it. */
  | { do: "wait" };

export const nextGoalIssueStep = (head: Ledger, failedCheck: string | undefined): GoalIssueStep => {
  if (head.goal_issue !== null) {
    return failedCheck === undefined
      ? { do: "update", number: head.goal_issue }
      : { do: "claim", replacing: head.goal_issue };
  }
  return { do: "claim" };
};

/**
 * An issue to adopt instead of opening another: a goal issue of this person and quarter left behind
 * by an instance that died between opening it and recording it. The oldest wins, so racers agree.
 */
export const adoptable = (
  issues: readonly (IssueSeen & { gone?: false })[],
  login: string,
  quarter: string,
  excluding?: number,
): number | undefined =>
  issues
    .filter((i) => i.number !== excluding && whyNotGoalIssue(i, login, quarter) === undefined)
    .map((i) => i.number)
    .sort((a, b) => a - b)[0];
