import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpDom, findChromium, screenshot } from "../../scripts/chromium.js";
import { runRungs } from "../support/cli.js";

/**
 * The demo page in a real browser: `rungs simulate` over the examples, index.html opened in headless
 * Chromium, and what a person would see checked on the DOM the browser built. Runs wherever Chromium is
 * installed; in CI (.ci/run installs it) a missing browser fails the run instead of skipping.
 */
const chromium = findChromium();
const skip = !chromium && !process.env.CI;
if (skip)
  console.warn(
    "demo-page.browser.test.ts skipped: no chromium on PATH (apt-get install chromium, or set CHROMIUM); CI runs it",
  );

interface Summary {
  issues: { number: number; title: string; state: string }[];
  pulls: { number: number; title: string }[];
}

/** The text a person reads: no head, no styles, tags gone, character references decoded. */
const visibleText = (dom: string): string =>
  dom
    .replace(/<head>[\s\S]*?<\/head>/i, "")
    .replace(/<style>[\s\S]*?<\/style>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** Each conversation section of the DOM by its id (issue-N, pull-N). */
const sections = (dom: string): Map<string, string> => {
  const parts = dom.split(/(?=<section class="conversation" id=")/).slice(1);
  return new Map(parts.map((p) => [/id="([^"]+)"/.exec(p)?.[1] ?? "", p.slice(0, p.indexOf("</section>"))]));
};

/** Rows of the markdown tables in a goal issue's body, as written to issues/<n>.md. */
const markdownTableRows = (md: string) =>
  md.split("\n").filter((l) => /^\|.*\|$/.test(l) && !/^\|[-| :]+\|$/.test(l));

describe.skipIf(skip)("the demo page in headless Chromium", () => {
  const tmp = mkdtempSync(join(tmpdir(), "rungs-demo-page-"));
  const out = join(tmp, "demo");
  const page = join(out, "index.html");
  let dom = "";
  let log = "";
  let summary: Summary;
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    if (!chromium)
      throw new Error("chromium is not installed, and CI must run the browser test: see .ci/run");
    const r = await runRungs(
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      "examples/events/quarter.jsonl",
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const run = await dumpDom(chromium, page);
    dom = run.stdout;
    log = run.stderr;
  }, 120_000);

  it("shows every goal issue's title in the index and as its section's heading", () => {
    expect(summary.issues.length).toBeGreaterThan(0);
    const byId = sections(dom);
    for (const i of summary.issues) {
      expect(dom).toContain(`href="#issue-${i.number}"`);
      const section = byId.get(`issue-${i.number}`) ?? "";
      expect(visibleText(section)).toContain(`${i.title} #${i.number}`);
      expect(section).toContain(`<span class="state ${i.state}">`);
    }
  });

  it("shows each goal issue's progress table, row for row, and its chart as an SVG with a bar per week", () => {
    const byId = sections(dom);
    for (const i of summary.issues) {
      const section = byId.get(`issue-${i.number}`) ?? "";
      const md = readFileSync(join(out, "issues", `${i.number}.md`), "utf8");
      const rows = section.match(/<tr>/g) ?? [];
      expect(rows.length).toBe(markdownTableRows(md).length);
      expect(section).toContain("<th>Criterion</th>");
      expect(section).toMatch(/<svg class="chart xychart"[^>]*aria-label="Evidence per week, \d{4}-Q\d"/);
      expect(section.match(/<rect class="bar"/g)).toHaveLength(13);
    }
  });

  it("shows the reactions on the goal issues' comments, one row per comment that has some", () => {
    const byId = sections(dom);
    for (const i of summary.issues) {
      const md = readFileSync(join(out, "issues", `${i.number}.md`), "utf8");
      const reacted = md.split("\n").filter((l) => l.startsWith("Reactions: ")).length;
      expect(byId.get(`issue-${i.number}`)?.match(/<div class="reactions">/g)?.length ?? 0).toBe(reacted);
    }
  });

  it("shows a packet pull request's section for every pull request the run opened", () => {
    const byId = sections(dom);
    for (const p of summary.pulls) {
      expect(dom).toContain(`href="#pull-${p.number}"`);
      expect(visibleText(byId.get(`pull-${p.number}`) ?? "")).toContain(`${p.title} #${p.number}`);
    }
  });

  it("shows no raw markdown, hidden marker or double-escaped text", () => {
    const text = visibleText(dom);
    for (const raw of [
      "```",
      "xychart-beta",
      "|---",
      "](http",
      "**",
      "<!--",
      "rungs:goal-issue",
      "&amp;",
      "&#",
    ])
      expect(text, raw).not.toContain(raw);
    expect(text).toContain("Path to IC1 Junior Engineer");
  });

  it("runs no script, logs nothing to the console, and loads nothing from elsewhere", () => {
    expect(dom).not.toMatch(/<script/i);
    expect(log.split("\n").filter((l) => /CONSOLE|Uncaught|Content Security Policy/.test(l))).toEqual([]);
  });

  it("links files of the career repo to their copies beside the page", () => {
    const local = [...dom.matchAll(/href="(repo\/[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(local.length).toBeGreaterThan(0);
    for (const href of new Set(local)) expect(existsSync(join(out, decodeURI(href))), href).toBe(true);
  });

  it("draws a goal issue on screen (a screenshot that is not blank)", async () => {
    const png = join(tmp, "issue.png");
    await screenshot(
      chromium ?? "",
      page,
      png,
      { width: 1280, height: 900 },
      `issue-${summary.issues[0]?.number}`,
    );
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.readUInt32BE(16)).toBe(1280);
    // A blank page compresses to a few kilobytes; text, a table and a chart do not.
    expect(statSync(png).size).toBeGreaterThan(40_000);
  }, 60_000);
});
