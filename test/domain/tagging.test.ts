import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { criteriaCountedBy, tagLabel } from "../../src/domain/tagging.js";
import { criterion, issue, level, manual, note, pr, review } from "./fixtures.js";

const ic0 = level({
  id: "IC0",
  next: "IC1",
  criteria: [
    criterion("small-features", {
      kind: "count",
      evidence: "pull_request",
      min: 1,
      where: { class: ["feature"], small: true },
    }),
    criterion("any-pr", { kind: "count", evidence: "pull_request", min: 1 }),
    criterion("rounds", {
      kind: "aggregate",
      evidence: "pull_request",
      field: "review_rounds",
      stat: "median",
      max: 2,
      min_sample: 1,
      where: { reviewed: true },
    }),
    criterion("weekly-notes", { kind: "weekly", evidence: "learning_note", min_weeks: 1 }),
    criterion("incidents", { kind: "count", evidence: "issue", min: 1, where: { class: ["incident"] } }),
    criterion("reports", { kind: "people", who: "reports", min: 1, within_quarters: 4 }),
    criterion("by-hand", { kind: "manual", min: 1 }),
  ],
  signals: [criterion("signal-prs", { kind: "count", evidence: "pull_request", min: 1 })],
});

describe("criteria an item counts toward (opt-in labels)", () => {
  it.each<[string, EvidenceItem, string[]]>([
    [
      "a small reviewed feature",
      pr({ class: "feature", small: true, reviewed: true }),
      ["small-features", "any-pr", "rounds"],
    ],
    ["a large unreviewed feature", pr({ class: "feature", small: false, reviewed: false }), ["any-pr"]],
    ["a small bug fix, reviewed", pr({ class: "bugfix", small: true, reviewed: true }), ["any-pr", "rounds"]],
    ["a learning note", note(), ["weekly-notes"]],
    ["an incident", issue({ class: "incident" }), ["incidents"]],
    ["a task", issue({ class: "task" }), []],
    ["a review: no criterion looks at reviews", review(), []],
    ["a manual item: manual and people criteria have no evidence kind", manual("by-hand"), []],
  ])("%s", (_name, item, ids) => {
    expect(criteriaCountedBy(ic0, item)).toEqual(ids);
  });

  it("names the label after the criterion", () => {
    expect(tagLabel("ship-small-features")).toBe("rungs: ship-small-features");
  });
});
