import { describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import { loadLadder, type TextFile } from "../../src/domain/ladder/load.js";
import type { Ladder, Rule } from "../../src/domain/ladder/schema.js";
import { formatProblem } from "../../src/domain/problem.js";

const ladder = (): Ladder => {
  const r = loadLadder(bundledLadder());
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.value;
};

const rule = (level: string, id: string): Rule => {
  const c = ladder()
    .levels.get(level)
    ?.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`${level} has no criterion ${id}`);
  return c.rule;
};

describe("the bundled ladder", () => {
  it("has the eight levels of the document with their transitions", () => {
    const l = ladder();
    expect([...l.levels.keys()].sort()).toEqual(["IC0", "IC1", "IC2", "IC3", "IC4", "M1", "M2", "M3"]);
    const next = Object.fromEntries([...l.levels.values()].map((x) => [x.id, x.next]));
    expect(next).toEqual({
      IC0: "IC1",
      IC1: "IC2",
      IC2: "IC3",
      IC3: "IC4",
      IC4: null,
      M1: "M2",
      M2: "M3",
      M3: null,
    });
    expect(l.levels.get("IC4")?.track_changes).toEqual(["M1"]);
    expect(l.levels.get("IC4")?.rank).toBe(l.levels.get("M2")?.rank);
    expect(l.levels.get("IC4")?.criteria).toEqual([]);
    expect(l.levels.get("M3")?.criteria).toEqual([]);
    expect(l.levels.get("IC0")?.core_question).toBe("Can you learn and execute tasks?");
    expect(l.levels.get("M1")?.primary_focus).toBe("Team success");
  });

  it("uses exactly the agreed criterion ids", () => {
    const ids = Object.fromEntries(
      [...ladder().levels.values()].map((x) => [x.id, x.criteria.map((c) => c.id)]),
    );
    expect(ids).toEqual({
      IC0: ["ship-small-features", "review-rounds", "weekly-learning"],
      IC1: ["feature-spec-to-launch", "independent-incidents", "mentor-intern"],
      IC2: ["metric-impact-project", "architecture-decisions", "product-influence"],
      IC3: ["domain-direction", "engineers-leveled-up", "org-wide-improvements"],
      IC4: [],
      M1: ["team-growth", "reports-leveled-up", "major-initiative"],
      M2: ["cross-area-impact", "managers-developed", "cross-org-initiatives"],
      M3: [],
    });
  });

  it("carries the document's numbers", () => {
    expect(rule("IC0", "ship-small-features")).toMatchObject({
      kind: "count",
      evidence: "pull_request",
      min: 10,
      where: { class: ["feature"], small: true },
    });
    expect(rule("IC0", "review-rounds")).toMatchObject({
      kind: "aggregate",
      stat: "median",
      field: "review_rounds",
      max: 2,
      min_sample: 5,
    });
    expect(rule("IC0", "weekly-learning")).toMatchObject({
      kind: "weekly",
      evidence: "learning_note",
      min_weeks: 7,
    });
    expect(rule("IC1", "independent-incidents")).toMatchObject({
      kind: "count",
      evidence: "issue",
      min: 5,
      where: { class: ["incident"], escalated: false },
    });
    expect(rule("IC1", "mentor-intern")).toMatchObject({
      kind: "count",
      evidence: "review",
      where: { pr_author_level: ["IC0"] },
    });
    expect(rule("IC1", "feature-spec-to-launch")).toMatchObject({
      kind: "count",
      evidence: "issue",
      where: { class: ["spec"], min_linked_prs: 1 },
    });
    expect(rule("IC2", "architecture-decisions")).toMatchObject({
      kind: "count",
      evidence: "pull_request",
      where: { class: ["design-doc"] },
    });
    expect(rule("IC3", "engineers-leveled-up")).toMatchObject({
      kind: "people",
      who: "promoted-mentees",
      min: 2,
    });
    expect(rule("M1", "team-growth")).toMatchObject({ kind: "people", who: "reports", min: 6 });
    expect(rule("M1", "reports-leveled-up")).toMatchObject({
      kind: "people",
      who: "promoted-reports",
      min: 2,
    });
    expect(rule("M2", "managers-developed")).toMatchObject({
      kind: "people",
      who: "promoted-reports",
      track: "manager",
      min: 1,
    });
    for (const [level, id] of [
      ["IC2", "metric-impact-project"],
      ["IC2", "product-influence"],
      ["IC3", "domain-direction"],
      ["IC3", "org-wide-improvements"],
      ["M1", "major-initiative"],
      ["M2", "cross-area-impact"],
      ["M2", "cross-org-initiatives"],
    ] as const) {
      expect(rule(level, id).kind).toBe("manual");
    }
    for (const level of ladder().levels.values()) expect(level.consistency).toEqual({ quarters: 2, of: 3 });
  });
});

const IC0 = bundledLadder().find((f) => f.path === "ladder/IC0.md") as TextFile;
const withIc0 = (text: string): TextFile[] => [
  ...bundledLadder().filter((f) => f.path !== "ladder/IC0.md"),
  { path: "ladder/IC0.md", text },
];
const problems = (files: TextFile[]): string[] => {
  const r = loadLadder(files);
  return r.ok ? [] : r.problems.map(formatProblem);
};
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("broken ladders get file:line:column messages", () => {
  it("an unknown rule kind", () => {
    const text = IC0.text.replace("kind: weekly", "kind: fortnightly");
    expect(problems(withIc0(text))).toEqual([
      `ladder/IC0.md:${lineOf(text, "kind: fortnightly")}:7: criteria[2].rule.kind: unknown rule kind; expected one of count, aggregate, weekly, people, manual (saw "fortnightly")`,
    ]);
  });

  it("a duplicate criterion id", () => {
    const text = IC0.text.replace("id: weekly-learning", "id: review-rounds");
    expect(problems(withIc0(text))).toEqual([
      `ladder/IC0.md:${text.split("\n").lastIndexOf("  - id: review-rounds") + 1}:5: duplicate criterion id "review-rounds" (also in ladder/IC0.md)`,
    ]);
  });

  it("next naming a level that does not exist", () => {
    const text = IC0.text.replace("next: IC1", "next: IC9");
    expect(problems(withIc0(text))).toEqual([
      `ladder/IC0.md:${lineOf(text, "next: IC9")}:1: next: level "IC9" does not exist (levels: IC0, IC1, IC2, IC3, IC4, M1, M2, M3)`,
    ]);
  });

  it("a cycle of next", () => {
    const text = IC0.text.replace("next: IC1", "next: IC0");
    expect(problems(withIc0(text))).toContain(
      `ladder/IC0.md:${lineOf(text, "next: IC0")}:1: next: levels form a cycle (IC0 → IC0)`,
    );
  });

  it("a missing body section", () => {
    const text = IC0.text.replace("## Success looks like", "## Success");
    expect(problems(withIc0(text))).toEqual([
      `ladder/IC0.md:${lineOf(text, "# IC0")}:1: missing body section "## Success looks like"`,
    ]);
  });

  it("a YAML syntax error, a wrong type, an unknown field", () => {
    expect(problems(withIc0(IC0.text.replace("rank: 0", "rank: [0")))[0]).toMatch(
      /^ladder\/IC0\.md:\d+:\d+: YAML syntax error: /,
    );
    const wrongType = IC0.text.replace("      min: 10", "      min: ten");
    expect(problems(withIc0(wrongType))).toEqual([
      `ladder/IC0.md:${lineOf(wrongType, "min: ten")}:7: criteria[0].rule.min: Invalid input: expected number, received string (saw "ten")`,
    ]);
    const unknown = IC0.text.replace("rank: 0", "rank: 0\ncolour: blue");
    expect(problems(withIc0(unknown))).toEqual([
      `ladder/IC0.md:${lineOf(unknown, "colour")}:1: unknown field "colour"`,
    ]);
  });

  it("an empty, a binary and a 10 MB file", () => {
    expect(problems(withIc0(""))).toEqual(["ladder/IC0.md:1:1: file is empty"]);
    expect(problems(withIc0("---\n\u0000\u0001"))).toEqual([
      "ladder/IC0.md:1:1: file is binary (contains NUL bytes); expected UTF-8 text",
    ]);
    expect(problems(withIc0("x".repeat(10_000_000)))).toEqual([
      "ladder/IC0.md:1:1: file is 10000000 bytes; at most 1000000 bytes are read",
    ]);
  });
});
