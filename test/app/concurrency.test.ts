import { describe, expect, it } from "vitest";
import { prMerged } from "../support/events.js";
import { harness } from "../support/harness.js";

describe.each([
  ["sharing a store (leases on people)", "shared"],
  ["without a store (compare-and-swap only)", "none"],
] as const)("concurrent deliveries across app instances %s", (_, store) => {
  it("records 60 merged PRs for 3 engineers exactly once, with exactly one goal issue each", async () => {
    const h = await harness({ instances: 3, realSleeps: true, seed: 3, store });
    // Besides the conflicts the race itself causes, a share of ledger writes fail with 502/503.
    h.sandbox.faults.set([
      { route: "PUT /repos/{owner}/{repo}/contents/{path}", kind: "server-error", rate: 0.15 },
    ]);
    const people = ["alice", "bob", "carol"];
    const deliveries = Array.from({ length: 60 }, (_, i) => {
      const author = people[i % 3] as string;
      // Seven days, so each person's day shard is written by about three racing deliveries.
      const day = String(1 + (i % 7)).padStart(2, "0");
      return prMerged({
        number: 1000 + i,
        author,
        title: `feat: thing ${i}`,
        labels: ["feature"],
        createdAt: `2026-11-${day}T08:00:00Z`,
        mergedAt: `2026-11-${day}T12:00:00Z`,
      });
    });
    // GitHub's side first, then all deliveries race through three instances (and some arrive twice).
    for (const d of deliveries) h.sandbox.applyEvent(d.name, d.payload);
    await Promise.all(
      [...deliveries, ...deliveries.slice(0, 9)].map((d, i) =>
        h.probots[i % 3]?.receive({ id: d.id, name: "pull_request", payload: d.payload } as Parameters<
          NonNullable<(typeof h.probots)[0]>["receive"]
        >[0]),
      ),
    );

    // Evidence the write budget deferred is written by each instance's scheduled drain, minutes later.
    for (let minute = 0; minute < 10; minute++) await h.tick();

    const conflicts = h.sandbox.requests.filter(
      (r) => r.route === "PUT /repos/{owner}/{repo}/contents/{path}" && r.status === 409,
    );
    // Without leases, deliveries for one person race on the same files. (With them, a delivery that
    // waited too long goes on without its lease and may race too: either way the outcome is the same.)
    if (store === "none") expect(conflicts.length).toBeGreaterThan(0);
    const injected = h.sandbox.requests.filter((r) => r.status === 502 || r.status === 503);
    expect(injected.length).toBeGreaterThan(0);
    for (const [k, login] of people.entries()) {
      const keys = h.ledger(login)?.items.map((i) => i.key) ?? [];
      const expected = deliveries
        .filter((_, i) => i % 3 === k)
        .map((d) => (d.payload.pull_request as { node_id: string }).node_id);
      expect(keys.sort()).toEqual(expected.sort());
      const issues = h.goalIssues(login);
      expect(issues).toHaveLength(1);
      expect(h.ledger(login)?.goal_issue).toBe(issues[0]?.number);
      // The issue reflects the final ledger, whichever instance wrote last.
      expect(issues[0]?.body).toContain("\n20 items.");
      expect(issues[0]?.comments).toHaveLength(1);
    }
    expect(h.mutationsOutsideCareer()).toEqual([]);
  }, 60_000);
});
