import { createHash } from "node:crypto";
import { reportProblems } from "../github/check-runs.js";
import type { GitHub, RepoRef } from "../github/types.js";
import type { BoundedSet } from "./bounded-set.js";

/**
 * A failing `rungs` check run on the career repo's latest commit listing what to fix, made once per
 * problem list by an instance (`memo` is bounded; another instance may repeat it once). Every ledger
 * write is a commit, so keying by commit would repeat it on every event.
 */
export const reportOnce = async (
  github: GitHub,
  memo: BoundedSet,
  where: RepoRef,
  sha: string | undefined,
  title: string,
  lines: readonly string[],
): Promise<void> => {
  if (!sha || lines.length === 0) return;
  const digest = createHash("sha256")
    .update(`${title}\n${lines.join("\n")}`)
    .digest("base64url");
  const key = `report:${where.owner}/${where.repo}:${digest}`.toLowerCase();
  if (memo.has(key)) return;
  memo.add(key);
  await reportProblems(github, where, sha, title, [...lines]);
};
