import { describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder } from "../../src/domain/ladder/load.js";
import type { Ledger } from "../../src/domain/ledger.js";
import type { Profile } from "../../src/domain/profile.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { escapeInline } from "../../src/render/escape.js";
import { BODY_LIMIT, renderGoalIssue } from "../../src/render/goal-issue.js";
import { pr } from "./fixtures.js";

const ladder = (() => {
  const r = loadLadder(bundledLadder());
  if (!r.ok) throw new Error("bundled ladder");
  return r.value;
})();
const alice: Profile = { login: "alice", level: "IC0", manager: "dana", history: [], notes: "" };

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
  const level = ladder.levels.get("IC0");
  if (!level) throw new Error("IC0");
  return renderGoalIssue(report, {
    template: loadTemplates().goalIssue,
    profile: alice,
    level,
    calendar: { startMonth: 1, timeZone: "UTC" },
    ledgerPath: "people/alice/evidence/2026-Q4.yml",
    ledgerUrl: "https://github.com/acme/careers/blob/main/people/alice/evidence/2026-Q4.yml",
  });
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
