import { describe, expect, it } from "vitest";
import { type Delivery, prMerged } from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";
import { runAgainst } from "../support/remote-cli.js";

const PEOPLE = Array.from({ length: 30 }, (_, i) => `dev${String(i + 1).padStart(2, "0")}`);
const profiles = Object.fromEntries(
  PEOPLE.map((login) => [
    `people/${login}/profile.md`,
    `---\nname: ${login}\nlevel: IC1\nmanager: dana\nsince: 2025-10-01\n---\n`,
  ]),
);
const START = Date.UTC(2026, 10, 2, 9);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** 300 merged pull requests, ten per person, in three minutes: far more writes than a minute allows. */
const burst = (): Delivery[] =>
  Array.from({ length: 300 }, (_, i) =>
    prMerged({
      number: 2000 + i,
      author: PEOPLE[i % PEOPLE.length] as string,
      title: `feat: part ${i}`,
      labels: ["feature"],
      createdAt: iso(START + i * 600 - 3_600_000),
      mergedAt: iso(START + i * 600),
    }),
  );

const nodeIdOf = (d: Delivery) => (d.payload.pull_request as { node_id: string }).node_id;

/** Every person's ledger holds exactly their pull requests, and their goal issue shows every one. */
const expectEverything = (h: Harness, deliveries: readonly Delivery[]) => {
  for (const login of PEOPLE) {
    const theirs = deliveries.filter(
      (d) => (d.payload.pull_request as { user: { login: string } }).user.login === login,
    );
    expect(
      h
        .ledger(login)
        ?.items.map((i) => i.key)
        .sort(),
    ).toEqual(theirs.map(nodeIdOf).sort());
    const issues = h.goalIssues(login);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain(`\n${theirs.length} items.`);
  }
};

describe("an organisation's burst of evidence, inside GitHub's content limits", () => {
  it("never exceeds the budget (60 a minute, 400 an hour), batches ledger commits, and catches up", async () => {
    const h = await harness({ instances: 2, files: profiles, seed: 11 });
    const deliveries = burst();
    let peakMinute = 0;
    for (const [i, d] of deliveries.entries()) {
      await h.deliver(d, i % 2);
      peakMinute = Math.max(peakMinute, h.sandbox.contentLimits().lastMinute);
    }
    for (let m = 0; m < 60 && !settled(h, deliveries); m++) {
      await h.tick(60_000);
      peakMinute = Math.max(peakMinute, h.sandbox.contentLimits().lastMinute);
    }
    expect(h.sandbox.contentLimits().refused).toBe(0);
    expect(peakMinute).toBeLessThanOrEqual(60);
    expect(h.sandbox.contentLimits().lastHour).toBeLessThanOrEqual(400);
    // Ledger writes were coalesced: far fewer commits than merged pull requests.
    const batched = h.sandbox.requests.filter((r) => r.operation === "RungsBatchCommit" && r.status === 200);
    expect(batched.length).toBeGreaterThan(0);
    const commits = h.sandbox.requests.filter(
      (r) => r.mutating && (r.operation === "RungsBatchCommit" || r.route.includes("/contents/")),
    );
    expect(commits.length).toBeLessThan(deliveries.length / 2);
    expectEverything(h, deliveries);
  }, 120_000);

  it("loses nothing when an instance dies with writes pending: rungs sync re-derives it", async () => {
    const h = await harness({ instances: 2, files: profiles, seed: 12 });
    const deliveries = burst();
    for (const [i, d] of deliveries.entries()) {
      if (i === 150) {
        // Instance 1 dies holding evidence that waits for a batched commit.
        expect(h.logs.some((l) => l.msg === "evidence waits for a batched commit")).toBe(true);
        h.kill(1);
      }
      // After the kill, what was meant for instance 1 never arrives (GitHub's side still happened).
      if (i >= 150 && i % 2 === 1) h.sandbox.applyEvent(d.name, d.payload);
      else await h.deliver(d, i % 2);
    }
    for (let m = 0; m < 60; m++) await h.tick(60_000);
    const missing = PEOPLE.filter((login) => (h.ledger(login)?.items.length ?? 0) < 10);
    expect(missing.length).toBeGreaterThan(0);

    const run = await runAgainst(h.sandbox, ["sync", "--repo", CAREER, "--since", "2026-11-01"]);
    expect(run.code, run.err).toBe(0);
    for (let m = 0; m < 10; m++) await h.tick(60_000);
    expectEverything(h, deliveries);
    expect(h.sandbox.contentLimits().refused).toBe(0);
  }, 180_000);
});

describe("tagging while the budget is short", () => {
  it("labels every counted pull request, including evidence that waits for a batched commit", async () => {
    // IC0: a merged feature counts toward shipping small features, so each one gets that label.
    const ic0 = Object.fromEntries(Object.entries(profiles).map(([p, t]) => [p, t.replace("IC1", "IC0")]));
    const h = await harness({
      files: { ...ic0, ".github/rungs.yml": "privacy:\n  tagging: true\n" },
      seed: 13,
    });
    const deliveries = burst().slice(0, 120);
    for (const d of deliveries) await h.deliver(d);
    for (let m = 0; m < 30; m++) await h.tick(60_000);
    expect(h.logs.some((l) => l.msg === "evidence waits for a batched commit")).toBe(true);
    const pulls = h.sandbox.pulls("acme/web");
    expect(pulls).toHaveLength(deliveries.length);
    const untagged = pulls.filter((p) => !p.labels.includes("rungs: ship-small-features"));
    expect(untagged.map((p) => p.number)).toEqual([]);
    expect(h.sandbox.contentLimits().refused).toBe(0);
  }, 120_000);
});

const settled = (h: Harness, deliveries: readonly Delivery[]): boolean =>
  PEOPLE.every((login) => {
    const n = deliveries.filter(
      (d) => (d.payload.pull_request as { user: { login: string } }).user.login === login,
    ).length;
    return h.goalIssues(login)[0]?.body.includes(`\n${n} items.`) ?? false;
  });
