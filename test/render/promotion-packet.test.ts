import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type PacketVerdict, packetVerdict } from "../../src/domain/promotion.js";
import { buildReport, type Report } from "../../src/domain/report.js";
import { defaultSettings } from "../../src/domain/settings.js";
import {
  expectationsChecklist,
  type PacketInput,
  parseKeptSections,
  renderPacket,
  renderPacketPullBody,
} from "../../src/render/promotion-packet.js";
import { criterion, ladderOf, level, pr, profile, profilesOf } from "../domain/fixtures.js";

const template = readFileSync("templates/promotion-packet.md", "utf8");

const from = level({
  id: "IC0",
  next: "IC1",
  criteria: [criterion("ship", { kind: "count", evidence: "pull_request", min: 1 })],
});
const to = level({
  id: "IC1",
  rank: 1,
  body: "# IC1\n\n## You are here if\nYou ship <b>features</b>.\n\n## What you do\n- **Scope:** features\n- Ping @everyone\n\n## Example quarterly goal\nNot assessed.\n",
});
const ladder = ladderOf(from, to);

const reportFor = (title: string): Report => {
  const r = buildReport(
    {
      settings: defaultSettings(),
      ladder,
      profiles: profilesOf(profile("alice", { level: "IC0" })),
      items: (_l, q) =>
        q === "2026-Q4" || q === "2026-Q3"
          ? [pr({ title, at: q === "2026-Q4" ? "2026-11-02T10:00:00Z" : "2026-08-02T10:00:00Z" })]
          : undefined,
      goals: () => undefined,
    },
    "alice",
    { year: 2026, q: 4 },
  );
  if ("error" in r) throw new Error(r.error);
  return r;
};

const input = (over: Partial<PacketInput> = {}): PacketInput => {
  const report = reportFor("feat: <script>alert(1)</script> @everyone");
  const verdict: PacketVerdict = packetVerdict(report, { to: "IC1", kind: "promotion" });
  return {
    template,
    login: "alice",
    name: "Alice <img src=x> @dana",
    from,
    to,
    kind: "promotion",
    report,
    verdict,
    notCounted: [],
    verification: { checked: 2, failed: [] },
    trends: [],
    manager: "dana",
    skipLevel: "erin",
    admins: [],
    kept: {},
    ...over,
  };
};

describe("renderPacket", () => {
  it("shows the verdict, each window quarter per criterion, and escapes untrusted text", () => {
    const text = renderPacket(input());
    expect(text.split("\n")[0]).toBe("<!-- rungs:promotion-packet login=alice target=IC1 -->");
    expect(text).toContain(
      "**Verdict:** Ready for IC1: every criterion met in 2 of the last 3 quarters (2 needed).",
    );
    expect(text).toContain("| Criterion | 2026-Q4 | 2026-Q3 | 2026-Q2 | Target |");
    expect(text).toContain("| ✅ met · 1 | ✅ met · 1 | no data | ≥ 1 |");
    expect(text).toContain("2 of 2 items verified against GitHub");
    expect(text).not.toMatch(/<script>|<img|@everyone|@dana/);
    expect(text).toContain("&lt;script&gt;");
  });

  it("keeps people's sections verbatim through a re-render, and fills them when new", () => {
    const first = renderPacket(input());
    expect(parseKeptSections(first).selfReview).toMatch(/^_The engineer's own words/);
    const edited = first
      .replace(
        /(<!-- rungs:self-review:start -->\n)[\s\S]*?(\n<!-- rungs:self-review:end -->)/,
        "$1My words,\nover two lines.$2",
      )
      .replace(
        /(<!-- rungs:manager-notes:start -->\n)[\s\S]*?(\n<!-- rungs:manager-notes:end -->)/,
        "$1- [x] Agreed.$2",
      );
    const kept = parseKeptSections(edited);
    expect(kept).toEqual({ selfReview: "My words,\nover two lines.", managerNotes: "- [x] Agreed." });
    const again = renderPacket(input({ kept }));
    expect(again).toContain(
      "<!-- rungs:self-review:start -->\nMy words,\nover two lines.\n<!-- rungs:self-review:end -->",
    );
    expect(again).toContain(
      "<!-- rungs:manager-notes:start -->\n- [x] Agreed.\n<!-- rungs:manager-notes:end -->",
    );
    expect(parseKeptSections("no markers")).toEqual({});
  });

  it("lists failed verification as text, never a link, and says how many held", () => {
    const report = reportFor("feat: x");
    const forged = pr({ number: 7, title: "forged", url: "https://evil.example/x" });
    const text = renderPacket(
      input({
        verification: {
          checked: 3,
          failed: [{ quarter: "2026-Q4", item: forged, reason: "opened by mallory, not alice" }],
        },
        report,
      }),
    );
    expect(text).toContain("2 of 3 items verified against GitHub");
    expect(text).toContain("- 2026-Q4 · acme/web#7 forged · opened by mallory, not alice");
    expect(text).not.toContain("evil.example");
  });

  it("says a role change is not a promotion, and asks an admin when there is no manager", () => {
    const text = renderPacket(
      input({ kind: "role-change", manager: null, skipLevel: null, admins: ["root", "bad name"] }),
    );
    expect(text).toContain("# Role change: alice IC0 → IC1");
    expect(text).toContain("a **role change**, not a promotion");
    expect(text).toContain("an admin (@root, bad name) is asked to review this packet");
    const body = renderPacketPullBody({
      login: "alice",
      to: "IC1",
      kind: "promotion",
      path: "people/alice/promotions/IC1.md",
      verdict: input().verdict,
      manager: null,
      admins: [],
    });
    expect(body).toContain("**No manager in the profile:** an admin is asked to review this packet");
  });
});

describe("expectationsChecklist", () => {
  it("turns the target level's assessed sections into a checklist, defusing HTML and mentions", () => {
    expect(expectationsChecklist(to)).toBe(
      [
        "**You are here if**",
        "",
        "- [ ] You ship &lt;b&gt;features&lt;/b&gt;.",
        "",
        "**What you do**",
        "",
        "- [ ] **Scope:** features",
        "- [ ] Ping @&#8203;everyone",
      ].join("\n"),
    );
  });
});
