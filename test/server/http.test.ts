import { createServer } from "node:net";
import { Probot, Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { withHealthRoute } from "../../src/server/health.js";
import { type Delivery, featureMerged } from "../support/events.js";
import { type Harness, harness } from "../support/harness.js";
import { allowLocalServer, appDeps, probotOptions, signature } from "../support/webhooks.js";

/** A port nothing listens on (Probot's Server takes 0 to mean its default, 3000). */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** The app as `probot run ./lib/index.js` serves it: Probot's Server, its webhook path, our health route. */
const serve = async (h: Harness) => {
  const server = new Server({
    host: "127.0.0.1",
    port: await freePort(),
    Probot: Probot.defaults(probotOptions(h)),
    log: probotOptions(h).log,
  });
  await server.load(withHealthRoute(createApp(appDeps(h))));
  await server.start();
  return server;
};

const post = (server: Server, d: Delivery, headers: Record<string, string>) =>
  fetch(`http://127.0.0.1:${server.port}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": d.name,
      "x-github-delivery": d.id,
      ...headers,
    },
    body: JSON.stringify(d.payload),
  });

describe("the app over HTTP", () => {
  let server: Server | undefined;
  allowLocalServer();
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("records a correctly signed delivery, and rejects unsigned and wrongly signed ones before the app sees them", async () => {
    const h = await harness();
    server = await serve(h);
    const d = featureMerged(1);
    h.sandbox.applyEvent(d.name, d.payload, d.files);
    const body = JSON.stringify(d.payload);

    const unsigned = await post(server, d, {});
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ error: "Required headers missing: x-hub-signature-256" });

    const forged = await post(server, d, { "x-hub-signature-256": signature(body, "not-the-secret") });
    expect(forged.status).toBe(400);
    expect(JSON.stringify(await forged.json())).toContain("signature does not match");

    const tampered = await post(
      server,
      { ...d, payload: { ...d.payload, number: 2 } },
      {
        "x-hub-signature-256": signature(body),
      },
    );
    expect(tampered.status).toBe(400);
    // The app never ran: not one request to GitHub, nothing recorded.
    expect(h.sandbox.requests).toEqual([]);
    expect(h.ledger("alice")).toBeUndefined();

    const signed = await post(server, d, { "x-hub-signature-256": signature(body) });
    expect(signed.status).toBe(200);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
  });

  it("answers the health route with 200 and a JSON status, without touching GitHub", async () => {
    const h = await harness();
    server = await serve(h);
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ status: "ok" });
    const head = await fetch(`http://127.0.0.1:${server.port}/healthz?probe=1`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: "POST" })).status).toBe(404);
    expect(h.sandbox.requests).toEqual([]);
  });
});
