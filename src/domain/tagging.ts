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

export const tagLabel = (criterion: string): string => `rungs: ${criterion}`;
