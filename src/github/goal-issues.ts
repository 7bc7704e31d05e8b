import { GOAL_LABEL, type IssueSeen } from "../domain/goal-issue.js";
import type { GoalIssueView } from "../render/goal-issue.js";
import { isStatus } from "./career-files.js";
import { type GitHub, type RepoRef, repoParams } from "./types.js";

/** GitHub's answers for an issue that is no longer there: deleted (410), transferred (301), or gone (404). */
const GONE = [301, 404, 410] as const;

/**
 * Writes to an issue never follow a redirect: a transferred issue answers 301 with its new place, and
 * following it would edit the issue in another (perhaps public) repository.
 */
const STAY = { request: { redirect: "manual" as const } };
const moved = (status: number): boolean => status >= 300 && status < 400;

const labelNames = (labels: readonly (string | { name?: string })[]): string[] =>
  labels.flatMap((l) => (typeof l === "string" ? [l] : l.name ? [l.name] : []));

const sameRepo = (repositoryUrl: string, career: RepoRef): boolean =>
  repositoryUrl.toLowerCase().endsWith(`/repos/${career.owner}/${career.repo}`.toLowerCase());

/** An issue of the career repo as the goal-issue check needs it. */
export const getIssue = async (github: GitHub, career: RepoRef, number: number): Promise<IssueSeen> => {
  try {
    const { data } = await github.rest.issues.get({ ...repoParams(career), issue_number: number });
    if (data.pull_request) return { number, labels: [], body: null, inCareerRepo: false };
    return {
      number: data.number,
      labels: labelNames(data.labels),
      body: data.body ?? null,
      inCareerRepo: data.number === number && sameRepo(data.repository_url, career),
    };
  } catch (e) {
    if (isStatus(e, ...GONE)) return { gone: true };
    throw e;
  }
};

export const createGoalIssue = async (
  github: GitHub,
  career: RepoRef,
  view: GoalIssueView,
  assignee: string,
): Promise<number> => {
  const { data } = await github.rest.issues.create({
    ...repoParams(career),
    title: view.title,
    body: view.body,
    labels: view.labels,
    assignees: [assignee],
  });
  return data.number;
};

/** Re-renders a goal issue; false when it is gone (deleted or transferred meanwhile). */
export const updateGoalIssue = async (
  github: GitHub,
  career: RepoRef,
  number: number,
  view: GoalIssueView,
): Promise<boolean> => {
  try {
    const res = await github.rest.issues.update({
      ...repoParams(career),
      issue_number: number,
      title: view.title,
      body: view.body,
      ...STAY,
    });
    return !moved(Number(res.status));
  } catch (e) {
    if (isStatus(e, ...GONE)) return false;
    throw e;
  }
};

export const comment = async (
  github: GitHub,
  career: RepoRef,
  number: number,
  body: string,
): Promise<void> => {
  await github.rest.issues.createComment({ ...repoParams(career), issue_number: number, body, ...STAY });
};

/** Goal issues assigned to a person, with what the check needs, to find one to adopt. */
export const listGoalIssues = async (
  github: GitHub,
  career: RepoRef,
  login: string,
): Promise<(IssueSeen & { gone?: false })[]> => {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repoParams(career),
    labels: GOAL_LABEL,
    assignee: login,
    state: "all",
    per_page: 100,
  });
  return issues
    .filter((i) => !i.pull_request)
    .map((i) => ({
      number: i.number,
      labels: labelNames(i.labels),
      body: i.body ?? null,
      inCareerRepo: sameRepo(i.repository_url, career),
    }));
};
