import { describe, expect, it } from "vitest";
import { evaluateCriterion } from "../../src/domain/criteria.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { onlyTheTeamSees } from "../../src/domain/tagging.js";
import { criterion, issue, ladderOf, level, profile, profilesOf, standardLadder } from "./fixtures.js";

describe("findings of the review, pinned", () => {
  it("counts a window milestone recorded in two quarters of the window once", () => {
    const spec = (at: string): EvidenceItem => issue({ key: "I_spec:alice", class: "spec", at });
    const ladder = ladderOf(
      level({
        id: "IC1",
        rank: 1,
        next: "IC2",
        criteria: [
          criterion("launch", {
            kind: "count",
            evidence: "issue",
            where: { class: ["spec"] },
            min: 2,
            scope: "window",
          }),
        ],
      }),
      level({ id: "IC2", rank: 2, next: null }),
    );
    const byQuarter: Record<string, EvidenceItem[]> = {
      "2026-Q4": [spec("2026-11-01T10:00:00Z")],
      "2026-Q3": [],
      // The same issue closed again two quarters apart: beyond the one-quarter de-duplication lookback.
      "2026-Q2": [spec("2026-05-01T10:00:00Z")],
    };
    const r = buildReport(
      {
        settings: defaultSettings(),
        ladder,
        profiles: profilesOf(profile("alice", { level: "IC1" })),
        items: (_l, q) => byQuarter[q],
        goals: () => undefined,
      },
      "alice",
      { year: 2026, q: 4 },
    ) as Report;
    expect(r.criteria[0]).toMatchObject({ id: "launch", value: 1, met: false });
  });

  it("matches managers and mentors to people case-insensitively (manager: Dana is dana)", () => {
    const result = evaluateCriterion(
      criterion("team", { kind: "people", who: "reports", min: 2, within_quarters: 4 }),
      {
        login: "dana",
        quarter: { year: 2026, q: 4 },
        calendar: { startMonth: 1, timeZone: "UTC" },
        items: [],
        profiles: profilesOf(
          profile("a", { manager: "Dana" }),
          profile("b", { manager: "dana" }),
          profile("dana"),
        ),
        ladder: standardLadder(),
      },
    );
    expect(result.people.sort()).toEqual(["a", "b"]);
  });
});

describe("where evidence labels may go", () => {
  it.each<[string, { private: boolean; visibility?: string }, boolean]>([
    ["a private repository", { private: true, visibility: "private" }, true],
    ["a private repository from an older payload without visibility", { private: true }, true],
    [
      "an internal repository (the whole enterprise sees it)",
      { private: true, visibility: "internal" },
      false,
    ],
    ["internal in capitals", { private: true, visibility: "INTERNAL" }, false],
    ["a public repository", { private: false, visibility: "public" }, false],
  ])("%s", (_name, repo, allowed) => {
    expect(onlyTheTeamSees(repo)).toBe(allowed);
  });
});
