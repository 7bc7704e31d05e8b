import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { throwawayAppKey } from "../../src/simulate/probot.js";
import { featureMerged } from "../support/events.js";
import { harness } from "../support/harness.js";
import { runAgainst } from "../support/remote-cli.js";

const APP = { APP_ID: "1", PRIVATE_KEY: throwawayAppKey() };

const HOUR = 3_600_000;

describe("rungs heal", () => {
  it("asks GitHub to redeliver a failed delivery once, and the app records it", async () => {
    const h = await harness();
    // GitHub sent three deliveries: #1 went through, #2 failed and #3 failed then went through on a retry.
    const [ok, lost, retried] = [1, 2, 3].map((n) =>
      featureMerged(n, { mergedAt: `2026-10-0${n + 1}T15:00:00Z`, createdAt: `2026-10-0${n}T09:00:00Z` }),
    );
    if (!ok || !lost || !retried) throw new Error("three deliveries");
    await h.deliver(ok);
    h.sandbox.recordDelivery({ guid: ok.id, event: ok.name, payload: ok.payload, statusCode: 200 });
    h.sandbox.applyEvent(lost.name, lost.payload);
    h.sandbox.recordDelivery({ guid: lost.id, event: lost.name, payload: lost.payload, statusCode: 502 });
    h.sandbox.recordDelivery({
      guid: retried.id,
      event: retried.name,
      payload: retried.payload,
      statusCode: 0,
    });
    await h.deliver(retried);
    h.sandbox.recordDelivery({
      guid: retried.id,
      event: retried.name,
      payload: retried.payload,
      statusCode: 200,
    });
    const app = h.probots[0] as Probot;
    h.sandbox.onRedelivery(async (d) => {
      await app.receive({ id: d.guid, name: d.event, payload: d.payload } as Parameters<
        Probot["receive"]
      >[0]);
      return 200;
    });
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_3"]);

    h.sandbox.clock.advance(2 * HOUR);
    const run = await runAgainst(h.sandbox, ["heal", "--since", "3d"], { env: APP });

    expect(run.code).toBe(0);
    expect(run.out).toContain(`redelivered ${lost.id} (pull_request.closed, failed with 502 at `);
    expect(run.out).toContain("4 deliveries since 2026-10-01T17:00:00.000Z");
    expect(run.out).toContain(": 1 redelivered, 1 failed earlier but went through since");
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual([
      "PR_acme_web_1",
      "PR_acme_web_2",
      "PR_acme_web_3",
    ]);
    expect(h.sandbox.hookDeliveries().filter((d) => d.redelivery)).toEqual([
      expect.objectContaining({ guid: lost.id, statusCode: 200 }),
    ]);

    // Healed: a second run finds nothing to do.
    const again = await runAgainst(h.sandbox, ["heal", "--since", "3d"], { env: APP });
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      "5 deliveries since 2026-10-01T17:00:00.000Z: 0 redelivered, 2 failed earlier but went through since",
    );
    expect(h.sandbox.hookDeliveries().filter((d) => d.redelivery)).toHaveLength(1);
  });

  it("looks back only as far as asked, paging through the deliveries", async () => {
    const h = await harness();
    const old = featureMerged(1);
    h.sandbox.recordDelivery({ guid: "old", event: "pull_request", payload: old.payload, statusCode: 502 });
    h.sandbox.clock.advance(5 * 24 * HOUR);
    for (let i = 0; i < 150; i++)
      h.sandbox.recordDelivery({
        guid: `ok-${i}`,
        event: "pull_request",
        payload: old.payload,
        statusCode: 200,
      });
    h.sandbox.recordDelivery({
      guid: "recent",
      event: "pull_request",
      payload: old.payload,
      statusCode: 500,
    });

    const run = await runAgainst(h.sandbox, ["heal", "--since", "1d"], { env: APP });

    expect(run.code).toBe(0);
    // The redelivery has no app to reach here: GitHub records it as timed out.
    expect(run.out.split("\n").filter((l) => l.startsWith("redelivered"))).toEqual([
      expect.stringMatching(/^redelivered recent \(pull_request\.closed, failed with 500 at /),
    ]);
    expect(run.out).toContain("151 deliveries since");
    expect(h.sandbox.requests.filter((r) => r.route === "GET /app/hook/deliveries")).toHaveLength(2);
  });

  it("needs the app's own credential, and says so", async () => {
    const h = await harness();
    const none = await runAgainst(h.sandbox, ["heal"], { env: { GITHUB_TOKEN: "ghs_x" } });
    expect(none).toMatchObject({
      code: 1,
      err: "rungs heal: no app credential: set APP_ID and PRIVATE_KEY (the app's id and private key; missing: APP_ID and PRIVATE_KEY)",
    });
    const badKey = await runAgainst(h.sandbox, ["heal"], { env: { APP_ID: "1", PRIVATE_KEY: "not a key" } });
    expect(badKey.err).toBe(
      "rungs heal: PRIVATE_KEY is not a PEM private key (paste the .pem file the app's settings gave you)",
    );
    const badId = await runAgainst(h.sandbox, ["heal"], { env: { ...APP, APP_ID: "rungs" } });
    expect(badId.err).toBe('rungs heal: APP_ID "rungs" is not a number: use the app\'s numeric id');
    const badSince = await runAgainst(h.sandbox, ["heal", "--since", "yesterday"], { env: APP });
    expect(badSince.code).toBe(2);
    expect(badSince.err).toContain(
      "rungs heal: --since yesterday: expected a duration like 3d, 36h, 90m or 1w",
    );
  });
});
