import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

const anchorsOf = (file: string) =>
  new Set(
    readFileSync(file, "utf8")
      .replace(/```[\s\S]*?```/g, "")
      .split("\n")
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => slug(l.replace(/^#+ /, ""))),
  );

/** Relative links of a markdown file: `[text](path#anchor)`, outside code blocks. */
const linksOf = (file: string) =>
  [
    ...readFileSync(file, "utf8")
      .replace(/```[\s\S]*?```/g, "")
      .matchAll(/\]\(([^)\s]+)\)/g),
  ]
    .map((m) => m[1] ?? "")
    .filter((href) => !/^[a-z]+:/.test(href));

describe.each([
  "docs/install.md",
  "docs/privacy.md",
  "docs/troubleshooting.md",
  "docs/ladder.md",
  "README.md",
])("links in %s", (file) => {
  it("lead to files and headings that exist", () => {
    const broken = linksOf(file).filter((href) => {
      const [path = "", anchor] = href.split("#");
      const target = path ? normalize(join(dirname(file), path)) : file;
      if (!existsSync(target)) return true;
      return anchor !== undefined && target.endsWith(".md") && !anchorsOf(target).has(anchor);
    });
    expect(linksOf(file).length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});
