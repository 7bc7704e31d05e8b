import { z } from "zod";
import type { ForcePush, PrCommit, Review } from "../domain/review-rounds.js";
import type { ExtraSelection } from "./career-files.js";
import type { GitHub, RepoRef } from "./types.js";

// `reviewedCommit:`: a review's `commit` (nullable) and a PullRequestCommit's (non-null) may not share a name.
export const TIMELINE_NODES = `nodes {
        __typename
        ... on PullRequestReview { state submittedAt author { __typename login } reviewedCommit: commit { oid } }
        ... on PullRequestCommit { commit { oid parents(first: 2) { nodes { oid } } } }
        ... on HeadRefForcePushedEvent { beforeCommit { oid tree { oid } } afterCommit { oid tree { oid } } }
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
const Oid = z.object({ oid: z.string() });
const TreeOf = z.object({ oid: z.string(), tree: Oid }).nullable();
const Node = z.union([
  z.object({
    __typename: z.literal("PullRequestReview"),
    state: z.string(),
    submittedAt: z.string().nullable(),
    author: Actor,
    reviewedCommit: Oid.nullable(),
  }),
  z.object({
    __typename: z.literal("PullRequestCommit"),
    commit: z.object({ oid: z.string(), parents: z.object({ nodes: z.array(Oid.nullable()) }) }),
  }),
  z.object({
    __typename: z.literal("HeadRefForcePushedEvent"),
    beforeCommit: TreeOf,
    afterCommit: TreeOf,
  }),
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

/** What review rounds are counted from: reviews, the pull request's commits, force pushes. */
export interface ReviewTimeline {
  reviews: Review[];
  commits: PrCommit[];
  forcePushes: ForcePush[];
}

const toTimeline = (nodes: z.infer<typeof Timeline>["nodes"], into: ReviewTimeline): void => {
  for (const n of nodes) {
    if (!n) continue;
    switch (n.__typename) {
      case "PullRequestReview":
        if (n.submittedAt && n.author)
          into.reviews.push({
            at: n.submittedAt,
            by: n.author.login,
            state: n.state,
            byBot: n.author.__typename === "Bot",
            commit: n.reviewedCommit?.oid ?? null,
          });
        break;
      case "PullRequestCommit":
        into.commits.push({
          oid: n.commit.oid,
          parents: n.commit.parents.nodes.flatMap((p) => (p ? [p.oid] : [])),
        });
        break;
      default:
        if (n.beforeCommit)
          into.forcePushes.push({
            before: n.beforeCommit.oid,
            after: n.afterCommit?.oid ?? null,
            sameTree: n.afterCommit?.tree.oid === n.beforeCommit.tree.oid,
          });
    }
  }
};

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
): Promise<{ timeline: ReviewTimeline; paths: string[] } | undefined> => {
  const pr = PrData.parse(data).pr?.pullRequest;
  if (!pr) return undefined;
  const timeline: ReviewTimeline = { reviews: [], commits: [], forcePushes: [] };
  toTimeline(pr.timelineItems.nodes, timeline);
  let page = pr.timelineItems.pageInfo;
  for (let n = 0; page.hasNextPage && page.endCursor && n < 50; n++) {
    const more = PrData.parse(await github.graphql(MORE_TIMELINE, { ...repo, number, after: page.endCursor }))
      .pr?.pullRequest;
    if (!more) break;
    toTimeline(more.timelineItems.nodes, timeline);
    page = more.timelineItems.pageInfo;
  }
  return { timeline, paths: (pr.files?.nodes ?? []).map((f) => f.path) };
};
