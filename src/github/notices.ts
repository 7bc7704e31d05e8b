import { type GitHub, type RepoRef, repoParams } from "./types.js";

export const PAUSED_LABEL = "rungs: paused";

/** Says in the career repo, once, why Rungs writes nothing there. */
export const announceRefusal = async (github: GitHub, career: RepoRef, reason: string): Promise<void> => {
  const { data } = await github.rest.issues.listForRepo({
    ...repoParams(career),
    labels: PAUSED_LABEL,
    state: "open",
    per_page: 1,
  });
  if (data.length) return;
  await github.rest.issues.create({
    ...repoParams(career),
    title: `Rungs is paused: this ${reason}`,
    labels: [PAUSED_LABEL],
    body: [
      `Rungs records evidence about people's work and promotions. That is sensitive, so Rungs refuses to write it here: the ${reason}.`,
      "",
      "Make this repository private (Settings → General → Danger Zone → Change visibility), or, if you really mean to share it this widely, set `privacy.allow_public_career_repo: true` in `.github/rungs.yml`.",
    ].join("\n"),
  });
};
