import { isStatus } from "./career-files.js";
import type { GitHub, RepoRef } from "./types.js";

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
      ...repo,
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

/** Closes an issue as completed; false when it is gone. Never follows a transferred issue elsewhere. */
export const closeIssue = async (github: GitHub, repo: RepoRef, number: number): Promise<boolean> => {
  try {
    const res = await github.rest.issues.update({
      ...repo,
      issue_number: number,
      state: "closed",
      state_reason: "completed",
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
    ...repo,
    labels: label,
    state: "open",
    per_page: 100,
  });
  return issues
    .filter((i) => !i.pull_request)
    .map((i) => ({ number: i.number, body: i.body ?? null, state: i.state }));
};

/** An issue's state and body; undefined when it is gone. */
export const issueState = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<{ state: string; body: string | null; labels: string[] } | undefined> => {
  try {
    const { data } = await github.rest.issues.get({
      ...repo,
      issue_number: number,
      request: { redirect: "manual" },
    });
    return {
      state: data.state,
      body: data.body ?? null,
      labels: data.labels.flatMap((l) => (typeof l === "string" ? [l] : l.name ? [l.name] : [])),
    };
  } catch (e) {
    if (isStatus(e, 301, 404, 410)) return undefined;
    throw e;
  }
};
