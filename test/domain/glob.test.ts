import { describe, expect, it } from "vitest";
import { globToRegExp, matchesAny } from "../../src/domain/glob.js";

describe("globs: `*` within a segment, `**` across segments, `?` one character", () => {
  it.each<[string, string, boolean]>([
    // literal
    ["README.md", "README.md", true],
    ["README.md", "README.mdx", false],
    ["README.md", "docs/README.md", false],
    // `*`
    ["*.md", "a.md", true],
    ["*.md", ".md", true],
    ["*.md", "docs/a.md", false],
    ["src/*.ts", "src/a.ts", true],
    ["src/*.ts", "src/a/b.ts", false],
    ["src/*", "src/", true],
    ["legacy-*", "legacy-api", true],
    ["legacy-*", "legacy", false],
    // `**`
    ["docs/**", "docs/a.md", true],
    ["docs/**", "docs/a/b/c.md", true],
    ["docs/**", "doc/a.md", false],
    ["**/*.md", "a.md", true],
    ["**/*.md", "a/b/c.md", true],
    ["**/*.md", "a/b/c.ts", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/xb", false],
    ["a**", "ab/c/d", true],
    ["a**b", "a/x/b", true],
    ["a**b", "a/x/c", false],
    ["**.md", "a/b.md", true],
    ["**.md", "a/bmd", false],
    ["**", "", true],
    ["**", "any/thing", true],
    // `?`
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["a?c", "a/c", false],
    // escaping: regex characters are literal
    ["a.b", "a.b", true],
    ["a.b", "axb", false],
    ["a+b", "a+b", true],
    ["a+b", "aab", false],
    ["(x)", "(x)", true],
    ["(x)", "x", false],
    ["$x^", "$x^", true],
    ["{a}", "{a}", true],
    ["[ab]", "[ab]", true],
    ["[ab]", "a", false],
    ["a|b", "a|b", true],
    ["a|b", "a", false],
    ["a\\b", "a\\b", true],
    // anchored at both ends
    ["web", "acme/web", false],
    ["web", "webapp", false],
  ])("%s vs %s → %s", (glob, value, expected) => {
    expect(globToRegExp(glob).test(value)).toBe(expected);
  });

  it.each<[string[], string, boolean]>([
    [[], "anything", false],
    [["a", "b"], "b", true],
    [["a", "b"], "c", false],
    [["x/*", "**/*.md"], "docs/a.md", true],
  ])("matchesAny(%j, %s) → %s", (globs, value, expected) => {
    expect(matchesAny(value, globs)).toBe(expected);
  });
});
