import { entryAt } from "../git/snapshot.js";
import { repoWeb } from "../render/urls.js";
import { isPull } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { actorNode } from "./actors.js";
import { CONNECTION_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { notFoundError } from "./errors.js";
import { gitObjectNode, refNode } from "./git-objects.js";
import { issueNode } from "./issue.js";
import { pullRequestNode, pullState } from "./pull-request.js";

interface OrderArgs {
  orderBy?: { field: string; direction: "ASC" | "DESC" } | null;
}

type IssueListArgs = ConnectionArgs & OrderArgs & { states?: string[] | null; labels?: string[] | null };

const ISSUE_ARGS = [...CONNECTION_ARGS, "states", "labels", "orderBy"];
const PULL_ARGS = [...ISSUE_ARGS, "headRefName", "baseRefName"];

/** `object(expression:)`: "REF:path", "HEAD:path", a branch, or an oid; null when nothing is there. */
const resolveObject = (world: World, repo: RepoState, expression: string): GqlObject | null => {
  const colon = expression.indexOf(":");
  if (colon === -1) {
    const sha = repo.resolveCommit(expression) ?? repo.objects.expand(expression);
    return sha ? gitObjectNode(world, repo, sha) : null;
  }
  const commitSha = repo.resolveCommit(expression.slice(0, colon) || "HEAD");
  const commit = commitSha ? repo.objects.commit(commitSha) : undefined;
  if (!commit) return null;
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, "");
  const entry = entryAt(repo.objects, commit.tree, path);
  return entry ? gitObjectNode(world, repo, entry.sha, path) : null;
};

const ordered = <T extends IssueRecord>(items: T[], args: OrderArgs): T[] => {
  const field = args.orderBy?.field ?? "CREATED_AT";
  const sign = args.orderBy?.direction === "DESC" ? -1 : 1;
  const key = (i: IssueRecord) =>
    field === "UPDATED_AT" ? i.updatedAt : field === "COMMENTS" ? i.comments.length : i.createdAt;
  return [...items].sort((a, b) => (key(a) - key(b) || a.number - b.number) * sign);
};

const hasLabels = (issue: IssueRecord, labels: string[] | null | undefined): boolean =>
  !labels ||
  labels.length === 0 ||
  labels.some((l) => issue.labels.some((own) => own.toLowerCase() === l.toLowerCase()));

export const repositoryNode = (world: World, repo: RepoState): GqlObject => {
  const issueNumbered = (number: number) => {
    const issue = repo.issues.get(number);
    return issue && !issue.pull ? issue : undefined;
  };
  return {
    __typename: "Repository",
    id: repo.info.nodeId,
    databaseId: repo.info.id,
    name: repo.info.name,
    nameWithOwner: repo.fullName,
    isPrivate: repo.isPrivate,
    isArchived: repo.info.archived,
    visibility: repo.info.visibility.toUpperCase(),
    url: repoWeb(repo),
    createdAt: isoSeconds(repo.info.createdAt),
    owner: () => actorNode(world, repo.info.owner),
    defaultBranchRef: () => refNode(world, repo, repo.info.defaultBranch),
    ref: withArgs(["qualifiedName"], ({ qualifiedName }: { qualifiedName: string }) =>
      refNode(world, repo, qualifiedName.replace(/^refs\/heads\//, "")),
    ),
    object: withArgs(["expression", "oid"], (args: { expression?: string | null; oid?: string | null }) =>
      resolveObject(world, repo, args.expression ?? args.oid ?? ""),
    ),
    issue: withArgs(["number"], ({ number }: { number: number }) => {
      const issue = issueNumbered(number);
      if (!issue) throw notFoundError(`Could not resolve to an Issue with the number of ${number}.`);
      return issueNode(world, repo, issue);
    }),
    pullRequest: withArgs(["number"], ({ number }: { number: number }) => {
      const issue = repo.issues.get(number);
      if (!isPull(issue))
        throw notFoundError(`Could not resolve to a PullRequest with the number of ${number}.`);
      return pullRequestNode(world, repo, issue);
    }),
    issueOrPullRequest: withArgs(["number"], ({ number }: { number: number }) => {
      const issue = repo.issues.get(number);
      if (!issue)
        throw notFoundError(`Could not resolve to an issue or pull request with the number of ${number}.`);
      return isPull(issue) ? pullRequestNode(world, repo, issue) : issueNode(world, repo, issue);
    }),
    issues: withArgs(ISSUE_ARGS, (args: IssueListArgs) => {
      const issues = [...repo.issues.values()]
        .filter((i) => !i.pull)
        .filter((i) => !args.states || args.states.includes(i.state.toUpperCase()))
        .filter((i) => hasLabels(i, args.labels));
      return connection("issues", ordered(issues, args), args, (i) => issueNode(world, repo, i));
    }),
    pullRequests: withArgs(
      PULL_ARGS,
      (args: IssueListArgs & { headRefName?: string | null; baseRefName?: string | null }) => {
        const pulls = [...repo.issues.values()]
          .filter(isPull)
          .filter((pr) => !args.states || args.states.includes(pullState(pr)))
          .filter((pr) => hasLabels(pr, args.labels))
          .filter((pr) => !args.headRefName || pr.pull.headRef === args.headRefName)
          .filter((pr) => !args.baseRefName || pr.pull.baseRef === args.baseRefName);
        return connection("pullRequests", ordered(pulls, args), args, (pr) =>
          pullRequestNode(world, repo, pr),
        );
      },
    ),
  };
};
