import { matchesWhere } from "./criteria.js";
import type { EvidenceItem } from "./evidence.js";
import type { Level } from "./ladder/schema.js";

/** Criteria of the path to the next level that an item counts toward (for opt-in labels). */
export const criteriaCountedBy = (level: Level, item: EvidenceItem): string[] =>
  level.criteria
    .filter(
      (c) =>
        "evidence" in c.rule &&
        c.rule.evidence === item.kind &&
        matchesWhere(item, "where" in c.rule ? c.rule.where : undefined),
    )
    .map((c) => c.id);

/**
 * Labels about people's evidence go only where just the team sees them: a private repository, never a
 * public one or an internal one (visible to the whole enterprise).
 */
export const onlyTheTeamSees = (repo: { private: boolean; visibility?: string | undefined }): boolean =>
  repo.private && repo.visibility?.toLowerCase() !== "internal";

export const tagLabel = (criterion: string): string => `rungs: ${criterion}`;
