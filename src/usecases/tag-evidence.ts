import type { EvidenceItem } from "../domain/evidence.js";
import { criteriaCountedBy, tagLabel } from "../domain/tagging.js";
import { addLabels } from "../github/labels.js";
import type { RepoRef } from "../github/types.js";
import type { UseCaseContext } from "./context.js";

/** Opt-in: label a counted PR or issue with its criteria. Never in a public repository. */
export const tagEvidence = async (
  ctx: UseCaseContext,
  login: string,
  item: EvidenceItem,
  repo: RepoRef,
  isPrivate: boolean,
) => {
  if (!ctx.config.settings.privacy.tagging || !isPrivate) return;
  if (item.kind !== "pull_request" && item.kind !== "issue") return;
  const level = ctx.config.ladder.levels.get(ctx.config.profiles.get(login)?.level ?? "");
  if (!level) return;
  await addLabels(ctx.github, repo, item.number, criteriaCountedBy(level, item).map(tagLabel));
};
