import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeInline } from "../../src/render/escape.js";
import {
  type DemoPage,
  demoPageHtml,
  markdownToHtml,
  mermaidFigure,
  type PageIssue,
  type PagePull,
  sanitizeHtml,
} from "../../src/render/html/index.js";
import { unsafeParts } from "./html-safety.js";

const HOSTILE = '<script>alert(1)</script> | @everyone <img src=x onerror="alert(2)"> "quoted" & \'single\'';

const goalBody = [
  "<!-- rungs:goal-issue login=alice quarter=2026-Q4 -->",
  "**Alice Adams** · IC0 → IC1 · manager: dana",
  "",
  "| Criterion | Value | Target | Status |",
  "|---|---|---|---|",
  "| Ship 10 small features<br>`ship-small-features` | 12 | ≥ 10 | ✅ met |",
  `| ${escapeInline(HOSTILE)} | 2 | ≤ 2 | ❌ not yet |`,
  "",
  "```mermaid",
  "xychart-beta",
  '  title "Evidence per week, 2026-Q4"',
  "  x-axis [W1, W2, W3]",
  '  y-axis "items" 0 --> 2',
  "  bar [2, 1, 0]",
  "```",
  "",
  "- [x] done",
  "- [ ] to do",
  "",
  "Ledger: [2026-Q4.yml](https://github.com/acme/careers/blob/main/people/alice/evidence/2026-Q4.yml),",
  "packet: [#7](https://github.com/acme/careers/pull/7), elsewhere: [web#1](https://github.com/acme/web/pull/1)",
].join("\n");

const issue = (over: Partial<PageIssue> = {}): PageIssue => ({
  number: 2,
  title: "2026-Q4 goals: alice (IC0 → IC1)",
  state: "open",
  author: "rungs[bot]",
  createdAt: "2026-10-02T18:00:00Z",
  labels: ["rungs: goals"],
  assignees: ["alice"],
  body: goalBody,
  comments: [
    {
      author: "rungs[bot]",
      createdAt: "2026-10-02T18:00:00Z",
      body: "@dana: alice's goals are open.",
      reactions: [{ content: "+1", count: 2 }],
    },
  ],
  ...over,
});

const packet: PagePull = {
  number: 7,
  title: "Promotion packet: alice (IC0 → IC1)",
  state: "open",
  author: "rungs[bot]",
  head: "rungs/packet/alice-2026-Q4",
  base: "main",
  labels: ["rungs: packet"],
  requestedReviewers: ["dana"],
  body: "Packet for review.",
  comments: [],
  reviews: [{ author: "dana", state: "APPROVED", body: "", submittedAt: "2026-12-20T10:00:00Z" }],
  files: [
    {
      path: "people/alice/packets/2026-Q4.md",
      status: "added",
      markdown: "# Packet\n\n```mermaid\nxychart-beta\n  x-axis [Q3, Q4]\n  line [1, 3]\n```\n",
    },
  ],
  checkRuns: [
    {
      name: "rungs/packet",
      headSha: "0123456789abcdef",
      conclusion: "success",
      title: "Every criterion met",
      summary: "| Criterion | Met |\n|---|---|\n| ship | ✅ |",
    },
  ],
};

const page = (over: Partial<DemoPage> = {}): DemoPage => ({
  repo: "acme/careers",
  defaultBranch: "main",
  localFiles: ["people/alice/evidence/2026-Q4.yml"],
  issues: [issue(), issue({ number: 3, title: "2026-Q4 goals: bob (IC1 → IC2)", assignees: ["bob"] })],
  pulls: [packet],
  otherCheckRuns: [],
  caption: "What Rungs left in acme/careers.",
  ...over,
});

describe("the demo page", () => {
  const html = demoPageHtml(page());

  it("is one self-contained document that runs no script and loads nothing", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|<[^>]*\ssrc=/i);
    expect(unsafeParts(html)).toEqual([]);
  });

  it("has an index at the top linking to one section per issue and pull request", () => {
    const index = html.slice(html.indexOf('id="issues"'), html.indexOf('class="conversation"'));
    expect(index).toContain('href="#issue-2"');
    expect(index).toContain('href="#issue-3"');
    expect(index).toContain('href="#pull-7"');
    for (const id of ["issue-2", "issue-3", "pull-7"])
      expect(html).toMatch(new RegExp(`<section class="conversation" id="${id}">`));
  });

  it("renders the goal issue's table, task list, chart, comment and reactions", () => {
    const section = html.slice(html.indexOf('id="issue-2"'), html.indexOf('id="issue-3"'));
    expect(section).toContain("<th>Criterion</th>");
    expect(section).toContain("<td>12</td>");
    expect(section).toContain("Ship 10 small features<br><code>ship-small-features</code>");
    expect(section).toContain('<input checked="" disabled="" type="checkbox"> done');
    expect(section.match(/<rect class="bar"/g)).toHaveLength(3);
    expect(section).toContain('<span class="mention">@dana</span>');
    expect(section).toContain("👍 2");
    expect(section).not.toContain("```");
    expect(section).not.toContain("rungs:goal-issue");
  });

  it("keeps links to the career repo in the page and the others on GitHub", () => {
    expect(html).toContain('href="repo/people/alice/evidence/2026-Q4.yml"');
    expect(html).toContain('href="#pull-7"');
    expect(html).toContain('href="https://github.com/acme/web/pull/1" rel="noopener noreferrer"');
  });

  it("shows a packet pull request: reviewers, review, check run with summary, the packet file rendered", () => {
    const section = html.slice(html.indexOf('id="pull-7"'));
    expect(section).toContain("dana");
    expect(section).toContain("approved these changes");
    expect(section).toContain('<span class="check-mark success" title="success">✓</span>');
    expect(section).toContain("Every criterion met");
    expect(section).toContain("<th>Met</th>");
    expect(section).toContain("people/alice/packets/2026-Q4.md");
    expect(section).toContain('<polyline class="line"');
  });

  it("lists check runs no pull request shows in their own section", () => {
    const withChecks = demoPageHtml(
      page({
        otherCheckRuns: [{ name: "rungs", headSha: "abcdef0123", conclusion: "failure", summary: HOSTILE }],
      }),
    );
    expect(withChecks).toContain('id="checks"');
    expect(withChecks).toContain('<span class="check-mark failure" title="failure">✗</span>');
    expect(unsafeParts(withChecks)).toEqual([]);
  });

  it("escapes hostile titles, labels, logins and bodies: text on the page, never markup", () => {
    const hostile = demoPageHtml(
      page({
        repo: 'acme/<b onmouseover="x">careers',
        issues: [
          issue({
            title: HOSTILE,
            labels: [HOSTILE],
            assignees: ['"><script>alert(3)</script>'],
            author: HOSTILE,
            body: `${HOSTILE}\n\n[click](javascript:alert(4)) [data](data:text/html,hi) <a href="https://x">a</a>\n\n<iframe src="https://x"></iframe><style>body{display:none}</style><details open onclick="x"><summary>s</summary></details>`,
            comments: [
              {
                author: "eve",
                createdAt: "not a date",
                body: `${HOSTILE}\n\n\`\`\`mermaid\nxychart-beta\n  title "</svg><script>alert(5)</script>"\n  x-axis ["<b>", "a, b"]\n  bar [1, 2]\n\`\`\``,
              },
            ],
          }),
        ],
      }),
    );
    expect(unsafeParts(hostile)).toEqual([]);
    expect(hostile).not.toMatch(/<(script|iframe)\b|<style>body|<[^>]*\son\w+=|href="(javascript|data):/i);
    expect(hostile).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // A pipe in a title is text in the page's heading; one in a table cell (escaped by Rungs) stays in its cell.
    expect(hostile).toContain('<h2 class="title">&lt;script&gt;alert(1)&lt;/script&gt; | @everyone &lt;img');
    expect(html).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt; | @\u200beveryone &lt;img src=x");
    expect(hostile).toContain("<p>click data &lt;a href=&quot;https://x&quot;&gt;a&lt;/a&gt;</p>");
    expect(hostile).toContain("&lt;/svg&gt;&lt;script&gt;alert(5)&lt;/script&gt;");
  });

  it("shows an @-mention Rungs defused as text, not as a mention", () => {
    const body = markdownToHtml(escapeInline("thanks @eve"));
    expect(body).not.toContain('class="mention"');
    expect(body).toContain("@\u200beve");
  });
});

describe("raw HTML in markdown", () => {
  it("keeps GitHub's bare structural tags and drops comments", () => {
    expect(sanitizeHtml("<!-- marker --><details open><summary>More</summary><br/>x</details>")).toBe(
      "<details open><summary>More</summary><br>x</details>",
    );
  });

  it("shows every other tag, and any attribute, as text", () => {
    expect(sanitizeHtml('<details onclick="x">')).toBe("&lt;details onclick=&quot;x&quot;&gt;");
    expect(sanitizeHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(sanitizeHtml("<a <b>")).toBe("&lt;a <b>");
    expect(sanitizeHtml("<!-- never closed <script>")).toBe("");
  });

  it("never lets a tag or attribute outside the page's own through, whatever the markdown", () => {
    const piece = fc.constantFrom(
      "<",
      ">",
      "</",
      '"',
      "'",
      "&",
      "`",
      "```",
      "\n",
      "|",
      "[",
      "](",
      ")",
      "!",
      "script",
      "img",
      "details",
      " on",
      "error=",
      "javascript:",
      "<!--",
      "-->",
      "mermaid",
      "xychart-beta\n",
      "x-axis [",
      "bar [",
      "@",
      "a",
      " ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        expect(unsafeParts(markdownToHtml(parts.join("")))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe("Mermaid charts", () => {
  it("draws xychart-beta bars as an SVG with one bar per category, scaled to the y-axis", () => {
    const svg = mermaidFigure(
      'xychart-beta\n  title "Evidence"\n  x-axis [W1, W2, "W3, late"]\n  y-axis "items" 0 --> 4\n  bar [4, 2, 0]',
    );
    const heights = [...svg.matchAll(/<rect class="bar"[^>]* height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0]).toBeCloseTo((heights[1] ?? 0) * 2);
    expect(heights[2]).toBe(0);
    expect(svg).toContain(">W3, late</text>");
    expect(svg).toContain('aria-label="Evidence"');
  });

  it("draws lines and pies", () => {
    expect(mermaidFigure("xychart-beta\n  x-axis [a, b]\n  line [1, 2]")).toContain("<polyline");
    const pie = mermaidFigure('pie title Work\n  "features" : 3\n  "reviews" : 1');
    expect(pie.match(/<path class="slice"/g)).toHaveLength(2);
    expect(pie).toContain("features: 3 (75%)");
  });

  it("shows the source and the reason for a chart it cannot draw, never drops it", () => {
    const bad = mermaidFigure("xychart-beta\n  bar [1, two]");
    expect(bad).toContain("Mermaid chart not drawn: bar: values must be numbers");
    expect(bad).toContain("bar [1, two]");
    expect(mermaidFigure("graph TD\n  A-->B")).toContain("&quot;graph&quot; charts are not drawn offline");
  });

  it("is the same every time", () => {
    const src = 'xychart-beta\n  x-axis [W1, W2]\n  y-axis "n" 0 --> 3\n  bar [1, 3]\n  line [2, 2]';
    expect(mermaidFigure(src)).toBe(mermaidFigure(src));
  });
});
