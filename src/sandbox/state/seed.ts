import type { RepoState } from "./repo.js";
import type { World } from "./world.js";

/**
 * Gives a new repository its first commit on the default branch, so the branch exists as on any repository
 * created with a README. The commit holds the given files (possibly none).
 */
export const initialCommit = (world: World, repo: RepoState, files: Record<string, string> = {}): void => {
  repo.commitOnBranch(repo.info.defaultBranch, files, {
    message: "Initial commit",
    author: world.signature(repo.info.owner, repo.info.createdAt),
  });
};
