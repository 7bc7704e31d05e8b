import { repoWeb } from "../render/urls.js";
import { authorAssociation } from "../render/user.js";
import type { IssueRecord, ReviewRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode } from "./actors.js";
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
});
