import { isPull } from "../state/pulls.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { withArgs } from "./args.js";
import type { GqlObject, GraphqlContext } from "./context.js";
import { type CreateCommitOnBranchInput, createCommitOnBranch } from "./create-commit-on-branch.js";
import { notFoundError } from "./errors.js";
import { issueNode } from "./issue.js";
import { pullRequestNode } from "./pull-request.js";
import { repositoryNode } from "./repository.js";
import { searchField } from "./search.js";

/** Finds any node the sandbox can answer for by its global id: repositories, issues and pull requests. */
const nodeById = (world: World, id: string): GqlObject | null => {
  for (const repo of world.allRepos()) {
    if (repo.info.nodeId === id) return repositoryNode(world, repo);
    for (const issue of repo.issues.values()) {
      if (isPull(issue) && issue.pull.nodeId === id) return pullRequestNode(world, repo, issue);
      if (!issue.pull && issue.nodeId === id) return issueNode(world, repo, issue);
    }
  }
  return null;
};

/** The Query and Mutation fields the sandbox serves; any other root field fails with its name. */
export const rootValue = (world: World): GqlObject => ({
  repository: withArgs(["owner", "name"], ({ owner, name }: { owner: string; name: string }, ctx) => {
    const repo = world.repo(`${owner}/${name}`);
    if (!repo) throw notFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
    ctx.readRepo ??= repo.fullName;
    return repositoryNode(world, repo);
  }),
  search: searchField(world),
  node: withArgs(["id"], ({ id }: { id: string }) => nodeById(world, id)),
  rateLimit: (_args: unknown, ctx: GraphqlContext) => {
    // The window as it will stand once this query is paid for (its cost is charged before it runs).
    const window = world.rateLimits.peek("graphql", world.clock.now());
    return {
      limit: window.limit,
      cost: ctx.cost ?? 1,
      used: window.used + 1,
      remaining: Math.max(0, window.remaining - 1),
      resetAt: isoSeconds(window.reset * 1000),
      nodeCount: 0,
    };
  },
  createCommitOnBranch: withArgs(["input"], ({ input }: { input: CreateCommitOnBranchInput }, ctx) =>
    createCommitOnBranch(world, ctx, input),
  ),
});
