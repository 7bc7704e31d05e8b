import { z } from "zod";
import type { ExtraSelection } from "./career-files.js";
import type { RepoRef } from "./types.js";

/** The issues a pull request closes (by node id): pull requests closing the same issue are one feature. */
export const closingIssuesSelection = (repo: RepoRef, number: number): ExtraSelection => ({
  declarations: "$closingOwner: String!, $closingRepo: String!, $closingNumber: Int!",
  variables: { closingOwner: repo.owner, closingRepo: repo.repo, closingNumber: number },
  selection: `closing: repository(owner: $closingOwner, name: $closingRepo) {
    pullRequest(number: $closingNumber) { closingIssuesReferences(first: 25) { nodes { id } } }
  }`,
});

const ClosingData = z.object({
  closing: z
    .object({
      pullRequest: z
        .object({
          closingIssuesReferences: z
            .object({ nodes: z.array(z.object({ id: z.string() }).nullable()) })
            .nullable()
            .optional(),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
});

export const closingIssues = (data: Record<string, unknown>): string[] => {
  const r = ClosingData.safeParse(data);
  if (!r.success) return [];
  return (r.data.closing?.pullRequest?.closingIssuesReferences?.nodes ?? []).flatMap((n) =>
    n ? [n.id] : [],
  );
};
