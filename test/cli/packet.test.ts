/** `rungs packet` against the in-memory GitHub: the same use-case as `/promote`, through a token. */
import { describe, expect, it } from "vitest";
import { issueClosed } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";
import { runAgainst } from "../support/remote-cli.js";

const incidents = (login: string) =>
  [1, 2, 3].map((k) =>
    issueClosed({
      number: 400 + k,
      title: `Outage ${k}`,
      assignees: [login],
      labels: ["incident"],
      createdAt: `2026-10-0${k}T01:00:00Z`,
      closedAt: `2026-10-0${k}T10:00:00Z`,
    }),
  );

describe("rungs packet", () => {
  it("prints the packet with --dry-run and writes nothing; without it opens one pull request, and again refreshes it", async () => {
    const h = await harness();
    for (const d of incidents("bob")) await h.deliver(d);
    const before = h.state();

    const dry = await runAgainst(h.sandbox, [
      "packet",
      "--repo",
      "acme/careers",
      "--login",
      "bob",
      "--dry-run",
    ]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("# Promotion packet: bob IC1 → IC2");
    expect(dry.out).toContain("3 of 3 items verified against GitHub");
    expect(dry.err).toBe("rungs packet: dry run of people/bob/promotions/IC2.md; nothing was written");
    expect(h.state()).toEqual(before);
    expect(h.sandbox.pulls(CAREER)).toEqual([]);

    const first = await runAgainst(h.sandbox, ["packet", "--repo", "acme/careers", "--login", "Bob"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^opened #(\d+) https:\/\/github\.com\/acme\/careers\/pull\/\1: not ready for IC2$/m,
    );
    expect(first.out).toContain("  missing independent-incidents: short in 2026-Q4");
    const again = await runAgainst(h.sandbox, ["packet", "--repo", "acme/careers", "--login", "bob"]);
    expect(again.out).toMatch(/^unchanged #\d+/);
    expect(h.sandbox.pulls(CAREER).map((p) => [p.head, p.state])).toEqual([
      ["rungs/promotion/bob/IC2", "open"],
    ]);
  });

  it("refuses a target that is not next with the valid one, and asks for --login", async () => {
    const h = await harness();
    const bad = await runAgainst(h.sandbox, [
      "packet",
      "--repo",
      "acme/careers",
      "--login",
      "bob",
      "--target",
      "IC3",
    ]);
    expect([bad.code, bad.err]).toEqual([
      1,
      "rungs packet: IC3 is not a valid target from IC1: the next level is IC2",
    ]);
    const usage = await runAgainst(h.sandbox, ["packet", "--repo", "acme/careers"]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain("rungs packet: --login LOGIN is required");
    expect(h.sandbox.pulls(CAREER)).toEqual([]);
  });
});
