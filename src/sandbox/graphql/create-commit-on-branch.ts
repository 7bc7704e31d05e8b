import type { World } from "../state/world.js";
import type { GqlObject, GraphqlContext } from "./context.js";
import { notFoundError, TypedGraphqlError } from "./errors.js";
import { commitNode, refNode } from "./git-objects.js";

export interface CreateCommitOnBranchInput {
  branch: { repositoryNameWithOwner?: string | null; branchName?: string | null; id?: string | null };
  expectedHeadOid: string;
  message: { headline: string; body?: string | null };
  fileChanges?: {
    additions?: { path: string; contents: string }[] | null;
    deletions?: { path: string }[] | null;
  } | null;
  clientMutationId?: string | null;
}

/**
 * GitHub's atomic multi-file commit. It is a compare-and-swap on the branch head: a stale
 * `expectedHeadOid` fails with STALE_DATA and writes nothing.
 */
export const createCommitOnBranch = (
  world: World,
  ctx: GraphqlContext,
  input: CreateCommitOnBranchInput,
): GqlObject => {
  const { repositoryNameWithOwner: fullName, branchName } = input.branch;
  if (!fullName || !branchName) {
    throw new Error(
      "sandbox: createCommitOnBranch needs branch.repositoryNameWithOwner and branch.branchName",
    );
  }
  ctx.writtenRepo = fullName;
  const repo = world.repo(fullName);
  if (!repo) throw notFoundError(`Could not resolve to a Repository with the name '${fullName}'.`);
  const head = repo.branches.get(branchName);
  if (!head) throw notFoundError(`Could not resolve to a Ref with the name 'refs/heads/${branchName}'.`);
  if (input.expectedHeadOid !== head) {
    throw new TypedGraphqlError(
      "STALE_DATA",
      `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`,
    );
  }
  const files = repo.snapshot(head);
  const changes: Record<string, string | null> = {};
  for (const { path } of input.fileChanges?.deletions ?? []) {
    if (!files.has(path)) {
      throw new TypedGraphqlError(
        "UNPROCESSABLE",
        `A path was requested for deletion which does not exist as of commit oid \`${head}\``,
      );
    }
    changes[path] = null;
  }
  for (const { path, contents } of input.fileChanges?.additions ?? []) {
    changes[path] = Buffer.from(contents, "base64").toString("utf8");
  }
  const body = input.message.body?.trim();
  const commit = repo.commitOnBranch(branchName, changes, {
    message: body ? `${input.message.headline}\n\n${body}` : input.message.headline,
    author: world.signature(world.app.botLogin),
  });
  return {
    clientMutationId: input.clientMutationId ?? null,
    commit: commitNode(world, repo, commit.sha),
    ref: refNode(world, repo, branchName),
  };
};
