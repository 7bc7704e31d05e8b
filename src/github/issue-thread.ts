import { isStatus } from "./career-files.js";
import { type GitHub, type RepoRef, repoParams } from "./types.js";

/** A comment on an issue as the scheduled comments need it: who wrote it (a bot?) and what. */
export interface ThreadComment {
  body: string;
  byBot: boolean;
  at: string;
}

/** Every comment of an issue, oldest first; none when the issue is gone. */
export const issueComments = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<ThreadComment[]> => {
  try {
    const comments = await github.paginate(github.rest.issues.listComments, {
      ...repoParams(repo),
      issue_number: number,
      per_page: 100,
      request: { redirect: "manual" },
    });
    return comments.map((c) => ({ body: c.body ?? "", byBot: c.user?.type === "Bot", at: c.created_at }));
  } catch (e) {
    if (isStatus(e, 301, 404, 410)) return [];
    throw e;
  }
};

/**
 * Closes an issue as completed (with a new body when given); false when it is gone. Never follows a
 * transferred issue elsewhere.
 */
export const closeIssue = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
  body?: string,
): Promise<boolean> => {
  try {
    const res = await github.rest.issues.update({
      ...repoParams(repo),
      issue_number: number,
      state: "closed",
      state_reason: "completed",
      ...(body === undefined ? {} : { body }),
      request: { redirect: "manual" },
    });
    return Number(res.status) < 300;
  } catch (e) {
    if (isStatus(e, 301, 404, 410)) return false;
    throw e;
  }
};

/** Open issues of the career repo with a label, with their first line's marker. */
export const openIssuesLabelled = async (
  github: GitHub,
  repo: RepoRef,
  label: string,
): Promise<{ number: number; body: string | null; state: string }[]> => {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repoParams(repo),
    labels: label,
    state: "open",
    per_page: 100,
  });
  return issues
    .filter((i) => !i.pull_request)
    .map((i) => ({ number: i.number, body: i.body ?? null, state: i.state }));
};

/** An issue of the repository as it stands; undefined when it is gone or is a pull request. */
export interface IssueState {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
}

export const readIssue = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<IssueState | undefined> => {
  try {
    const { data, status } = await github.rest.issues.get({
      ...repoParams(repo),
      issue_number: number,
      request: { redirect: "manual" },
    });
    if (Number(status) >= 300 || data.pull_request) return undefined;
    return {
      number: data.number,
      title: data.title,
      body: data.body ?? null,
      state: data.state === "open" ? "open" : "closed",
      labels: data.labels.flatMap((l) => (typeof l === "string" ? [l] : l.name ? [l.name] : [])),
    };
  } catch (e) {
    if (isStatus(e, 301, 404, 410)) return undefined;
    throw e;
  }
};
