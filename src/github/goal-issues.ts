import { GOAL_LABEL, type GoalIssueView } from "../render/goal-issue.js";
import type { GitHub, RepoRef } from "./types.js";

export const createGoalIssue = async (
  github: GitHub,
  career: RepoRef,
  view: GoalIssueView,
  assignee: string,
): Promise<number> => {
  const { data } = await github.rest.issues.create({
    ...career,
    title: view.title,
    body: view.body,
    labels: view.labels,
    assignees: [assignee],
  });
  return data.number;
};

export const updateGoalIssue = async (
  github: GitHub,
  career: RepoRef,
  number: number,
  view: GoalIssueView,
): Promise<void> => {
  await github.rest.issues.update({ ...career, issue_number: number, title: view.title, body: view.body });
};

export const comment = async (
  github: GitHub,
  career: RepoRef,
  number: number,
  body: string,
): Promise<void> => {
  await github.rest.issues.createComment({ ...career, issue_number: number, body });
};

/** A goal issue already open for this person and quarter (found by its hidden marker), if any. */
export const findGoalIssue = async (
  github: GitHub,
  career: RepoRef,
  login: string,
  marker: string,
): Promise<number | undefined> => {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...career,
    labels: GOAL_LABEL,
    assignee: login,
    state: "all",
    per_page: 100,
  });
  return issues.find((i) => i.body?.includes(marker))?.number;
};
