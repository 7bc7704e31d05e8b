import { describe, expect, it } from "vitest";
import { featureMerged } from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";
import { runAgainst } from "../support/remote-cli.js";

const PEOPLE = ["alice", "bob", "carol", "dana", "erin"];

const goalTitles = (h: Harness, quarter: string) =>
  h
    .goalIssues()
    .filter((i) => i.title.startsWith(`${quarter} goals:`))
    .map((i) => i.assignees.join(","))
    .sort();

describe("rungs open-quarter", () => {
  it("opens every engineer's goal issue once, however often it runs", async () => {
    const h = await harness();

    const first = await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER, "--quarter", "2026-Q4"]);
    const after = h.state();
    const second = await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER, "--quarter", "2026-Q4"]);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(goalTitles(h, "2026-Q4")).toEqual(PEOPLE);
    for (const login of PEOPLE) expect(h.ledger(login)?.goal_issue).toEqual(expect.any(Number));
    expect(h.state()).toEqual(after);
    expect(first.out).toContain("5 goal issues opened, 0 already open");
    expect(second.out).toContain("0 goal issues opened, 5 already open");
  });

  it("closes last quarter's goal issue with one summary", async () => {
    const h = await harness();
    await h.deliver(
      featureMerged(1, { createdAt: "2026-09-10T09:00:00Z", mergedAt: "2026-09-10T15:00:00Z" }),
    );
    const [q3] = h.goalIssues("alice");
    expect(q3?.title).toBe("2026-Q3 goals: alice (IC0 → IC1)");

    const first = await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER]);
    const second = await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER]);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.out).toContain(`closed #${q3?.number} (alice's last quarter) with a summary`);
    const closed = h.goalIssues("alice").find((i) => i.number === q3?.number);
    expect(closed?.state).toBe("closed");
    expect(closed?.stateReason).toBe("completed");
    const summaries = closed?.comments.filter((c) => c.body.includes("rungs:quarter-summary")) ?? [];
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.body).toContain("**2026-Q3 is over.** alice met 0 of");
    expect(summaries[0]?.body).toContain("with 1 item of evidence");
    expect(second.out).not.toContain("closed #");
  });
});

describe("rungs progress", () => {
  it("posts what changed since the last check-in, and nothing when nothing did", async () => {
    const h = await harness();
    await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER, "--quarter", "2026-Q4"]);
    await h.deliver(featureMerged(1, { mergedAt: "2026-10-02T15:00:00Z" }));
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-03T15:00:00Z" }));
    const checkIns = () =>
      (h.goalIssues("alice")[0]?.comments ?? []).filter((c) => c.body.includes("rungs:progress"));

    const first = await runAgainst(h.sandbox, ["progress", "--repo", CAREER]);
    const second = await runAgainst(h.sandbox, ["progress", "--repo", CAREER]);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(checkIns()).toHaveLength(1);
    expect(checkIns()[0]?.body).toMatch(/^@alice @dana: 1:1 check-in for 2026-Q4, so far this quarter\./);
    expect(checkIns()[0]?.body).toContain("- Evidence: +2 items (2 this quarter)");
    // Nobody else has anything to talk about yet.
    expect(first.out).toContain("1 check-ins posted, 4 goal issues unchanged since the last");
    expect(second.out).toContain("0 check-ins posted, 5 goal issues unchanged since the last");

    h.sandbox.clock.advance(14 * 86_400_000);
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-14T15:00:00Z" }));
    await runAgainst(h.sandbox, ["progress", "--repo", CAREER]);

    expect(checkIns()).toHaveLength(2);
    expect(checkIns()[1]?.body).toMatch(
      /1:1 check-in for 2026-Q4, since the last check-in \(2026-10-0\d\)\./,
    );
    expect(checkIns()[1]?.body).toContain("- Evidence: +1 item (3 this quarter)");
  });

  it("leaves an issue that only looks like a goal issue alone", async () => {
    const h = await harness();
    await runAgainst(h.sandbox, ["open-quarter", "--repo", CAREER, "--quarter", "2026-Q4"]);
    await h.deliver(featureMerged(1, { mergedAt: "2026-10-02T15:00:00Z" }));
    const real = h.goalIssues("alice")[0];
    // Someone copies alice's goal issue by hand.
    const octo = await h.sandbox.fetch(`https://api.github.com/repos/${CAREER}/issues`, {
      method: "POST",
      body: JSON.stringify({
        title: "copy",
        body: real?.body,
        labels: ["rungs: goals"],
        assignees: ["alice"],
      }),
    });
    const copy = (await octo.json()) as { number: number };

    const run = await runAgainst(h.sandbox, ["progress", "--repo", CAREER]);

    expect(run.err).toContain(
      `rungs progress: skipped #${copy.number}: not the goal issue its ledger records`,
    );
    expect(h.sandbox.issues(CAREER).find((i) => i.number === copy.number)?.comments).toEqual([]);
  });
});
