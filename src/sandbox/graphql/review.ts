import { repoWeb } from "../render/urls.js";
import { authorAssociation } from "../render/user.js";
import type { IssueRecord, ReviewRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode } from "./actors.js";
import { CONNECTION_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { commitNode } from "./git-objects.js";

export const reviewNode = (
  world: World,
  repo: RepoState,
  issue: IssueRecord,
  review: ReviewRecord,
): GqlObject => ({
  __typename: "PullRequestReview",
  id: review.nodeId,
  databaseId: review.id,
  state: review.state,
  body: review.body,
  submittedAt: isoSeconds(review.submittedAt),
  createdAt: isoSeconds(review.submittedAt),
  publishedAt: isoSeconds(review.submittedAt),
  updatedAt: isoSeconds(review.submittedAt),
  url: repoWeb(repo, `/pull/${issue.number}#pullrequestreview-${review.id}`),
  authorAssociation: authorAssociation(world, repo.info.owner, review.author),
  author: () => actorNode(world, review.author),
  commit: () => commitNode(world, repo, review.commitId),
  /**
   * Inline comments: the sandbox does not model them, so there are none. `totalCount` alone may be asked
   * without `first`, as on GitHub; asking for nodes needs a boundary like any connection.
   */
  comments: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
    args.first == null && args.last == null
      ? { totalCount: 0, nodes: [], edges: [], pageInfo: EMPTY_PAGE }
      : connection("comments", [], args, () => null),
  ),
});

const EMPTY_PAGE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
