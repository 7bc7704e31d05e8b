import { z } from "zod";
import type { TimelineEvent } from "../domain/review-rounds.js";
import type { ExtraSelection } from "./career-files.js";
import type { GitHub, RepoRef } from "./types.js";

const TIMELINE_NODES = `nodes {
        __typename
        ... on PullRequestReview { state submittedAt author { __typename login } }
        ... on PullRequestCommit { commit { committedDate author { user { login } } } }
        ... on HeadRefForcePushedEvent { createdAt actor { __typename login } }
      }`;

/** The PR part of the event's single read: timeline (reviews, commits, force-pushes) and changed paths. */
export const pullRequestSelection = (repo: RepoRef, number: number): ExtraSelection => ({
  declarations: "$owner: String!, $repo: String!, $number: Int!",
  variables: { owner: repo.owner, repo: repo.repo, number },
  selection: `pr: repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      files(first: 100) { nodes { path } }
      timelineItems(first: 100, itemTypes: [PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, HEAD_REF_FORCE_PUSHED_EVENT]) {
        pageInfo { hasNextPage endCursor }
        ${TIMELINE_NODES}
      }
    }
  }`,
});

const Actor = z.object({ __typename: z.string().optional(), login: z.string() }).nullable().optional();
const Node = z.union([
  z.object({
    __typename: z.literal("PullRequestReview"),
    state: z.string(),
    submittedAt: z.string().nullable(),
    author: Actor,
  }),
  z.object({
    __typename: z.literal("PullRequestCommit"),
    commit: z.object({
      committedDate: z.string(),
      author: z.object({ user: z.object({ login: z.string() }).nullable() }).nullable(),
    }),
  }),
  z.object({ __typename: z.literal("HeadRefForcePushedEvent"), createdAt: z.string(), actor: Actor }),
]);
const Timeline = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(Node.nullable()),
});
const PrData = z.object({
  pr: z
    .object({
      pullRequest: z
        .object({
          files: z.object({ nodes: z.array(z.object({ path: z.string() })) }).nullable(),
          timelineItems: Timeline,
        })
        .nullable(),
    })
    .nullable(),
});

const toEvents = (nodes: z.infer<typeof Timeline>["nodes"]): TimelineEvent[] =>
  nodes.flatMap((n): TimelineEvent[] => {
    if (!n) return [];
    switch (n.__typename) {
      case "PullRequestReview":
        return n.submittedAt && n.author
          ? [
              {
                kind: "review",
                at: n.submittedAt,
                by: n.author.login,
                state: n.state,
                byBot: n.author.__typename === "Bot",
              },
            ]
          : [];
      case "PullRequestCommit":
        return n.commit.author?.user
          ? [{ kind: "push", at: n.commit.committedDate, by: n.commit.author.user.login }]
          : [];
      default:
        return n.actor ? [{ kind: "push", at: n.createdAt, by: n.actor.login }] : [];
    }
  });

const MORE_TIMELINE = `query RungsTimelinePage($owner: String!, $repo: String!, $number: Int!, $after: String!) {
  pr: repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      files(first: 1) { nodes { path } }
      timelineItems(first: 100, after: $after, itemTypes: [PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, HEAD_REF_FORCE_PUSHED_EVENT]) {
        pageInfo { hasNextPage endCursor }
        ${TIMELINE_NODES}
      }
    }
  }
}`;

/** Parses the PR part of the read; pages only the timeline, and only when it overflows 100 items. */
export const pullRequestFacts = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
  data: Record<string, unknown>,
): Promise<{ timeline: TimelineEvent[]; paths: string[] } | undefined> => {
  const pr = PrData.parse(data).pr?.pullRequest;
  if (!pr) return undefined;
  const timeline = toEvents(pr.timelineItems.nodes);
  let page = pr.timelineItems.pageInfo;
  for (let n = 0; page.hasNextPage && page.endCursor && n < 50; n++) {
    const more = PrData.parse(await github.graphql(MORE_TIMELINE, { ...repo, number, after: page.endCursor }))
      .pr?.pullRequest;
    if (!more) break;
    timeline.push(...toEvents(more.timelineItems.nodes));
    page = more.timelineItems.pageInfo;
  }
  return { timeline, paths: (pr.files?.nodes ?? []).map((f) => f.path) };
};
