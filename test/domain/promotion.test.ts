import { describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import { parseProfile } from "../../src/domain/career-repo.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder } from "../../src/domain/ladder/load.js";
import type { Ladder } from "../../src/domain/ladder/schema.js";
import { levelChanges } from "../../src/domain/org-chart.js";
import {
  decideTarget,
  localDate,
  packetBranch,
  packetSuggestion,
  packetVerdict,
  parsePacketBranch,
  promoteProfile,
  promotionCredits,
  trendsOf,
} from "../../src/domain/promotion.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { criterion, issue, ladderOf, level, pr, profile, profilesOf, standardLadder } from "./fixtures.js";

const bundled = (): Ladder => {
  const l = loadLadder(bundledLadder());
  if (!l.ok) throw new Error("bundled ladder does not load");
  return l.value;
};

describe("decideTarget", () => {
  const ladder = standardLadder();
  it.each<[string, string | undefined, unknown]>([
    ["IC1", undefined, { ok: true, from: "IC1", to: "IC2", kind: "promotion" }],
    ["IC1", "ic2", { ok: true, from: "IC1", to: "IC2", kind: "promotion" }],
    [
      "IC1",
      "IC3",
      { ok: false, message: "IC3 is not a valid target from IC1: the next level is IC2", valid: ["IC2"] },
    ],
    [
      "IC1",
      "IC1",
      { ok: false, message: "IC1 is not a valid target from IC1: the next level is IC2", valid: ["IC2"] },
    ],
    [
      "IC1",
      "M1",
      { ok: false, message: "M1 is not a valid target from IC1: the next level is IC2", valid: ["IC2"] },
    ],
    ["IC4", "M1", { ok: true, from: "IC4", to: "M1", kind: "role-change" }],
    [
      "IC4",
      undefined,
      {
        ok: false,
        message: "IC4 is the top of its track; a role change may go to M1: name the target",
        valid: ["M1"],
      },
    ],
    ["M3", undefined, { ok: false, message: "M3 is the top of its track: no promotion", valid: [] }],
    ["XX9", undefined, { ok: false, message: 'level "XX9" is not in the ladder', valid: [] }],
  ])("%s → %s", (from, requested, want) => {
    expect(decideTarget(ladder, from, requested)).toEqual(want);
  });
});

describe("packet branches", () => {
  it("name the engineer (lower case) and the target, and only packet branches parse", () => {
    expect(packetBranch("Bob", "IC2")).toBe("rungs/promotion/bob/IC2");
    expect(parsePacketBranch("rungs/promotion/bob/IC2")).toEqual({ login: "bob", target: "IC2" });
    for (const ref of [
      "rungs/promotion/bob",
      "feature/rungs/promotion/bob/IC2",
      "rungs/promotion/bob/IC2/x",
      "main",
    ])
      expect(parsePacketBranch(ref)).toBeUndefined();
  });
});

/** IC0 → IC1: a feature and an incident each quarter; readiness 2 of 3. */
const verdictLadder = ladderOf(
  level({
    id: "IC0",
    next: "IC1",
    criteria: [
      criterion("ship", { kind: "count", evidence: "pull_request", min: 1, where: { class: ["feature"] } }),
      criterion("incidents", { kind: "count", evidence: "issue", min: 2 }),
    ],
  }),
  level({ id: "IC1", rank: 1 }),
);

const reportOf = (byQuarter: Record<string, EvidenceItem[]>): Report => {
  const r = buildReport(
    {
      settings: defaultSettings(),
      ladder: verdictLadder,
      profiles: profilesOf(profile("alice", { level: "IC0" })),
      items: (login, q) => (login === "alice" ? byQuarter[q] : undefined),
      goals: () => undefined,
    },
    "alice",
    { year: 2026, q: 4 },
  );
  if ("error" in r) throw new Error(r.error);
  return r;
};
const at = (q: string) =>
  ({
    "2026-Q4": "2026-11-02T10:00:00Z",
    "2026-Q3": "2026-08-02T10:00:00Z",
    "2026-Q2": "2026-05-02T10:00:00Z",
  })[q] ?? "";
const full = (q: string) => [pr({ at: at(q) }), issue({ at: at(q) }), issue({ at: at(q) })];
const shipOnly = (q: string) => [pr({ at: at(q) }), issue({ at: at(q) })];
const promotion = { to: "IC1", kind: "promotion" as const };

describe("packetVerdict: readiness from report.ts, and what is missing", () => {
  it("is ready when the report says so, with nothing missing", () => {
    const v = packetVerdict(reportOf({ "2026-Q4": full("2026-Q4"), "2026-Q3": full("2026-Q3") }), promotion);
    expect(v).toEqual({
      ready: true,
      line: "Ready for IC1: every criterion met in 2 of the last 3 quarters (2 needed).",
      missing: [],
    });
  });

  it("names each criterion short in a quarter with data, with its value and target", () => {
    const v = packetVerdict(
      reportOf({ "2026-Q4": full("2026-Q4"), "2026-Q3": shipOnly("2026-Q3") }),
      promotion,
    );
    expect(v.ready).toBe(false);
    expect(v.line).toBe(
      "Not ready for IC1 yet: every criterion met in 1 of the last 3 quarters (2 needed; 2026-Q4 met, 2026-Q3 not met, 2026-Q2 no data).",
    );
    expect(v.missing).toEqual([
      {
        id: "incidents",
        title: "Title of incidents",
        met: 1,
        needed: 2,
        short: [{ quarter: "2026-Q3", value: 1, target: "≥ 2" }],
      },
    ]);
  });

  it("is not ready with one quarter of data even when every criterion is met in it", () => {
    const v = packetVerdict(reportOf({ "2026-Q4": full("2026-Q4") }), promotion);
    expect([v.ready, v.missing]).toEqual([false, []]);
  });

  it("never calls a role change ready", () => {
    const v = packetVerdict(reportOf({ "2026-Q4": full("2026-Q4"), "2026-Q3": full("2026-Q3") }), {
      to: "M1",
      kind: "role-change",
    });
    expect(v.ready).toBe(false);
    expect(v.line).toMatch(/^Role change IC0 → M1: not a promotion/);
  });
});

describe("packetSuggestion", () => {
  const ready = reportOf({ "2026-Q4": full("2026-Q4"), "2026-Q3": full("2026-Q3") });
  it("suggests /promote once readiness holds, and never again for the same target", () => {
    expect(packetSuggestion(ready, { suggested: [], packets: [] })).toEqual({
      suggest: true,
      target: "IC1",
      command: "/promote",
    });
    expect(packetSuggestion(ready, { suggested: ["IC1"], packets: [] })).toEqual({ suggest: false });
    expect(packetSuggestion(ready, { suggested: [], packets: ["ic1"] })).toEqual({ suggest: false });
    expect(
      packetSuggestion(reportOf({ "2026-Q4": full("2026-Q4") }), { suggested: [], packets: [] }),
    ).toEqual({
      suggest: false,
    });
  });
});

describe("trendsOf", () => {
  it("counts features and takes the median review rounds of reviewed pull requests per quarter", () => {
    expect(
      trendsOf([
        { quarter: "2026-Q3", items: [] },
        {
          quarter: "2026-Q4",
          items: [
            pr({ class: "feature", review_rounds: 1 }),
            pr({ class: "feature", review_rounds: 4 }),
            pr({ class: "bugfix", review_rounds: 2 }),
            pr({ class: "feature", review_rounds: 9, reviewed: false }),
            issue(),
          ],
        },
      ]),
    ).toEqual([
      { quarter: "2026-Q3", features: 0, reviewRounds: null },
      { quarter: "2026-Q4", features: 3, reviewRounds: 2 },
    ]);
  });
});

describe("promoteProfile", () => {
  const BOB = [
    "---",
    "# Bob's profile",
    "name: Bob Brown # full name",
    "level: IC1",
    "manager: dana",
    "since: 2026-04-01",
    "history:",
    "  - { level: IC0, since: 2025-01-06 }",
    "  - { since: 2026-06-01, manager: dana }",
    "---",
    "Web team. **Keeps** this.",
    "",
  ].join("\n");
  const change = { from: "IC1", to: "IC2", since: "2026-12-01" };

  it("sets level and since, adds the old level to history in date order, and keeps everything else", () => {
    const edit = promoteProfile(BOB, change);
    if (edit.status !== "promoted") throw new Error(edit.status);
    expect(edit.text).toBe(
      [
        "---",
        "# Bob's profile",
        "name: Bob Brown # full name",
        "level: IC2",
        "manager: dana",
        "since: 2026-12-01",
        "history:",
        "  - { level: IC0, since: 2025-01-06 }",
        "  - { level: IC1, since: 2026-04-01 }",
        "  - { since: 2026-06-01, manager: dana }",
        "---",
        "Web team. **Keeps** this.",
        "",
      ].join("\n"),
    );
    const parsed = parseProfile("p.md", "bob", edit.text);
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    expect(levelChanges(parsed.value)).toEqual([
      { from: "IC0", to: "IC1", since: "2026-04-01" },
      { from: "IC1", to: "IC2", since: "2026-12-01" },
    ]);
  });

  it("starts a history, dated by the merge when the old level had no date", () => {
    const edit = promoteProfile("---\nlevel: IC1\nmanager: dana\n---\n", change);
    if (edit.status !== "promoted") throw new Error(edit.status);
    const parsed = parseProfile("p.md", "bob", edit.text);
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    expect([parsed.value.level, parsed.value.since, parsed.value.history]).toEqual([
      "IC2",
      "2026-12-01",
      [{ level: "IC1", since: "2026-12-01" }],
    ]);
    expect(levelChanges(parsed.value)).toEqual([{ from: "IC1", to: "IC2", since: "2026-12-01" }]);
  });

  it("leaves a profile already at the target alone, and refuses one moved elsewhere by hand", () => {
    const done = BOB.replace("level: IC1", "level: IC2");
    expect(promoteProfile(done, change)).toEqual({ status: "already", text: done });
    expect(promoteProfile(BOB.replace("level: IC1", "level: IC3"), change)).toEqual({
      status: "refused",
      reason: "the profile's level is IC3, not IC1: it was changed by hand, and is left as it is",
    });
    expect(promoteProfile("no frontmatter", change).status).toBe("refused");
  });
});

describe("promotionCredits", () => {
  const ladder = bundled();
  const packet = {
    url: "https://github.com/acme/careers/pull/9",
    mergedBy: "dana",
    recordedAt: "2026-12-01T10:00:05Z",
  };
  const on = (from: string, to: string) => ({
    from,
    to,
    since: "2026-12-01",
    at: "2026-12-01T10:00:00Z",
    timeZone: "UTC",
  });
  const credited = (p: Parameters<typeof promotionCredits>[1], from: string, to: string) =>
    promotionCredits(ladder, p, on(from, to), packet).map((c) => [
      c.login,
      c.item.kind === "manual" ? c.item.criterion : "",
    ]);

  it("credits the mentor (engineers-leveled-up) and the manager (reports-leveled-up) for a level-up", () => {
    const bob = profile("bob", { level: "IC1", manager: "dana", mentor: "carol" });
    expect(credited(bob, "IC1", "IC2")).toEqual([
      ["carol", "engineers-leveled-up"],
      ["dana", "reports-leveled-up"],
    ]);
    const [mentor] = promotionCredits(ladder, bob, on("IC1", "IC2"), packet);
    expect(mentor?.item).toEqual({
      kind: "manual",
      key: "promotion:bob:IC1-IC2:2026-12-01:engineers-leveled-up",
      at: "2026-12-01T10:00:00Z",
      title: "bob (mentee) promoted IC1 → IC2",
      url: packet.url,
      provenance: { source: "observed", by: "rungs", recorded_at: packet.recordedAt },
      criterion: "engineers-leveled-up",
      confirmed: { by: "dana", at: "2026-12-01T10:00:00Z", url: packet.url },
    });
  });

  it("credits only managers-developed for a track change (a role change is no level-up)", () => {
    const ivy = profile("ivy", { level: "IC4", manager: "erin", mentor: "carol" });
    expect(credited(ivy, "IC4", "M1")).toEqual([["erin", "managers-developed"]]);
  });

  it("credits reports-leveled-up and managers-developed for a promotion up the manager track", () => {
    expect(credited(profile("dana", { level: "M1", manager: "erin" }), "M1", "M2")).toEqual([
      ["erin", "reports-leveled-up"],
      ["erin", "managers-developed"],
    ]);
  });

  it("credits whoever was manager and mentor on the day, by the profile's history", () => {
    const bob = profile("bob", {
      level: "IC1",
      manager: "erin",
      history: [
        { since: "2026-01-01", manager: "dana", mentor: "carol" },
        { since: "2026-12-15", manager: "erin", mentor: null },
      ],
    });
    expect(credited(bob, "IC1", "IC2")).toEqual([
      ["carol", "engineers-leveled-up"],
      ["dana", "reports-leveled-up"],
    ]);
  });

  it("credits nobody without a manager or mentor, and the same merge gives the same keys", () => {
    expect(credited(profile("bob", { level: "IC1", manager: null }), "IC1", "IC2")).toEqual([]);
    const bob = profile("bob", { level: "IC1", manager: "dana" });
    expect(promotionCredits(ladder, bob, on("IC1", "IC2"), packet)).toEqual(
      promotionCredits(ladder, bob, on("IC1", "IC2"), packet),
    );
  });
});

describe("localDate", () => {
  it("is the day in the organisation's time zone", () => {
    expect(localDate(Date.parse("2026-12-01T03:00:00Z"), "UTC")).toBe("2026-12-01");
    expect(localDate(Date.parse("2026-12-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-11-30");
  });
});
