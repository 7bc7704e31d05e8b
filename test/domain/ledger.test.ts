import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import {
  addToLedger,
  CLAIM_TTL_MS,
  claimGoalIssue,
  emptyLedger,
  parseLedger,
  recordGoalIssue,
  serializeLedger,
} from "../../src/domain/ledger.js";
import { formatProblem } from "../../src/domain/problem.js";

const note = (n: number, by = "observed"): EvidenceItem => ({
  kind: "learning_note",
  key: `learning:people/alice/learning/${n}.md`,
  at: new Date(Date.UTC(2026, 9, n)).toISOString(),
  title: `note ${n}`,
  path: `people/alice/learning/${n}.md`,
  provenance: { source: "observed", recorded_at: `2026-10-${String(n).padStart(2, "0")}T00:00:00Z`, by },
});
const NOW = Date.UTC(2026, 9, 10);

describe("the ledger", () => {
  it("merges items as a set: arrival order and repeats do not change the file", () => {
    const a = addToLedger(addToLedger(emptyLedger("alice", "2026-Q4"), [note(3), note(1)]), [
      note(2),
      note(1),
    ]);
    const b = addToLedger(emptyLedger("alice", "2026-Q4"), [note(2), note(1), note(3), note(3)]);
    expect(serializeLedger(a)).toBe(serializeLedger(b));
    expect(a.items.map((i) => i.key)).toEqual([1, 2, 3].map((n) => `learning:people/alice/learning/${n}.md`));
    expect(addToLedger(a, [note(2)])).toBe(a);
  });

  it("parses what it writes", () => {
    const ledger = { ...addToLedger(emptyLedger("alice", "2026-Q4"), [note(1), note(2)]), goal_issue: 7 };
    const parsed = parseLedger("people/alice/evidence/2026-Q4.yml", serializeLedger(ledger));
    expect(parsed.ok && parsed.value).toEqual(ledger);
  });

  it("rejects a key written twice, at its line", () => {
    const text = serializeLedger(addToLedger(emptyLedger("alice", "2026-Q4"), [note(1), note(2)])).replace(
      "learning/2.md\n",
      "learning/1.md\n",
    );
    const r = parseLedger("l.yml", text);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      `l.yml:${text.split("\n").lastIndexOf("  - kind: learning_note") + 2}:5: items[1].key: duplicate key "learning:people/alice/learning/1.md"`,
    ]);
  });
});

describe("claiming the goal issue", () => {
  const empty = emptyLedger("alice", "2026-Q4");

  it("claims when no issue is open and no claim stands, and not otherwise", () => {
    const claimed = claimGoalIssue(empty, "d1/a", NOW);
    expect(claimed.goal_issue_claim).toEqual({ by: "d1/a", at: "2026-10-10T00:00:00.000Z" });
    expect(claimGoalIssue(claimed, "d2/b", NOW + CLAIM_TTL_MS - 1)).toBe(claimed);
    expect(claimGoalIssue({ ...empty, goal_issue: 3 }, "d2/b", NOW).goal_issue_claim).toBeUndefined();
  });

  it("lets an abandoned claim be taken over", () => {
    const claimed = claimGoalIssue(empty, "d1/a", NOW);
    expect(claimGoalIssue(claimed, "d2/b", NOW + CLAIM_TTL_MS).goal_issue_claim?.by).toBe("d2/b");
  });

  it("records the opened issue once and drops the claim", () => {
    const opened = recordGoalIssue(claimGoalIssue(empty, "d1/a", NOW), 12, "d1/a");
    expect(opened.goal_issue).toBe(12);
    expect(opened).not.toHaveProperty("goal_issue_claim");
    expect(recordGoalIssue(opened, 13, "d1/a").goal_issue).toBe(12);
    // A claim taken over by another attempt is not this attempt's to record.
    const taken = claimGoalIssue(claimGoalIssue(empty, "d1/a", NOW), "d2/b", NOW + CLAIM_TTL_MS);
    expect(recordGoalIssue(taken, 12, "d1/a")).toBe(taken);
  });
});
