import { isStatus } from "./career-files.js";
import { type GitHub, type RepoRef, repoParams } from "./types.js";

/** Writes to an issue never follow a redirect (a transferred issue may now be public). */
const STAY = { request: { redirect: "manual" as const } };

/** A comment on a goal issue as it stands now. */
export interface CommentSeen {
  id: number;
  url: string;
  author: string;
  authorType?: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** The comment as GitHub has it now (an edit or deletion may have overtaken the delivery), or undefined when gone. */
export const getComment = async (
  github: GitHub,
  career: RepoRef,
  id: number,
): Promise<CommentSeen | undefined> => {
  try {
    const { data } = await github.rest.issues.getComment({ ...repoParams(career), comment_id: id });
    return {
      id: data.id,
      url: data.html_url,
      author: data.user?.login ?? "ghost",
      ...(data.user?.type ? { authorType: data.user.type } : {}),
      body: data.body ?? "",
      createdAt: data.created_at,
      updatedAt: data.updated_at,
    };
  } catch (e) {
    if (isStatus(e, 404, 410)) return undefined;
    throw e;
  }
};

export type Reaction = "eyes" | "+1" | "confused";

/** Reacts to a comment; reacting twice is one reaction, and a comment deleted meanwhile is no error. */
export const react = async (
  github: GitHub,
  career: RepoRef,
  id: number,
  content: Reaction,
): Promise<void> => {
  try {
    await github.rest.reactions.createForIssueComment({
      ...repoParams(career),
      comment_id: id,
      content,
      ...STAY,
    });
  } catch (e) {
    if (!isStatus(e, 404, 410)) throw e;
  }
};

/**
 * Posts a reply unless one with the same hidden marker is already there (a redelivery, another
 * instance): Rungs answers a comment once per version of what it has to say.
 */
export const replyOnce = async (
  github: GitHub,
  career: RepoRef,
  issue: number,
  marker: string,
  body: string,
  since: string,
): Promise<boolean> => {
  if (await alreadySaid(github, career, issue, marker, since)) return false;
  await github.rest.issues.createComment({
    ...repoParams(career),
    issue_number: issue,
    body: `${marker}\n${body}`,
    ...STAY,
  });
  return true;
};

/** Whether Rungs already answered with this hidden marker (comments since `since`). */
export const alreadySaid = async (
  github: GitHub,
  career: RepoRef,
  issue: number,
  marker: string,
  since: string,
): Promise<boolean> => {
  const earlier = await github.paginate(github.rest.issues.listComments, {
    ...repoParams(career),
    issue_number: issue,
    since,
    per_page: 100,
  });
  return earlier.some((c) => c.body?.includes(marker));
};

/** Which of these teams of the organisation `login` is an active member of. */
export const teamsOf = async (
  github: GitHub,
  org: string,
  login: string,
  slugs: readonly string[],
): Promise<string[]> => {
  const member: string[] = [];
  for (const slug of slugs) {
    try {
      const { data } = await github.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug: slug,
        username: login,
      });
      if (data.state === "active") member.push(slug);
    } catch (e) {
      if (!isStatus(e, 404, 403)) throw e;
    }
  }
  return member;
};
