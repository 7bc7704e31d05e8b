// Findings of the mutation run, pinned: syntax errors at their line, deep nesting refused before parsing, every unknown field named.
import { describe, expect, it } from "vitest";
import { parseGoals, parseSettings, SETTINGS_PATH } from "../../src/domain/career-repo.js";
import { formatProblem } from "../../src/domain/problem.js";
import { parseYaml } from "../../src/domain/yaml-source.js";

it.each([
  ["an unclosed flow list", "a: 1\nb: [1\n", 0, "f.yml:3:1:"],
  ["a key written twice", "a: 1\nb: 2\na: 3\n", 0, "f.yml:3:1:"],
  ["after a frontmatter offset", "a: 1\nb: 2\na: 3\n", 1, "f.yml:4:1:"],
])("%s", (_n, text, offset, at) => {
  const r = parseYaml("f.yml", text, offset);
  expect("message" in r && formatProblem(r)).toMatch(new RegExp(`^${at} YAML syntax error: `));
});
it("goals", () => {
  const r = parseGoals("g.md", "---\nfocus: [a]\nfocus: [b]\n---\nbody\n");
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    "g.md:3:1: YAML syntax error: Map keys must be unique",
  ]);
});
it("two deep", () => {
  for (const n of [100_000, 100_000, 3_000]) {
    const r = parseYaml("f.yml", "[".repeat(n));
    expect("message" in r && r.message).toMatch(/^YAML /);
  }
});
it("titles with brackets are fine", () => {
  const text = Array.from({ length: 100 }, (_, i) => `- title: fix arr[${i}\n  other: "quoted [ ["`).join(
    "\n",
  );
  const r = parseYaml("f.yml", text);
  expect("message" in r ? r.message : "ok").toBe("ok");
});
it("all unknown", () => {
  const r = parseSettings(SETTINGS_PATH, "bots: []\ntypo_one: 1\ntypo_two: 2\n");
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    '.github/rungs.yml:2:1: unknown field "typo_one"',
    '.github/rungs.yml:3:1: unknown field "typo_two"',
  ]);
});

describe("brackets that are text, not nesting", () => {
  it.each<[string, string]>([
    ["a title written unquoted, full of brackets after a dash", `title: x - ${"[".repeat(70)}\n`],
    [
      "many titles each opening a bracket",
      Array.from({ length: 80 }, (_, i) => `- title: Revert - [${i}\n  other: a, {b`).join("\n"),
    ],
    ["a block scalar whose lines start with brackets", `reason: |\n${"  [ [ [ [\n".repeat(30)}`],
    ["a comment", `# ${"[".repeat(100)}\na: 1\n`],
    ["a quoted string", `a: '${"[".repeat(100)}'\nb: "${"{".repeat(100)}"\n`],
  ])("%s parses", (_name, text) => {
    const r = parseYaml("f.yml", text);
    expect("message" in r ? r.message : "parsed").toBe("parsed");
  });

  it("a quote in text does not hide real nesting after it", () => {
    const r = parseYaml("f.yml", `# - 'x\nv: a, 'b\nw: ${"[".repeat(200)}${"]".repeat(200)}\n`);
    expect("message" in r && r.message).toMatch(/^YAML nested more than 64 levels deep/);
  });
});
