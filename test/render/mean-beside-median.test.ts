import { describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import { evaluateCriterion } from "../../src/domain/criteria.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder } from "../../src/domain/ladder/load.js";
import type { Rule } from "../../src/domain/ladder/schema.js";
import type { Profile } from "../../src/domain/profile.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { formatValue } from "../../src/render/format.js";
import { renderGoalIssue } from "../../src/render/goal-issue.js";
import { renderReportText } from "../../src/render/report-text.js";
import { criterion, dayInQ4, pr } from "../domain/fixtures.js";

const ladder = (() => {
  const r = loadLadder(bundledLadder());
  if (!r.ok) throw new Error("bundled ladder");
  return r.value;
})();
const alice: Profile = { login: "alice", level: "IC0", manager: "dana", history: [], notes: "" };
const rounds = (...xs: number[]): EvidenceItem[] =>
  xs.map((review_rounds, i) => pr({ number: i + 1, at: dayInQ4(i + 1), review_rounds }));

const report = (items: EvidenceItem[]): Report =>
  buildReport(
    {
      settings: defaultSettings(),
      ladder,
      profiles: new Map([["alice", alice]]),
      items: (_login, q) => (q === "2026-Q4" ? items : undefined),
      goals: () => undefined,
    },
    "alice",
    { year: 2026, q: 4 },
  ) as Report;

const goalIssueBody = (items: EvidenceItem[]): string => {
  const level = ladder.levels.get("IC0");
  if (!level) throw new Error("IC0");
  return renderGoalIssue(report(items), {
    template: loadTemplates().goalIssue,
    profile: alice,
    level,
    calendar: { startMonth: 1, timeZone: "UTC" },
    ledgerPath: "people/alice/evidence/2026-Q4.yml",
    ledgerUrl: "https://github.com/acme/careers/blob/main/people/alice/evidence/2026-Q4.yml",
  }).body;
};

describe("the mean beside the median", () => {
  it.each<[string, { value: number | null; mean?: number }, string]>([
    ["a median with its mean", { value: 1.5, mean: 1.8 }, "1.5 (mean 1.8)"],
    ["two decimals at most", { value: 2, mean: 1.67 }, "2 (mean 1.67)"],
    ["zero is a value", { value: 0, mean: 0 }, "0 (mean 0)"],
    ["no mean (counts, a mean rule)", { value: 2 }, "2"],
    ["not measurable yet", { value: null }, "—"],
  ])("formats %s", (_name, c, text) => {
    expect(formatValue(c)).toBe(text);
  });

  const aggregate = (stat: "median" | "mean", min_sample = 1): Rule => ({
    kind: "aggregate",
    evidence: "pull_request",
    field: "review_rounds",
    stat,
    max: 2,
    min_sample,
  });
  const evaluate = (rule: Rule, items: EvidenceItem[]) =>
    evaluateCriterion(criterion("rounds", rule), {
      login: "alice",
      quarter: { year: 2026, q: 4 },
      calendar: { startMonth: 1, timeZone: "UTC" },
      items,
      profiles: new Map(),
      ladder,
    });

  it.each<[string, Rule, EvidenceItem[], number | null, number | undefined]>([
    [
      "a median rule keeps the median as its value, with the mean",
      aggregate("median"),
      rounds(1, 1, 2, 2, 3),
      2,
      1.8,
    ],
    ["the mean is rounded to two decimals", aggregate("median"), rounds(1, 2, 2), 2, 1.67],
    ["not measurable: neither", aggregate("median", 5), rounds(1, 2), null, undefined],
    [
      "a mean rule's value is the mean already: no second one",
      aggregate("mean"),
      rounds(1, 2, 3, 10),
      4,
      undefined,
    ],
  ])("criteria: %s", (_name, rule, items, value, mean) => {
    const result = evaluate(rule, items);
    expect(result.value).toBe(value);
    expect(result.mean).toBe(mean);
  });

  it("shows in the goal issue's progress table for the review-rounds criterion only", () => {
    const body = goalIssueBody(rounds(1, 1, 2, 2, 3));
    const row = body.split("\n").find((l) => l.includes("`review-rounds`"));
    expect(row).toContain("| 2 (mean 1.8) | ≤ 2 | ✅ met |");
    const count = body.split("\n").find((l) => l.includes("`ship-small-features`"));
    expect(count).toContain("| 5 | ≥ 10 |");
    expect(count).not.toContain("mean");
  });

  it("shows a dash while the median is not measurable", () => {
    const row = goalIssueBody(rounds(1, 3))
      .split("\n")
      .find((l) => l.includes("`review-rounds`"));
    expect(row).toContain("| — | ≤ 2 | not measurable yet (2 of 5 needed) |");
  });

  it("shows in `rungs report`", () => {
    const text = renderReportText(report(rounds(1, 1, 2, 2, 3)));
    expect(text.split("\n").find((l) => l.startsWith("review-rounds"))).toMatch(
      /^review-rounds\s+2 \(mean 1\.8\)\s+≤ 2\s+✅ met/,
    );
  });
});
