import { repoWeb } from "../render/urls.js";
import { legacyNodeId } from "../state/ids.js";
import {
  closedIssueNumbers,
  headOf,
  type PullIssue,
  pullChanges,
  pullCommits,
  pullSize,
} from "../state/pulls.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode, actorOrNull } from "./actors.js";
import { CONNECTION_ARGS, TIMELINE_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { commitNode } from "./git-objects.js";
import { issueNode } from "./issue.js";
import { issueLikeFields } from "./issue-fields.js";
import { reviewNode } from "./review.js";
import { timelineItems } from "./timeline.js";

const REVIEW_ARGS = [...CONNECTION_ARGS, "states", "author"];

export const pullState = (pr: PullIssue): "OPEN" | "CLOSED" | "MERGED" =>
  pr.pull.merged ? "MERGED" : pr.state === "closed" ? "CLOSED" : "OPEN";

export const pullRequestNode = (world: World, repo: RepoState, pr: PullIssue): GqlObject => {
  const { pull } = pr;
  const size = () => pullSize(repo, pr);
  return {
    ...issueLikeFields(world, repo, pr),
    __typename: "PullRequest",
    id: pull.nodeId,
    databaseId: pull.id,
    url: repoWeb(repo, `/pull/${pr.number}`),
    state: pullState(pr),
    merged: pull.merged,
    mergedAt: pull.mergedAt === null ? null : isoSeconds(pull.mergedAt),
    mergedBy: () => actorOrNull(world, pull.mergedBy),
    isDraft: pull.draft,
    headRefName: pull.headRef,
    baseRefName: pull.baseRef,
    headRefOid: () => headOf(repo, pr),
    baseRefOid: () => repo.branches.get(pull.baseRef) ?? pull.mergeBase,
    mergeCommit: () => commitNode(world, repo, pull.mergeCommitSha),
    additions: () => size().additions,
    deletions: () => size().deletions,
    changedFiles: () => size().changedFiles,
    /** Issues this pull request closes ("closes #n" in its body, or linked by hand), as GitHub's sidebar shows. */
    closingIssuesReferences: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) => {
      const issues = closedIssueNumbers(repo, pr).flatMap((n) => {
        const issue = repo.issues.get(n);
        return issue && !issue.pull ? [issue] : [];
      });
      return connection("closingIssuesReferences", issues, args, (issue) => issueNode(world, repo, issue));
    }),
    files: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
      connection("files", pullChanges(repo, pr), args, (change) => ({
        __typename: "PullRequestChangedFile",
        path: change.path,
        additions: change.additions,
        deletions: change.deletions,
        changeType: { added: "ADDED", removed: "DELETED", modified: "MODIFIED" }[change.status],
      })),
    ),
    reviews: withArgs(
      REVIEW_ARGS,
      (args: ConnectionArgs & { states?: string[] | null; author?: string | null }) => {
        const reviews = [...pull.reviews]
          .sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id)
          .filter((r) => !args.states || args.states.includes(r.state))
          .filter((r) => !args.author || r.author === args.author);
        return connection("reviews", reviews, args, (r) => reviewNode(world, repo, pr, r));
      },
    ),
    commits: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
      connection("commits", pullCommits(repo, pr), args, (commit) => ({
        __typename: "PullRequestCommit",
        id: legacyNodeId("PullRequestCommit", `${pull.id}:${commit.sha}`),
        commit: commitNode(world, repo, commit.sha),
        url: repoWeb(repo, `/pull/${pr.number}/commits/${commit.sha}`),
      })),
    ),
    reviewRequests: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
      connection("reviewRequests", pull.requestedReviewers, args, (login) => ({
        __typename: "ReviewRequest",
        requestedReviewer: actorNode(world, login),
      })),
    ),
    timelineItems: withArgs(TIMELINE_ARGS, (args: ConnectionArgs & { itemTypes?: string[] | null }) =>
      connection("timelineItems", timelineItems(world, repo, pr, args.itemTypes), args, (item) => item()),
    ),
  };
};
