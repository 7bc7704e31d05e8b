import { describe, expect, it } from "vitest";
import { loadLadder, type TextFile } from "../../src/domain/ladder/load.js";
import { formatProblem } from "../../src/domain/problem.js";

/** A level file written in code: frontmatter lines, then a body with every required section. */
const levelFile = (
  id: string,
  opts: { next?: string | null; extra?: string[]; body?: string; path?: string } = {},
): TextFile => {
  const next = opts.next === undefined ? null : opts.next;
  const front = [
    `id: ${id}`,
    `title: Level ${id}`,
    "track: ic",
    "rank: 0",
    "core_question: Why?",
    "primary_focus: This",
    `next: ${next ?? "null"}`,
    ...(opts.extra ?? []),
  ];
  const body =
    opts.body ??
    [
      `# ${id}`,
      "",
      "## You are here if",
      "x",
      "## What you do",
      "x",
      "## Success looks like",
      "x",
      next ? `## Path to ${next}` : "## What's next",
      "x",
      "## Example quarterly goal",
      "x",
    ].join("\n");
  return { path: opts.path ?? `ladder/${id}.md`, text: `---\n${front.join("\n")}\n---\n${body}\n` };
};

const problems = (files: TextFile[]): string[] => {
  const r = loadLadder(files);
  return r.ok ? [] : r.problems.map((p) => p.message);
};
const ids = (files: TextFile[]): string[] => {
  const r = loadLadder(files);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return [...r.value.levels.keys()];
};

const SECTIONS = "## You are here if\n## What you do\n## Success looks like\n## Example quarterly goal";

describe("loading a ladder", () => {
  it("loads levels keyed by id", () => {
    const files = [levelFile("IC0", { next: "IC1" }), levelFile("IC1")];
    const r = loadLadder(files);
    if (!r.ok) throw new Error("expected a ladder");
    expect([...r.value.levels.keys()]).toEqual(["IC0", "IC1"]);
    expect(r.value.levels.get("IC0")).toMatchObject({ id: "IC0", next: "IC1", file: "ladder/IC0.md" });
  });

  it.each<[string, TextFile[], string[]]>([
    [
      "only .md files are levels",
      [levelFile("IC0"), { path: "ladder/notes.txt", text: "not yaml: [" }],
      ["IC0"],
    ],
    [
      "a .md file that only contains .md in its name is not one",
      [levelFile("IC0"), { path: "ladder/x.md.bak", text: "[" }],
      ["IC0"],
    ],
    [
      "README.md is not a level",
      [levelFile("IC0"), { path: "ladder/README.md", text: "# The ladder" }],
      ["IC0"],
    ],
    [
      "readme.md, any case, is not a level",
      [levelFile("IC0"), { path: "ladder/readme.MD", text: "# x" }],
      ["IC0"],
    ],
    ["a README at the root is not a level", [levelFile("IC0"), { path: "README.md", text: "# x" }], ["IC0"]],
  ])("%s", (_name, files, expected) => {
    expect(ids(files)).toEqual(expected);
  });

  it.each<[string, TextFile[], string[]]>([
    [
      "no level files",
      [{ path: "ladder/README.md", text: "# x" }],
      ["no level files (*.md) in the ladder folder"],
    ],
    [
      "a file named like README but not README is a level",
      [levelFile("IC0"), { path: "ladder/MYREADME.md", text: "# x" }],
      ["missing YAML frontmatter: the file must start with a '---' line"],
    ],
    [
      "a file whose name is not its id",
      [levelFile("IC0", { path: "ladder/IC1.md" })],
      ['id "IC0" does not match the file name IC1.md'],
    ],
    [
      "a duplicate level id",
      [levelFile("IC0"), levelFile("IC0", { path: "other/IC0.md" })],
      ['duplicate level id "IC0" (also in ladder/IC0.md)'],
    ],
    [
      "track_changes to a level that does not exist",
      [levelFile("IC0", { extra: ["track_changes: [IC1, M9]"] }), levelFile("IC1")],
      ['track_changes: level "M9" does not exist (levels: IC0, IC1)'],
    ],
    [
      "a duplicate signal id",
      [
        levelFile("IC0", {
          extra: [
            "signals:",
            "  - { id: a, title: A, rule: { kind: manual } }",
            "  - { id: a, title: B, rule: { kind: manual } }",
          ],
        }),
      ],
      ['duplicate criterion id "a" (also in ladder/IC0.md)'],
    ],
    ...(["count", "weekly"] as const).map((kind): [string, TextFile[], string[]] => [
      `pr_author_level naming a level that does not exist (${kind})`,
      [
        levelFile("IC0", {
          next: "IC1",
          extra: [
            "criteria:",
            `  - { id: a, title: A, rule: { kind: ${kind}, evidence: review, ${kind === "count" ? "min: 1" : "min_weeks: 1"}, where: { pr_author_level: [IC1, X1] } } }`,
          ],
        }),
        levelFile("IC1"),
      ],
      ['pr_author_level: level "X1" does not exist (levels: IC0, IC1)'],
    ]),
    [
      "pr_author_level naming a level that does not exist (aggregate)",
      [
        levelFile("IC0", {
          extra: [
            "criteria:",
            "  - id: a",
            "    title: A",
            "    rule: { kind: aggregate, evidence: review, field: review_rounds, stat: mean, max: 1, min_sample: 1, where: { pr_author_level: [X1] } }",
          ],
        }),
      ],
      ['pr_author_level: level "X1" does not exist (levels: IC0)'],
    ],
    [
      "a missing path section names the next level",
      [levelFile("IC0", { next: "IC1", body: `# IC0\n${SECTIONS}` }), levelFile("IC1")],
      ['missing body section "## Path to IC1"'],
    ],
    [
      "a missing What's next at the top",
      [levelFile("IC0", { body: `# IC0\n${SECTIONS}` })],
      [`missing body section "## What's next"`],
    ],
    [
      "a path section for another level still counts as the path section",
      [levelFile("IC0", { next: "IC1", body: `# IC0\n${SECTIONS}\n## path to somewhere` }), levelFile("IC1")],
      [],
    ],
    [
      "section headings are matched in any case and need '## ' at the start of the line",
      [
        levelFile("IC0", {
          body: "## you are here IF\n## What you do\n## Success looks like\n ## Example quarterly goal\n## what's next",
        }),
      ],
      ['missing body section "## Example quarterly goal"'],
    ],
    [
      "a ### heading is not a section",
      [
        levelFile("IC0", {
          body: "## You are here if\n### What you do\n## Success looks like\n## Example quarterly goal\n## What's next",
        }),
      ],
      ['missing body section "## What you do"'],
    ],
    [
      "a heading with extra spaces and trailing blanks is a section",
      [
        levelFile("IC0", {
          body: "##   You are here if  \n## What you do\n## Success looks like\n## Example quarterly goal\n## What's next",
        }),
      ],
      [],
    ],
    [
      "a level that fails to parse is reported once, not at every reference to it",
      [levelFile("IC0", { next: "IC1" }), { path: "ladder/IC1.md", text: "no frontmatter" }],
      ["missing YAML frontmatter: the file must start with a '---' line"],
    ],
  ])("%s", (_name, files, expected) => {
    expect(problems(files)).toEqual(expected);
  });

  it.each<[string, TextFile[], string[]]>([
    [
      "a cycle of two",
      [levelFile("IC0", { next: "IC1" }), levelFile("IC1", { next: "IC0" })],
      ["next: levels form a cycle (IC0 → IC1 → IC0)", "next: levels form a cycle (IC1 → IC0 → IC1)"],
    ],
    [
      "a chain into a cycle reports the cycle's levels only",
      [
        levelFile("IC0", { next: "IC1" }),
        levelFile("IC1", { next: "IC2" }),
        levelFile("IC2", { next: "IC1" }),
      ],
      ["next: levels form a cycle (IC1 → IC2 → IC1)", "next: levels form a cycle (IC2 → IC1 → IC2)"],
    ],
    [
      "a chain into a missing level",
      [levelFile("IC0", { next: "IC1" }), levelFile("IC1", { next: "IC2" })],
      ['next: level "IC2" does not exist (levels: IC0, IC1)'],
    ],
  ])("next: %s", (_name, files, expected) => {
    expect(problems(files)).toEqual(expected);
  });

  it("points at the line of a duplicate signal id", () => {
    const file = levelFile("IC0", {
      extra: [
        "signals:",
        "  - id: a",
        "    title: A",
        "    rule: { kind: manual }",
        "  - id: a",
        "    title: B",
        "    rule: { kind: manual }",
      ],
    });
    const r = loadLadder([file]);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'ladder/IC0.md:13:5: duplicate criterion id "a" (also in ladder/IC0.md)',
    ]);
  });

  it("points at the line of a bad track change and of a file name mismatch", () => {
    const r = loadLadder([
      levelFile("IC0", { extra: ["track_changes:", "  - IC0", "  - M9"] }),
      levelFile("IC1", { path: "ladder/IC2.md" }),
    ]);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'ladder/IC2.md:2:1: id "IC1" does not match the file name IC2.md',
      'ladder/IC0.md:11:5: track_changes: level "M9" does not exist (levels: IC0)',
    ]);
  });

  it("names the ladder folder when it has no levels", () => {
    const r = loadLadder([], "career/ladder");
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      "career/ladder:1:1: no level files (*.md) in the ladder folder",
    ]);
    const d = loadLadder([]);
    expect(d.ok ? [] : d.problems.map(formatProblem)).toEqual([
      "ladder:1:1: no level files (*.md) in the ladder folder",
    ]);
  });
});
