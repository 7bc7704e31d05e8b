import { GraphqlResponseError } from "@octokit/graphql";
import type { GitHub, RepoRef } from "./types.js";

const COMMIT = `mutation RungsBatchCommit($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

/**
 * Several people's ledger files in one commit (one content-creating request, however many files), as a
 * compare-and-swap on the branch head: `undefined` when the branch moved since `expectedHead` was read
 * (GitHub's STALE_DATA), so the caller re-reads and re-applies its set merge.
 */
export const commitFiles = async (
  github: GitHub,
  career: RepoRef & { defaultBranch: string },
  expectedHead: string,
  files: ReadonlyMap<string, string>,
  message: string,
): Promise<string | undefined> => {
  try {
    const data = await github.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(COMMIT, {
      input: {
        branch: {
          repositoryNameWithOwner: `${career.owner}/${career.repo}`,
          branchName: career.defaultBranch,
        },
        expectedHeadOid: expectedHead,
        message: { headline: message },
        fileChanges: {
          additions: [...files].map(([path, text]) => ({
            path,
            contents: Buffer.from(text, "utf8").toString("base64"),
          })),
        },
      },
    });
    return data.createCommitOnBranch.commit.oid;
  } catch (e) {
    if (e instanceof GraphqlResponseError && e.errors?.some((x) => x.type === "STALE_DATA")) return undefined;
    throw e;
  }
};
