import { z } from "zod";
import type { ExtraSelection } from "./career-files.js";
import type { RepoRef } from "./types.js";

/** The issue part of the read: merged pull requests that close it, for "spec to launch". */
export const issueSelection = (repo: RepoRef, number: number): ExtraSelection => ({
  declarations: "$owner: String!, $repo: String!, $number: Int!",
  variables: { owner: repo.owner, repo: repo.repo, number },
  selection: `subject: repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      closedByPullRequestsReferences(first: 25, includeClosedPrs: true) { nodes { merged author { login } } }
    }
  }`,
});

const IssueData = z.object({
  subject: z
    .object({
      issue: z
        .object({
          closedByPullRequestsReferences: z
            .object({
              nodes: z.array(
                z
                  .object({ merged: z.boolean(), author: z.object({ login: z.string() }).nullable() })
                  .nullable(),
              ),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
});

export const linkedPrAuthors = (data: Record<string, unknown>): string[] =>
  (IssueData.parse(data).subject?.issue?.closedByPullRequestsReferences?.nodes ?? []).flatMap((n) =>
    n?.merged && n.author ? [n.author.login] : [],
  );
