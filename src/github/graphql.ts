import { GraphqlResponseError } from "@octokit/graphql";
import type { GitHub } from "./types.js";

/**
 * Runs a query; a repository that does not exist comes back as null (GitHub answers NOT_FOUND
 * with partial data) instead of failing the whole read.
 */
export const queryAllowingMissing = async (
  github: GitHub,
  query: string,
  variables: Record<string, unknown>,
): Promise<unknown> => {
  try {
    return await github.graphql(query, variables);
  } catch (e) {
    if (e instanceof GraphqlResponseError && e.errors?.every((x) => x.type === "NOT_FOUND")) return e.data;
    throw e;
  }
};
