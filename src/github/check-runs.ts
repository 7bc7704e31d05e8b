import { type GitHub, type RepoRef, repoParams } from "./types.js";

/** A failing `rungs` check run on a commit, listing problems people can fix. */
export const reportProblems = async (
  github: GitHub,
  career: RepoRef,
  headSha: string,
  title: string,
  lines: string[],
): Promise<void> => {
  await github.rest.checks.create({
    ...repoParams(career),
    name: "rungs",
    head_sha: headSha,
    status: "completed",
    conclusion: "failure",
    output: {
      title,
      // One line per problem, in code: untrusted text (a YAML key, a login) cannot become markdown.
      summary: lines
        .map(
          (l) =>
            `- \`${l
              .replace(/`/g, "'")
              .replace(/[\r\n]+/g, " ")
              .slice(0, 500)}\``,
        )
        .join("\n")
        .slice(0, 60_000),
    },
  });
};
