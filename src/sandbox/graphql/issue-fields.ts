import { repoWeb } from "../render/urls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode } from "./actors.js";
import { CONNECTION_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { repositoryNode } from "./repository.js";

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

export const commentNode = (world: World, repo: RepoState, issue: IssueRecord, index: number): GqlObject => {
  const comment = issue.comments[index]!;
  const kind = issue.pull ? "pull" : "issues";
  return {
    __typename: "IssueComment",
    id: comment.nodeId,
    databaseId: comment.id,
    body: comment.body,
    author: actorNode(world, comment.author),
    createdAt: isoSeconds(comment.createdAt),
    updatedAt: isoSeconds(comment.updatedAt),
    url: repoWeb(repo, `/${kind}/${issue.number}#issuecomment-${comment.id}`),
  };
};

/** Fields issues and pull requests share on GitHub (both are `Comment`, `Labelable`, `Assignable`…). */
export const issueLikeFields = (world: World, repo: RepoState, issue: IssueRecord): GqlObject => ({
  number: issue.number,
  title: issue.title,
  // GraphQL's `body` is `String!`: an issue without a body answers "".
  body: issue.body ?? "",
  closed: issue.state === "closed",
  closedAt: iso(issue.closedAt),
  createdAt: isoSeconds(issue.createdAt),
  updatedAt: isoSeconds(issue.updatedAt),
  locked: false,
  author: () => actorNode(world, issue.author),
  repository: () => repositoryNode(world, repo),
  labels: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
    connection("labels", issue.labels, args, (name) => {
      const label = repo.labels.get(name.toLowerCase());
      return {
        __typename: "Label",
        id: label?.nodeId ?? null,
        name,
        color: label?.color ?? "ededed",
        description: label?.description ?? null,
      };
    }),
  ),
  assignees: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
    connection("assignees", issue.assignees, args, (login) => actorNode(world, login)),
  ),
  comments: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
    connection(
      "comments",
      issue.comments.map((_, i) => i),
      args,
      (i) => commentNode(world, repo, issue, i),
    ),
  ),
});
