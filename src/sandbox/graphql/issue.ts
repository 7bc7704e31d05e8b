import { repoWeb } from "../render/urls.js";
import { pullsClosing } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { CONNECTION_ARGS, TIMELINE_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { issueLikeFields } from "./issue-fields.js";
import { pullRequestNode } from "./pull-request.js";
import { timelineItems } from "./timeline.js";

export const issueNode = (world: World, repo: RepoState, issue: IssueRecord): GqlObject => ({
  ...issueLikeFields(world, repo, issue),
  __typename: "Issue",
  id: issue.nodeId,
  databaseId: issue.id,
  url: repoWeb(repo, `/issues/${issue.number}`),
  state: issue.state.toUpperCase(),
  stateReason: issue.stateReason?.toUpperCase() ?? null,
  /** Pull requests that close this issue ("closes #n" in their body, or linked by hand); merged ones count as not closed. */
  closedByPullRequestsReferences: withArgs(
    [...CONNECTION_ARGS, "includeClosedPrs"],
    (args: ConnectionArgs & { includeClosedPrs?: boolean | null }) => {
      const pulls = pullsClosing(repo, issue.number).filter(
        (pr) => args.includeClosedPrs || pr.state === "open" || pr.pull.merged,
      );
      return connection("closedByPullRequestsReferences", pulls, args, (pr) =>
        pullRequestNode(world, repo, pr),
      );
    },
  ),
  timelineItems: withArgs(TIMELINE_ARGS, (args: ConnectionArgs & { itemTypes?: string[] | null }) =>
    connection("timelineItems", timelineItems(world, repo, issue, args.itemTypes), args, (item) => item()),
  ),
});
