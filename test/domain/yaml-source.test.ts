import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseProfile } from "../../src/domain/career-repo.js";
import { parseLedger } from "../../src/domain/ledger.js";
import { formatProblem, type Problem } from "../../src/domain/problem.js";
import {
  checkText,
  MAX_PROBLEMS_PER_FILE,
  normalizeText,
  parseMarkdown,
  parseYaml,
  type YamlSource,
  zodProblems,
} from "../../src/domain/yaml-source.js";

const source = (text: string, lineOffset = 0): YamlSource => {
  const s = parseYaml("f.yml", text, lineOffset);
  if ("message" in s) throw new Error(`expected YAML to parse: ${s.message}`);
  return s;
};
const problem = (r: YamlSource | Problem): string => ("message" in r ? formatProblem(r) : "parsed");

describe("normalizeText", () => {
  it.each([
    ["plain", "a\nb\n", "a\nb\n"],
    ["a byte-order mark", "\uFEFFa\nb", "a\nb"],
    ["a byte-order mark not at the start", "a\uFEFFb", "a\uFEFFb"],
    ["CRLF", "a\r\nb\r\n", "a\nb\n"],
    ["CR", "a\rb\r", "a\nb\n"],
    ["mixed", "\uFEFFa\r\nb\rc\nd\r\r\n", "a\nb\nc\nd\n\n"],
    ["empty", "", ""],
  ])("%s", (_name, text, normal) => {
    expect(normalizeText(text)).toBe(normal);
  });
});

describe("checkText", () => {
  it.each<[string, string, string | undefined]>([
    ["text", "a: 1\n", undefined],
    ["empty", "", "f:1:1: file is empty"],
    ["blank", " \n\t\r\n", "f:1:1: file is empty"],
    ["NUL bytes", "a: 1\n\u0000\n", "f:1:1: file is binary (contains NUL bytes); expected UTF-8 text"],
    ["only NUL bytes", "\u0000", "f:1:1: file is binary (contains NUL bytes); expected UTF-8 text"],
    ["exactly 1,000,000 characters", "a".repeat(1_000_000), undefined],
    [
      "1,000,001 characters",
      "a".repeat(1_000_001),
      "f:1:1: file is 1000001 bytes; at most 1000000 bytes are read",
    ],
    [
      "1,000,001 two-byte characters",
      "é".repeat(1_000_001),
      "f:1:1: file is 2000002 bytes; at most 1000000 bytes are read",
    ],
    [
      "64,000,000 characters",
      "a".repeat(64_000_000),
      "f:1:1: file is 64000000 bytes; at most 1000000 bytes are read",
    ],
    ["over 64 MB", "a".repeat(64_000_001), "f:1:1: file is over 64 MB; at most 1000000 bytes are read"],
  ])("%s", (_name, text, message) => {
    const p = checkText("f", text);
    expect(p && formatProblem(p)).toBe(message);
  });

  it("checks the size before anything else", () => {
    expect(checkText("f", "\u0000".repeat(1_000_001))?.message).toMatch(/^file is 1000001 bytes/);
  });
});

describe("parseYaml", () => {
  it("reads YAML into data", () => {
    expect(source("a: 1\nb: [x, y]\n").data).toEqual({ a: 1, b: ["x", "y"] });
    expect(source("a: 1\n").file).toBe("f.yml");
  });

  it("accepts a byte-order mark, CRLF and CR, with the right line numbers", () => {
    for (const text of ["\uFEFFa: 1\r\nb:\r\n  c: 2\r\n", "a: 1\rb:\r  c: 2\r"]) {
      const s = source(text);
      expect(s.data).toEqual({ a: 1, b: { c: 2 } });
      expect(s.locate(["b", "c"])).toEqual({ line: 3, column: 3 });
    }
  });

  // The line of a syntax error is only checked to be at or after the offset: see the report on
  // yaml-source.ts (syntax errors are all placed on the first line today).
  it.each<[string, string, number, RegExp]>([
    [
      "a syntax error",
      "a: 1\nb: [1\n",
      0,
      /^YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    ],
    ["a syntax error after an offset", "a: 1\nb: [1\n", 2, /^YAML syntax error: Flow sequence/],
    ["a key written twice", "a: 1\na: 2\n", 0, /^YAML syntax error: Map keys must be unique$/],
    [
      "a nested compact mapping",
      "a: b: c\n",
      5,
      /^YAML syntax error: Nested mappings are not allowed in compact mappings$/,
    ],
  ])("%s", (_name, text, offset, message) => {
    const r = parseYaml("f.yml", text, offset);
    if (!("message" in r)) throw new Error("expected a problem");
    expect(r.message).toMatch(message);
    expect(r.file).toBe("f.yml");
    expect(r.line).toBeGreaterThanOrEqual(1 + offset);
    expect(r.line).toBeLessThanOrEqual(3 + offset);
    expect(r.column).toBeGreaterThanOrEqual(1);
  });

  it("refuses an alias bomb with a problem that names aliases, not an exception", () => {
    let text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (const [prev, name] of ["ab", "bc", "cd", "de", "ef", "fg", "gh", "hi", "ij"]) {
      text += `${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]\n`;
    }
    expect(problem(parseYaml("f.yml", text))).toBe(
      "f.yml:1:1: YAML more than 100 aliases (*name): a file that expands like this is refused",
    );
    expect(problem(parseYaml("f.yml", text, 4))).toMatch(/^f\.yml:5:1: YAML more than 100 aliases/);
  });

  it("reads a few aliases", () => {
    expect(source("a: &a [1, 2]\nb: *a\nc: *a\n").data).toEqual({ a: [1, 2], b: [1, 2], c: [1, 2] });
  });

  const nestedMaps = (n: number) =>
    `${Array.from({ length: n }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`;
  const nestedLists = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}\n`;
  it.each<[string, string, string]>([
    ["64 nested lists", nestedLists(64), "parsed"],
    [
      "65 nested lists",
      nestedLists(65),
      "f.yml:1:1: YAML nested more than 64 levels deep: not a file Rungs reads",
    ],
    ["63 nested maps", nestedMaps(63), "parsed"],
    ["64 nested maps holding a value", nestedMaps(64), "parsed"],
    [
      "65 nested maps",
      nestedMaps(65),
      "f.yml:1:1: YAML nested more than 64 levels deep: not a file Rungs reads",
    ],
    [
      "100 nested maps",
      nestedMaps(100),
      "f.yml:1:1: YAML nested more than 64 levels deep: not a file Rungs reads",
    ],
    [
      "500 nested lists",
      nestedLists(500),
      "f.yml:1:1: YAML nested more than 64 levels deep: not a file Rungs reads",
    ],
    ["a wide, shallow file", `a: [${"[1], ".repeat(2000)}]\n`, "parsed"],
  ])("%s", (_name, text, result) => {
    expect(problem(parseYaml("f.yml", text))).toBe(result);
  });

  it("counts nesting from the first line after an offset", () => {
    expect(problem(parseYaml("f.yml", nestedMaps(70), 1))).toBe(
      "f.yml:2:1: YAML nested more than 64 levels deep: not a file Rungs reads",
    );
  });

  // Once per process only: a second parse this deep crashes Node (see the report on yaml-source.ts).
  it("turns `[` × 100000 into a problem, not an exception", () => {
    expect(problem(parseYaml("f.yml", "[".repeat(100_000)))).toMatch(/^f\.yml:1:1: YAML /);
  });
});

describe("locate", () => {
  const text =
    "# head\nlogin: alice\nitems:\n  - key: a\n    tags: [x, y]\n  - key: b\nnested:\n  deeper:\n    leaf: 1\n";
  it.each<[string, PropertyKey[], { line: number; column: number }]>([
    ["the top", [], { line: 2, column: 1 }],
    ["a key", ["login"], { line: 2, column: 1 }],
    ["a list", ["items"], { line: 3, column: 1 }],
    ["a list item", ["items", 1], { line: 6, column: 5 }],
    ["a field of a list item", ["items", 0, "key"], { line: 4, column: 5 }],
    ["a flow list item", ["items", 0, "tags", 1], { line: 5, column: 15 }],
    ["a deep key", ["nested", "deeper", "leaf"], { line: 9, column: 5 }],
    ["a missing key: its parent", ["nested", "deeper", "nope"], { line: 8, column: 3 }],
    ["a missing index: its list", ["items", 7], { line: 3, column: 1 }],
    ["a path through a scalar: the scalar's key", ["login", "x"], { line: 2, column: 1 }],
    ["a string index into a list: the list", ["items", "0"], { line: 3, column: 1 }],
    ["a missing top key", ["nope"], { line: 2, column: 1 }],
  ])("%s", (_name, path, at) => {
    expect(source(text).locate(path)).toEqual(at);
  });

  it("stops at a list looked into by a name", () => {
    expect(source(text).locate(["items", "x", 0])).toEqual({ line: 3, column: 1 });
  });

  it("keys maps by their text, numbers included", () => {
    expect(source("a: 1\n7:\n  x: 2\n").locate([7, "x"])).toEqual({ line: 3, column: 3 });
  });

  it("adds the line offset", () => {
    expect(source("a: 1\nb: 2\n", 3).locate(["b"])).toEqual({ line: 5, column: 1 });
  });

  it("points at line 1 of an empty document", () => {
    expect(source("# only a comment\n").locate(["x"])).toEqual({ line: 1, column: 1 });
  });
});

describe("parseMarkdown", () => {
  it.each<[string, string, string]>([
    [
      "no frontmatter",
      "# Title\n",
      "f.md:1:1: missing YAML frontmatter: the file must start with a '---' line",
    ],
    [
      "a frontmatter never closed",
      "---\na: 1\n",
      "f.md:1:1: frontmatter is not closed: add a '---' line after it",
    ],
    ["an empty file", "", "f.md:1:1: file is empty"],
    ["a YAML error in the frontmatter", "---\na: 1\nb: [\n---\n", "YAML syntax error: "],
  ])("%s", (_name, text, message) => {
    const r = parseMarkdown("f.md", text);
    expect("message" in r ? formatProblem(r) : "parsed").toContain(message);
  });

  it.each([
    ["LF", "---\na: 1\nb: 2\n---\n\nbody\n"],
    ["CRLF with a byte-order mark", "\uFEFF---\r\na: 1\r\nb: 2\r\n---\r\n\r\nbody\r\n"],
    ["CR", "---\ra: 1\rb: 2\r---\r\rbody\r"],
  ])("reads frontmatter and body with the right lines: %s", (_name, text) => {
    const r = parseMarkdown("f.md", text);
    if ("message" in r) throw new Error(r.message);
    expect(r.data).toEqual({ a: 1, b: 2 });
    expect(r.locate(["b"])).toEqual({ line: 3, column: 1 });
    expect(r.body.trim()).toBe("body");
    expect(r.bodyLine).toBe(5);
  });

  it.each<[string, string, unknown, number, string]>([
    ["an empty frontmatter", "---\n---\nbody\n", null, 3, "body\n"],
    ["a closing line with trailing spaces", "---\na: 1\n---  \nbody\n", { a: 1 }, 4, "  \nbody\n"],
    ["a closing line at the end of the file", "---\na: 1\n---", { a: 1 }, 4, ""],
  ])("%s", (_name, text, data, bodyLine, body) => {
    const r = parseMarkdown("f.md", text);
    if ("message" in r) throw new Error(r.message);
    expect({ data: r.data, bodyLine: r.bodyLine, body: r.body }).toEqual({ data, bodyLine, body });
  });

  it("needs the frontmatter at the very start", () => {
    expect(parseMarkdown("f.md", "Title\n---\na: 1\n---\n")).toEqual({
      file: "f.md",
      line: 1,
      column: 1,
      message: "missing YAML frontmatter: the file must start with a '---' line",
    });
  });

  it("returns the problem of a frontmatter that does not parse, and only that", () => {
    const r = parseMarkdown("f.md", "---\na: [\n---\nbody\n");
    expect(r).toEqual({
      file: "f.md",
      line: expect.any(Number),
      column: expect.any(Number),
      message: expect.stringMatching(/^YAML syntax error: /),
    });
  });

  it("counts the line of a frontmatter that starts with a blank line", () => {
    const r = parseMarkdown("f.md", "---\n\na: 1\n---\nbody\n");
    if ("message" in r) throw new Error(r.message);
    expect(r.locate(["a"])).toEqual({ line: 3, column: 1 });
    expect(r.bodyLine).toBe(5);
  });
});

describe("files editors write are read with the right lines", () => {
  it("a profile with a byte-order mark and CRLF", () => {
    const r = parseProfile(
      "people/a/profile.md",
      "a",
      "\uFEFF---\r\nname: A\r\nlevel: IC1\r\nbogus: 1\r\n---\r\nbody\r\n",
    );
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'people/a/profile.md:2:1: manager: name the manager\'s login, or write "manager: null" at the top of the organisation (missing)',
      'people/a/profile.md:4:1: unknown field "bogus"',
    ]);
  });

  it("a profile with CR line ends", () => {
    const r = parseProfile("p.md", "a", "---\rname: A\rlevel: IC1\rmanager: Not_A_Login\r---\rbody\r");
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'p.md:4:1: manager: not a GitHub login (saw "Not_A_Login")',
    ]);
  });

  it("a ledger with a byte-order mark and CRLF", () => {
    const text = "\uFEFF# Rungs\r\nlogin: alice\r\nquarter: 2026-Q3\r\nitems: []\r\n";
    const r = parseLedger("l.yml", text, { login: "alice", quarter: "2026-Q4" });
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      'l.yml:3:1: quarter: "2026-Q3" is not the file\'s quarter (2026-Q4)',
    ]);
    expect(parseLedger("l.yml", text).ok).toBe(true);
  });
});

describe("zodProblems", () => {
  const Schema = z.strictObject({
    name: z.string(),
    count: z.number(),
    list: z.array(z.number()).optional(),
    nested: z.strictObject({ ok: z.boolean() }).optional(),
  });
  const problems = (text: string, schema: z.ZodType = Schema): string[] => {
    const s = source(text);
    const r = schema.safeParse(s.data);
    return r.success ? [] : zodProblems(s, r.error).map(formatProblem);
  };

  it.each<[string, string, string[]]>([
    [
      "a wrong type, with what was seen",
      "name: x\ncount: many\n",
      ['f.yml:2:1: count: Invalid input: expected number, received string (saw "many")'],
    ],
    [
      "a missing field",
      "name: x\n",
      ["f.yml:1:1: count: Invalid input: expected number, received undefined (missing)"],
    ],
    ["an unknown field, at its line", "name: x\ncount: 1\nextra: 2\n", ['f.yml:3:1: unknown field "extra"']],
    [
      "an unknown nested field",
      "name: x\ncount: 1\nnested:\n  ok: true\n  more: 1\n",
      ['f.yml:5:3: unknown field "nested.more"'],
    ],
    [
      "a list item",
      "name: x\ncount: 1\nlist: [1, two]\n",
      ['f.yml:3:11: list[1]: Invalid input: expected number, received string (saw "two")'],
    ],
    [
      "a long value, shortened",
      `name: x\ncount: "${"y".repeat(100)}"\n`,
      [`f.yml:2:1: count: Invalid input: expected number, received string (saw "${"y".repeat(56)}...)`],
    ],
    [
      "a value of exactly 60 characters, whole",
      `name: x\ncount: "${"y".repeat(58)}"\n`,
      [`f.yml:2:1: count: Invalid input: expected number, received string (saw "${"y".repeat(58)}")`],
    ],
    [
      "a value of 61 characters, shortened",
      `name: x\ncount: "${"y".repeat(59)}"\n`,
      [`f.yml:2:1: count: Invalid input: expected number, received string (saw "${"y".repeat(56)}...)`],
    ],
    [
      "the whole file",
      "- 1\n",
      ["f.yml:1:1: (top level): Invalid input: expected object, received array (saw [1])"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it.each<[string, string, PropertyKey[], string]>([
    ["through a null", "a: null\n", ["a", "b"], "f.yml:1:1: a.b: m (missing)"],
    ["through a string", "a: abc\n", ["a", 0], "f.yml:1:1: a[0]: m (missing)"],
    ["through a number", "a: 5\n", ["a", "b"], "f.yml:1:1: a.b: m (missing)"],
    ["to a value", "a: { b: 5 }\n", ["a", "b"], "f.yml:1:6: a.b: m (saw 5)"],
  ])("shows no value for a path %s", (_name, text, path, expected) => {
    const error = new z.ZodError([{ code: "custom", path, message: "m", input: undefined }]);
    expect(zodProblems(source(text), error).map(formatProblem)).toEqual([expected]);
  });

  it("names an item of a top-level list by its index", () => {
    expect(problems("- 1\n- x\n", z.array(z.number()))).toEqual([
      'f.yml:2:3: [1]: Invalid input: expected number, received string (saw "x")',
    ]);
  });

  const many = (n: number) => `${Array.from({ length: n }, (_, i) => `k${i}: x`).join("\n")}\n`;
  const Numbers = z.record(z.string(), z.number());
  it(`shows at most MAX_PROBLEMS_PER_FILE (${MAX_PROBLEMS_PER_FILE}) problems, then how many more`, () => {
    expect(MAX_PROBLEMS_PER_FILE).toBe(20);
    const shown = problems(many(25), Numbers);
    expect(shown).toHaveLength(21);
    expect(shown[19]).toMatch(/^f\.yml:20:1: k19: /);
    expect(shown[20]).toBe("f.yml:1:1: …and 5 more problems in this file");
  });

  it.each([
    [20, 20],
    [21, 21],
    [1, 1],
  ])("%i problems are %i lines", (n, lines) => {
    const shown = problems(many(n), Numbers);
    expect(shown).toHaveLength(lines);
    expect(shown.at(-1)).toMatch(n > 20 ? /…and 1 more problems in this file$/ : /^f\.yml:\d+:1: k\d+: /);
  });
});
