import { describe, expect, it } from "vitest";
import { FOCUS_END, FOCUS_START, tickedFocus, withFocus } from "../../src/domain/goals-file.js";

describe("withFocus", () => {
  it("creates frontmatter for a new goals file", () => {
    expect(withFocus(undefined, ["a", "b"])).toBe("---\nfocus: [ a, b ]\n---\n");
  });

  it("keeps the engineer's words, other fields and comments", () => {
    expect(withFocus("---\n# mine\nfocus: [x]\nnote: 1\n---\nGrow.\n", ["a"])).toBe(
      "---\n# mine\nfocus: [ a ]\nnote: 1\n---\nGrow.\n",
    );
  });

  it("puts plain markdown below new frontmatter, and reads CRLF and a BOM", () => {
    expect(withFocus("Just text\n", ["a"])).toBe("---\nfocus: [ a ]\n---\n\nJust text\n");
    expect(withFocus("\uFEFF---\r\nfocus: []\r\n---\r\nHi\r\n", [])).toBe("---\nfocus: []\n---\nHi\n");
  });
});

describe("tickedFocus", () => {
  const body = (lines: string[]) => ["intro", FOCUS_START, ...lines, FOCUS_END, "- [x] `outside`"].join("\n");

  it("reads the ticked criteria between the markers only, once each", () => {
    expect(tickedFocus(body(["- [x] `a-b` A", "- [ ] `c` C", "* [X] `d` D", "- [x] `a-b` again"]))).toEqual([
      "a-b",
      "d",
    ]);
  });

  it("is undefined without the list, and empty when nothing is ticked", () => {
    expect(tickedFocus("no list here\n- [x] `a`")).toBeUndefined();
    expect(tickedFocus(null)).toBeUndefined();
    expect(tickedFocus(body(["- [ ] `a`"]))).toEqual([]);
  });

  it("ignores lines that are not a criterion checkbox", () => {
    expect(tickedFocus(body(["- [x] A without id", "text `b`", "- [x] `UPPER`"]))).toEqual([]);
  });
});

describe("the goals file and focus list, edge cases", () => {
  it("reads frontmatter that ends the file, and a BOM before it", () => {
    expect(withFocus("---\nfocus: [x]\n---", ["a"])).toBe("---\nfocus: [ a ]\n---\n");
    expect(withFocus("\uFEFF---\nnote: 1\n---\nText\n", ["a"])).toBe(
      "---\nnote: 1\nfocus: [ a ]\n---\nText\n",
    );
    // Frontmatter that does not start the file is the engineer's text, not settings.
    expect(withFocus("Intro\n---\nfocus: [x]\n---\n", ["a"])).toBe(
      "---\nfocus: [ a ]\n---\n\nIntro\n---\nfocus: [x]\n---\n",
    );
  });

  it("reads ticks with CRLF line ends and indentation, and only between the markers in order", () => {
    expect(tickedFocus(`${FOCUS_START}\r\n  - [X]   \`a\` A\r\n${FOCUS_END}`)).toEqual(["a"]);
    expect(tickedFocus(`${FOCUS_END}\n- [x] \`a\`\n${FOCUS_START}`)).toBeUndefined();
    expect(tickedFocus(`${FOCUS_START}\n- [x]\`a\`\n-[x] \`b\`\n${FOCUS_END}`)).toEqual([]);
    expect(tickedFocus(`x - [x] \`a\`\n${FOCUS_START}\nnot a list - [x] \`b\`\n${FOCUS_END}`)).toEqual([]);
  });
});
