import { ancestors, isAncestor } from "../git/history.js";
import { repoWeb } from "../render/urls.js";
import { legacyNodeId } from "../state/ids.js";
import { headOf, isPull, type PullIssue, pullCommits } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode, actorOrNull } from "./actors.js";
import type { GqlObject } from "./context.js";
import { commitNode } from "./git-objects.js";
import { commentNode } from "./issue-fields.js";
import { reviewNode } from "./review.js";

/**
 * The base branch's tip that the pull request's commits are counted against: the branch itself while the
 * pull request is not in it; once merged into it with a merge commit, the base as it was before (that
 * commit's first parent); otherwise none.
 */
const baseTip = (repo: RepoState, pr: PullIssue): string | undefined => {
  const head = headOf(repo, pr);
  const branch = repo.branches.get(pr.pull.baseRef);
  if (branch && !isAncestor(repo.objects, head, branch)) return branch;
  const merge = pr.pull.mergeCommitSha ? repo.objects.commit(pr.pull.mergeCommitSha) : undefined;
  return merge && merge.parents.length >= 2 ? merge.parents[0] : undefined;
};

/**
 * The pull request's own commits as GitHub lists them (`base...head`): base-branch commits that came in by
 * merging the base into the head ("Update branch") are not among them.
 */
const ownCommits = (repo: RepoState, pr: PullIssue) => {
  const commits = pullCommits(repo, pr);
  const tip = baseTip(repo, pr);
  if (!tip) return commits;
  const onBase = ancestors(repo.objects, tip);
  return commits.filter((c) => !onBase.has(c.sha));
};

/** A timeline entry: its item type (as in `itemTypes`), when it happened, and the node to answer. */
interface TimelineEntry {
  type: string;
  at: number;
  node: () => GqlObject | null;
}

const entries = (world: World, repo: RepoState, issue: IssueRecord): TimelineEntry[] => {
  const found: TimelineEntry[] = issue.comments.map((comment, i) => ({
    type: "ISSUE_COMMENT",
    at: comment.createdAt,
    node: () => commentNode(world, repo, issue, i),
  }));
  if (issue.state === "closed" && issue.closedAt !== null && !issue.pull?.merged) {
    found.push({
      type: "CLOSED_EVENT",
      at: issue.closedAt,
      node: () => ({
        __typename: "ClosedEvent",
        id: legacyNodeId("ClosedEvent", `${issue.id}:${issue.closedAt}`),
        createdAt: isoSeconds(issue.closedAt!),
        actor: actorOrNull(world, issue.closedBy),
        stateReason: issue.stateReason?.toUpperCase() ?? null,
      }),
    });
  }
  if (!isPull(issue)) return found;
  const { pull } = issue;
  for (const commit of ownCommits(repo, issue)) {
    found.push({
      type: "PULL_REQUEST_COMMIT",
      at: commit.committer.date,
      node: () => ({
        __typename: "PullRequestCommit",
        id: legacyNodeId("PullRequestCommit", `${pull.id}:${commit.sha}`),
        commit: commitNode(world, repo, commit.sha),
        url: repoWeb(repo, `/pull/${issue.number}/commits/${commit.sha}`),
      }),
    });
  }
  for (const review of pull.reviews) {
    found.push({
      type: "PULL_REQUEST_REVIEW",
      at: review.submittedAt,
      node: () => reviewNode(world, repo, issue, review),
    });
  }
  for (const push of pull.forcePushes) {
    found.push({
      type: "HEAD_REF_FORCE_PUSHED_EVENT",
      at: push.at,
      node: () => ({
        __typename: "HeadRefForcePushedEvent",
        id: push.nodeId,
        createdAt: isoSeconds(push.at),
        actor: actorNode(world, push.actor),
        beforeCommit: commitNode(world, repo, push.beforeSha),
        afterCommit: commitNode(world, repo, push.afterSha),
      }),
    });
  }
  if (pull.merged && pull.mergedAt !== null) {
    found.push({
      type: "MERGED_EVENT",
      at: pull.mergedAt,
      node: () => ({
        __typename: "MergedEvent",
        id: legacyNodeId("MergedEvent", pull.id),
        createdAt: isoSeconds(pull.mergedAt!),
        actor: actorOrNull(world, pull.mergedBy),
        commit: commitNode(world, repo, pull.mergeCommitSha),
        mergeRefName: pull.baseRef,
      }),
    });
  }
  return found;
};

const MODELLED = new Set([
  "ISSUE_COMMENT",
  "CLOSED_EVENT",
  "PULL_REQUEST_COMMIT",
  "PULL_REQUEST_REVIEW",
  "HEAD_REF_FORCE_PUSHED_EVENT",
  "MERGED_EVENT",
]);

/** Timeline items in time order, like GitHub; asking for a type the sandbox does not model fails loudly. */
export const timelineItems = (
  world: World,
  repo: RepoState,
  issue: IssueRecord,
  itemTypes: string[] | null | undefined,
): (() => GqlObject | null)[] => {
  const all = entries(world, repo, issue);
  for (const type of itemTypes ?? []) {
    if (!MODELLED.has(type))
      throw new Error(`sandbox: GraphQL timeline item type ${type} is not implemented`);
  }
  return all
    .map((entry, order) => ({ entry, order }))
    .filter(({ entry }) => !itemTypes || itemTypes.includes(entry.type))
    .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
    .map(({ entry }) => entry.node);
};
