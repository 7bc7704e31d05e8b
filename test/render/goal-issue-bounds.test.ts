import { describe, expect, it } from "vitest";
import { type EvidenceItem, evidenceRef } from "../../src/domain/evidence.js";
import { GOAL_LABEL, goalIssueMarker, whyNotGoalIssue } from "../../src/domain/goal-issue.js";
import { FOCUS_END, FOCUS_START, tickedFocus } from "../../src/domain/goals-file.js";
import type { Goals } from "../../src/domain/profile.js";
import { buildReport, type CriterionProgress, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { BODY_BUDGET, closeFences, LISTED_ITEMS, LISTED_UNCOUNTED } from "../../src/render/goal-issue.js";
import { alice, ladder, pr, renderAlice } from "./fixtures.js";

const FOLDER_LINK =
  "[people/alice/evidence/2026-Q4/](https://github.com/acme/careers/tree/main/people/alice/evidence/2026-Q4)";

const prs = (n: number, title?: (i: number) => string): EvidenceItem[] =>
  Array.from({ length: n }, (_, i) => pr(i + 1, title?.(i + 1)));

const reportOf = (items: readonly EvidenceItem[], goals?: Goals): Report => {
  const report = buildReport(
    {
      settings: defaultSettings(),
      ladder,
      profiles: new Map([["alice", alice]]),
      items: (_login, q) => (q === "2026-Q4" ? items : undefined),
      goals: (_login, q) => (q === "2026-Q4" ? goals : undefined),
    },
    "alice",
    { year: 2026, q: 4 },
  );
  if ("error" in report) throw new Error(report.error);
  return report;
};

const bodyOf = (report: Report): string => renderAlice(report).body;

/** An item's line under Evidence, as it has always read. */
const line = (i: EvidenceItem & { kind: "pull_request" }) =>
  `- \`${evidenceRef(i)}\` ${i.at.slice(0, 10)} · [acme/web#${i.number}](${i.url}) ${i.title} · feature, small, 1 review round, +10/−1`;

const evidenceSection = (body: string): string => {
  const start = body.indexOf("## Evidence\n\n");
  const end = body.indexOf("\n\n<sub>Each item starts with its ref.");
  return body.slice(start + "## Evidence\n\n".length, end);
};

/** Whether the markdown is whole: code blocks closed, comments closed, every table row complete. */
const wellFormed = (body: string): string[] => {
  const problems: string[] = [];
  let fence: string | undefined;
  for (const l of body.split("\n")) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l)?.[1];
    if (!f) continue;
    if (fence === undefined) fence = f;
    else if (f[0] === fence[0] && f.length >= fence.length && l.trim() === f) fence = undefined;
  }
  if (fence !== undefined) problems.push(`unclosed code fence ${fence}`);
  // Every HTML comment closed (a stray `-->`, as in the chart's axis, is text).
  for (let at = body.indexOf("<!--"); at !== -1; ) {
    const end = body.indexOf("-->", at + 4);
    if (end === -1) {
      problems.push(`unclosed comment at ${at}`);
      break;
    }
    at = body.indexOf("<!--", end + 3);
  }
  for (const l of body.split("\n").filter((x) => x.startsWith("|"))) {
    if (l.replace(/\\\|/g, "").split("|").length !== 8) problems.push(`broken table row: ${l.slice(0, 80)}`);
  }
  return problems;
};

const isGoalIssue = (body: string): boolean =>
  whyNotGoalIssue({ number: 1, labels: [GOAL_LABEL], body, inCareerRepo: true }, "alice", "2026-Q4") ===
  undefined;

describe("goal issue body at volume", () => {
  const items = prs(2000);
  const body = bodyOf(reportOf(items, { text: "- ship", focus: ["ship-small-features"] }));

  it("stays small at 2,000 items: the newest items, each with its ref, and exactly how many more", () => {
    expect(body.length).toBeLessThan(12_000);
    expect(LISTED_ITEMS).toBe(25);
    const evidence = evidenceSection(body);
    const newest = items
      .slice(-LISTED_ITEMS)
      .reverse()
      .map((i) => line(i as EvidenceItem & { kind: "pull_request" }));
    expect(evidence).toBe(
      [
        "2000 items; the newest 25 below, all of them in the ledger.",
        "",
        ...newest,
        "",
        `… and 1,975 more — see the ledger: ${FOLDER_LINK}.`,
      ].join("\n"),
    );
    // The 26th newest is not listed.
    expect(body).not.toContain(evidenceRef(pr(1975)));
  });

  it("keeps every total exact: values, the table's +N more, the chart, the readiness line", () => {
    const row = body.split("\n").find((l) => l.includes("`ship-small-features`"));
    expect(row).toContain("| 2000 | ≥ 10 | ✅ met |");
    // Eight links, and the other 1,992 counted.
    expect(row?.match(/\]\(https:/g)).toHaveLength(8);
    expect(row).toContain("+1992 more");
    const bars = /bar \[([^\]]*)\]/.exec(body)?.[1]?.split(", ").map(Number) ?? [];
    expect(bars.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(body).toMatch(/\*\*Readiness for IC1:\*\* every criterion met in \d of the last 3 quarters/);
  });

  it("keeps the marker first and the focus checklist whole", () => {
    expect(body.split("\n")[0]).toBe(goalIssueMarker("alice", "2026-Q4"));
    expect(isGoalIssue(body)).toBe(true);
    expect(tickedFocus(body)).toEqual(["ship-small-features"]);
    const report = reportOf(items);
    const list = body.slice(body.indexOf(FOCUS_START), body.indexOf(FOCUS_END));
    for (const c of report.criteria) expect(list).toContain(`\`${c.id}\``);
    expect(wellFormed(body)).toEqual([]);
  });

  it("bounds 5,000 items of long titles the same way", () => {
    const many = prs(5000, (i) => `feat: ${"long title ".repeat(20)}${i}`);
    const big = bodyOf(reportOf(many));
    expect(big.length).toBeLessThan(15_000);
    expect(big).toContain("5000 items; the newest 25 below");
    expect(big).toContain(`… and 4,975 more — see the ledger: ${FOLDER_LINK}.`);
    expect(big).toContain("| 5000 | ≥ 10 | ✅ met |");
  });

  it("cuts each not-counted list to its newest items, with exactly how many more", () => {
    const report = reportOf(items);
    const excluded = prs(130).map((i) => ({
      ...i,
      key: `X_${i.key}`,
      excluded: { by: "dana", at: "2026-12-01T00:00:00Z", reason: "reverted" },
    }));
    const unverified = prs(21).map((i) => ({ ...i, key: `U_${i.key}` }));
    const withUncounted = bodyOf({ ...report, excluded, unverified });
    expect(withUncounted).toContain("Excluded (130, not counted):");
    expect(withUncounted).toContain(`… and ${130 - LISTED_UNCOUNTED} more — see the ledger: ${FOLDER_LINK}.`);
    expect(withUncounted).toContain(evidenceRef(excluded[129] as EvidenceItem));
    expect(withUncounted).not.toContain(evidenceRef(excluded[129 - LISTED_UNCOUNTED] as EvidenceItem));
    expect(withUncounted).toContain("(21, not counted):");
    expect(withUncounted).toContain(`… and 1 more — see the ledger: ${FOLDER_LINK}.`);
    expect(withUncounted.length).toBeLessThan(20_000);
    expect(wellFormed(withUncounted)).toEqual([]);
  });
});

describe("a small quarter's goal issue", () => {
  it("lists every item, as it always has, with no cut", () => {
    const items = prs(20);
    const body = bodyOf(reportOf(items));
    expect(evidenceSection(body)).toBe(
      [
        "20 items.",
        "",
        ...[...items].reverse().map((i) => line(i as EvidenceItem & { kind: "pull_request" })),
      ].join("\n"),
    );
    expect(body).not.toContain("more — see the ledger");
    const row = body.split("\n").find((l) => l.includes("`ship-small-features`"));
    expect(row).toBe(
      `| Ship 10 small features to production<br>\`ship-small-features\` | 20 | ≥ 10 | ✅ met | — | ${items
        .slice(-8)
        .map((i) => `[acme/web#${(i as EvidenceItem & { number: number }).number}](${i.url})`)
        .join(", ")}, +12 more |`,
    );
  });

  it("shows up to the limit in full: the cut starts one item above it", () => {
    const full = evidenceSection(bodyOf(reportOf(prs(LISTED_ITEMS))));
    expect(full.startsWith(`${LISTED_ITEMS} items.\n`)).toBe(true);
    expect(full).not.toContain("more — see the ledger");
    const cut = evidenceSection(bodyOf(reportOf(prs(LISTED_ITEMS + 1))));
    expect(cut).toContain(`… and 1 more — see the ledger: ${FOLDER_LINK}.`);
    expect(cut).not.toContain(evidenceRef(pr(1)));
  });
});

const criterion = (n: number, title: string, evidence: EvidenceItem[]): CriterionProgress => ({
  id: `criterion-number-${n}`,
  title,
  kind: "measured",
  rule: "count",
  value: evidence.length,
  target: 10,
  comparator: ">=",
  met: n % 2 === 0,
  evidence,
  people: Array.from({ length: 300 }, (_, i) => `person-${i}`),
  previous: null,
});

const hostile = `@everyone | <b>&amp;</b> ${"@&|<>".repeat(200)}`;

describe("a goal issue from pathological input", () => {
  const items = prs(5000, () => hostile);
  const base = reportOf(items);
  const pathological = (criteria: number, focused: number): Report => ({
    ...base,
    criteria: Array.from({ length: criteria }, (_, n) => criterion(n, hostile, items)),
    goals: {
      text: `${"@".repeat(3000)}\n\`\`\`js\n${"<!-- & -->\n".repeat(500)}`,
      focus: [
        ...Array.from({ length: focused }, (_, n) => `criterion-number-${n}`),
        ...Array.from({ length: 400 }, (_, n) => `gone-${n}`),
      ],
    },
    excluded: items,
    rejected: items,
    claimed: items,
    unverified: items,
  });

  it.each([
    [3, 3],
    [40, 3],
    [150, 3],
    [150, 150],
    [600, 2],
    [3000, 3000],
  ])("%i criteria, %i focused: under the budget, marker first, markdown whole, ticks kept", (n, focused) => {
    const body = bodyOf(pathological(n, focused));
    expect(body.length).toBeLessThanOrEqual(BODY_BUDGET);
    expect(isGoalIssue(body)).toBe(true);
    expect(wellFormed(body)).toEqual([]);
    // The focus list is there whole (every ticked criterion ticked), or not at all (edits change nothing).
    const ticked = tickedFocus(body);
    if (ticked !== undefined)
      expect(ticked).toEqual(Array.from({ length: focused }, (_, k) => `criterion-number-${k}`));
    expect(body.includes(FOCUS_START)).toBe(body.includes(FOCUS_END));
    // Totals stay exact whatever is cut.
    expect(body).toContain("5000 items");
  });

  it("keeps a short ladder's focus list whole even when every list is cut to nothing", () => {
    const body = bodyOf(pathological(40, 3));
    expect(tickedFocus(body)).toEqual(["criterion-number-0", "criterion-number-1", "criterion-number-2"]);
    expect(body.slice(body.indexOf(FOCUS_START), body.indexOf(FOCUS_END)).match(/^- \[/gm)).toHaveLength(40);
  });

  it("keeps the ticked criteria when only they fit, and falls back to a body of totals when nothing does", () => {
    const some = bodyOf(pathological(600, 2));
    expect(tickedFocus(some)).toEqual(["criterion-number-0", "criterion-number-1"]);
    expect(some).toMatch(/more criteria not listed here: focus on one with `\/focus <criterion-id>`/);

    // Ids no ladder would have: even twenty rows of them do not fit.
    const huge = { ...pathological(10, 0), criteria: [] as CriterionProgress[] };
    huge.criteria = Array.from({ length: 2000 }, (_, n) => ({
      ...criterion(n, hostile, items),
      id: `c${n}-${"x".repeat(5000)}`,
    }));
    const minimal = bodyOf(huge);
    expect(minimal.length).toBeLessThanOrEqual(BODY_BUDGET);
    expect(isGoalIssue(minimal)).toBe(true);
    expect(wellFormed(minimal)).toEqual([]);
    expect(tickedFocus(minimal)).toBeUndefined();
    expect(minimal).toContain("5,000 items counted, 20,000 not counted; 1,000 of 2,000 criteria met");
  });
});

describe("closeFences", () => {
  it("closes a code block left open, and leaves closed ones alone", () => {
    expect(closeFences("a\n```js\ncode")).toBe("a\n```js\ncode\n```");
    expect(closeFences("~~~~\nx\n~~~")).toBe("~~~~\nx\n~~~\n~~~~");
    expect(closeFences("```\nx\n```\ntext")).toBe("```\nx\n```\ntext");
    expect(closeFences("no fences")).toBe("no fences");
  });

  it("closes own goals clipped inside a code block", () => {
    const body = bodyOf(reportOf(prs(3), { text: `\`\`\`\n${"line\n".repeat(2000)}`, focus: [] }));
    expect(wellFormed(body)).toEqual([]);
    expect(body).toContain("## Evidence");
  });
});
