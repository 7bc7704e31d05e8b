import { stringify } from "yaml";
import { z } from "zod";
import { EvidenceItem, mergeItems } from "./evidence.js";
import { type Checked, failed, ok, problemAt } from "./problem.js";
import { checkText, parseYaml, zodProblems } from "./yaml-source.js";

/**
 * The ledger: the system of record for one engineer's evidence in one quarter,
 * `people/<login>/evidence/<quarter>.yml` on the career repo's default branch.
 */
export const Ledger = z.strictObject({
  login: z.string(),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/),
  /** The quarter's goal issue in the career repo, once opened. */
  goal_issue: z.number().int().nullable().default(null),
  /** Which delivery is opening the goal issue, so concurrent instances open exactly one. */
  goal_issue_claim: z.strictObject({ by: z.string(), at: z.string() }).optional(),
  items: z.array(EvidenceItem).default([]),
});
export type Ledger = z.infer<typeof Ledger>;

export const emptyLedger = (login: string, quarter: string): Ledger => ({
  login,
  quarter,
  goal_issue: null,
  items: [],
});

export const parseLedger = (file: string, text: string): Checked<Ledger> => {
  const bad = checkText(file, text);
  if (bad) return failed([bad]);
  const source = parseYaml(file, text);
  if ("message" in source) return failed([source]);
  const result = Ledger.safeParse(source.data);
  if (!result.success) return failed(zodProblems(source, result.error));
  const keys = new Set<string>();
  for (const [i, item] of result.data.items.entries()) {
    if (keys.has(item.key)) {
      const at = source.locate(["items", i, "key"]);
      return failed([problemAt(file, `items[${i}].key: duplicate key "${item.key}"`, at.line, at.column)]);
    }
    keys.add(item.key);
  }
  return ok(result.data);
};

const HEADER = (l: Ledger) =>
  `# Rungs evidence ledger: ${l.login}, ${l.quarter}.\n` +
  "# Written by Rungs; people may add items (provenance source: added). Definitions: docs/metrics.md\n";

export const serializeLedger = (ledger: Ledger): string => {
  const { goal_issue_claim, ...rest } = ledger;
  const data = {
    ...rest,
    ...(goal_issue_claim ? { goal_issue_claim } : {}),
    items: mergeItems([], ledger.items),
  };
  return HEADER(ledger) + stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
};

/** Adds items as a set; returns the same ledger when nothing is new. */
export const addToLedger = (ledger: Ledger, items: readonly EvidenceItem[]): Ledger => {
  const known = new Set(ledger.items.map((i) => i.key));
  const fresh = items.filter((i) => !known.has(i.key));
  return fresh.length ? { ...ledger, items: mergeItems(ledger.items, fresh) } : ledger;
};

/** A claim to open the goal issue older than this is abandoned (its instance died) and may be taken over. */
export const CLAIM_TTL_MS = 10 * 60_000;

/**
 * Claims the right to open the quarter's goal issue when none is open and no live claim stands. Written
 * with the evidence in one compare-and-swap, so of several racing writers exactly one holds the claim.
 */
export const claimGoalIssue = (ledger: Ledger, token: string, now: number): Ledger => {
  const claim = ledger.goal_issue_claim;
  const live = claim !== undefined && now - Date.parse(claim.at) < CLAIM_TTL_MS;
  if (ledger.goal_issue !== null || live) return ledger;
  return { ...ledger, goal_issue_claim: { by: token, at: new Date(now).toISOString() } };
};

/** Records the opened goal issue and drops the claim; a goal issue already recorded is kept. */
export const recordGoalIssue = (ledger: Ledger, issue: number): Ledger => {
  if (ledger.goal_issue !== null) return ledger;
  const { goal_issue_claim: _claim, ...rest } = ledger;
  return { ...rest, goal_issue: issue };
};
