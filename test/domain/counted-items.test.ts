import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { parseQuarterLabel, type Quarter } from "../../src/domain/quarter.js";
import { countedItems, DEDUPE_LOOKBACK, type ReportInput } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { issue, standardLadder } from "./fixtures.js";

const item = (key: string, at: string): EvidenceItem =>
  issue({
    key,
    at,
    title: key,
    labels: ["incident"],
    class: "incident",
    provenance: { source: "observed", recorded_at: at },
  });

/** Ledgers by quarter label: what each quarter's ledger holds for alice. */
const input = (ledgers: Record<string, EvidenceItem[]>): ReportInput => ({
  settings: defaultSettings(),
  ladder: standardLadder(),
  profiles: new Map(),
  items: (login, quarter) => (login === "alice" ? ledgers[quarter] : undefined),
  goals: () => undefined,
});
const q = (label: string): Quarter => {
  const quarter = parseQuarterLabel(label);
  if (!quarter) throw new Error(label);
  return quarter;
};
const counted = (ledgers: Record<string, EvidenceItem[]>, quarter: string, login = "alice") =>
  countedItems(input(ledgers), login, q(quarter)).map((i) => i.key);

// An incident closed in December, reopened and closed again in January: both ledgers hold it.
const first = item("I_1", "2026-12-30T10:00:00Z");
const again = item("I_1", "2027-01-04T10:00:00Z");
const other = item("I_2", "2027-01-10T10:00:00Z");

describe("countedItems: an item recorded in two consecutive quarters counts in the earlier one only", () => {
  it("looks one quarter back", () => {
    expect(DEDUPE_LOOKBACK).toBe(1);
  });

  it.each<[string, Record<string, EvidenceItem[]>, string, string[]]>([
    ["the earlier quarter keeps it", { "2026-Q4": [first], "2027-Q1": [again, other] }, "2026-Q4", ["I_1"]],
    [
      "the later quarter leaves it out",
      { "2026-Q4": [first], "2027-Q1": [again, other] },
      "2027-Q1",
      ["I_2"],
    ],
    // The deliveries came the other way round: the later quarter's ledger was written first.
    [
      "in the other order, the later quarter still leaves it out",
      { "2027-Q1": [other, again], "2026-Q4": [first] },
      "2027-Q1",
      ["I_2"],
    ],
    [
      "in the other order, the earlier quarter still keeps it",
      { "2027-Q1": [other, again], "2026-Q4": [first] },
      "2026-Q4",
      ["I_1"],
    ],
    ["across a year, as across any quarter", { "2026-Q3": [first], "2026-Q4": [again] }, "2026-Q4", []],
    [
      "only the quarter before: two back does not hide it",
      { "2026-Q3": [first], "2027-Q1": [again, other] },
      "2027-Q1",
      ["I_1", "I_2"],
    ],
    ["nor does the quarter after", { "2027-Q2": [again], "2027-Q1": [first] }, "2027-Q1", ["I_1"]],
    ["a quarter with no ledger counts nothing", { "2026-Q4": [first] }, "2027-Q2", []],
    ["no earlier ledger hides nothing", { "2027-Q1": [again, other] }, "2027-Q1", ["I_1", "I_2"]],
    ["an empty earlier ledger hides nothing", { "2026-Q4": [], "2027-Q1": [other] }, "2027-Q1", ["I_2"]],
  ])("%s", (_name, ledgers, quarter, keys) => {
    expect(counted(ledgers, quarter)).toEqual(keys);
  });

  it("reads only this person's ledgers", () => {
    expect(counted({ "2026-Q4": [first], "2027-Q1": [again] }, "2027-Q1", "bob")).toEqual([]);
  });

  it("keeps the quarter's own order", () => {
    const a = item("A", "2027-01-02T00:00:00Z");
    const b = item("B", "2027-01-01T00:00:00Z");
    expect(counted({ "2027-Q1": [a, b] }, "2027-Q1")).toEqual(["A", "B"]);
  });
});
