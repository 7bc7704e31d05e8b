import type { GitHub, RepoRef } from "./types.js";

/** Labels a counted PR or issue with the criteria it counts toward (opt-in, private repositories only). */
export const addLabels = async (
  github: GitHub,
  repo: RepoRef,
  number: number,
  labels: string[],
): Promise<void> => {
  if (labels.length) await github.rest.issues.addLabels({ ...repo, issue_number: number, labels });
};
