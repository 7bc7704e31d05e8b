import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import type { Ledger } from "../../src/domain/ledger.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { escapeInline } from "../../src/render/escape.js";
import { BODY_LIMIT } from "../../src/render/goal-issue.js";
import { alice, ladder, pr, renderAlice } from "./fixtures.js";

const render = (items: EvidenceItem[]) => {
  const ledger: Ledger = { login: "alice", quarter: "2026-Q4", goal_issue: 1, items };
  const report = buildReport(
    {
      settings: defaultSettings(),
      ladder,
      profiles: new Map([["alice", alice]]),
      items: (_login, q) => (q === "2026-Q4" ? ledger.items : undefined),
      goals: () => undefined,
    },
    "alice",
    { year: 2026, q: 4 },
  ) as Report;
  return renderAlice(report);
};

describe("goal issue body", () => {
  it("escapes untrusted text: no mention pings, no raw HTML, no broken table, no smuggled links", () => {
    const body = render([
      pr(1, "feat: @bob | <img src=x onerror=alert(1)> [click](https://evil.example) `x`\nnext"),
    ]).body;
    expect(body).not.toMatch(/@bob/);
    expect(body).not.toContain("<img");
    expect(body).not.toContain("[click](https://evil.example)");
    expect(body).toContain(
      "feat: @&#8203;bob \\| &lt;img src=x onerror=alert(1)&gt; \\[click\\](https:/&#8203;/evil.example) \\`x\\` next",
    );
    for (const row of body
      .split("\n")
      .filter((l) => l.startsWith("| ") && l.includes("`ship-small-features`"))) {
      expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(8);
    }
    expect(escapeInline("a".repeat(300), 50)).toHaveLength(50);
    // Bare URLs and www. names would become links: they stay text.
    expect(escapeInline("log in at https://evil.example or www.evil.example")).toBe(
      "log in at https:/&#8203;/evil.example or www&#8203;.evil.example",
    );
  });

  it("stays under GitHub's 65,536-character limit however much a quarter holds", () => {
    const items = Array.from({ length: 5000 }, (_, i) => pr(i + 1, `feat: ${"long title ".repeat(20)}${i}`));
    const body = render(items).body;
    expect(body.length).toBeLessThan(BODY_LIMIT);
    expect(body).toContain("5000 items; the newest");
    expect(body).toContain("| 5000 | ≥ 10 | ✅ met |");
  });
});
