import type { ProbotOctokit } from "probot";

/** The Octokit every github/ module takes: Probot's, authenticated as an installation. */
export type GitHub = InstanceType<typeof ProbotOctokit>;

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * Just the owner and name, for a request's parameters: a wider reference (the career repo with its
 * default branch, visibility and head) spread into them would go to GitHub as query or body fields.
 */
export const repoParams = (ref: RepoRef): RepoRef => ({ owner: ref.owner, repo: ref.repo });

export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
