import { createServer, type Server } from "node:http";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { configurationProblem, createHandler, lambdaFor } from "../../src/serverless.js";
import { type Delivery, featureMerged } from "../support/events.js";
import { type Harness, harness } from "../support/harness.js";
import { allowLocalServer, appDeps, probotOptions, signature } from "../support/webhooks.js";

const options = (h: Harness) => ({ probot: () => new Probot(probotOptions(h)), deps: () => appDeps(h) });

/** A delivery as a Lambda function URL (API Gateway v2) passes it: lower-case headers, base64 body. */
const functionUrlEvent = (d: Delivery, sig: string | undefined, body = JSON.stringify(d.payload)) => ({
  version: "2.0",
  rawPath: "/",
  headers: {
    "content-type": "application/json",
    "x-github-event": d.name,
    "x-github-delivery": d.id,
    ...(sig ? { "x-hub-signature-256": sig } : {}),
  },
  requestContext: { http: { method: "POST", path: "/" } },
  body: Buffer.from(body).toString("base64"),
  isBase64Encoded: true,
});

/** The same as API Gateway's REST API (v1) passes it: the sender's header spelling, the body as text. */
const restApiEvent = (d: Delivery, sig: string) => ({
  httpMethod: "POST",
  path: "/api/github/webhooks",
  headers: {
    "Content-Type": "application/json",
    "X-GitHub-Event": d.name,
    "X-GitHub-Delivery": d.id,
    "X-Hub-Signature-256": sig,
  },
  multiValueHeaders: {},
  body: JSON.stringify(d.payload),
  isBase64Encoded: false,
});

const delivered = async (h: Harness, d: Delivery) => {
  h.sandbox.applyEvent(d.name, d.payload, d.files);
  return d;
};

describe("the AWS Lambda entry", () => {
  it("records a correctly signed function-URL delivery and answers 200", async () => {
    const h = await harness();
    const handler = lambdaFor(options(h));
    const d = await delivered(h, featureMerged(1));
    const res = await handler(functionUrlEvent(d, signature(JSON.stringify(d.payload))));
    expect(res).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "ok", delivery: d.id }),
    });
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
  });

  it("reads API Gateway v1 headers whatever their case, and a plain-text body", async () => {
    const h = await harness();
    const handler = lambdaFor(options(h));
    const d = await delivered(h, featureMerged(2));
    const res = await handler(restApiEvent(d, signature(JSON.stringify(d.payload))));
    expect(res.statusCode).toBe(200);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_2"]);
  });

  it("refuses a wrong signature with 401 and a missing one with 400: the app never runs", async () => {
    const h = await harness();
    const handler = lambdaFor(options(h));
    const d = await delivered(h, featureMerged(1));
    const body = JSON.stringify(d.payload);
    const forged = await handler(functionUrlEvent(d, signature(body, "guessed")));
    expect(forged.statusCode).toBe(401);
    expect(JSON.parse(forged.body)).toEqual({ error: "signature does not match event payload and secret" });
    const tampered = await handler(
      functionUrlEvent(d, signature(body), body.replace('"alice"', '"mallory"')),
    );
    expect(tampered.statusCode).toBe(401);
    const unsigned = await handler(functionUrlEvent(d, undefined));
    expect(unsigned.statusCode).toBe(400);
    expect(JSON.parse(unsigned.body)).toEqual({ error: "Required headers missing: x-hub-signature-256" });
    expect(h.sandbox.requests).toEqual([]);
    expect(h.ledger("alice")).toBeUndefined();
  });

  it("answers 400 to what is not a delivery, 405 to other methods, and 200 to its health check", async () => {
    const h = await harness();
    const handler = lambdaFor(options(h));
    const d = featureMerged(1);
    const notJson = "{not json";
    expect((await handler(functionUrlEvent(d, signature(notJson), notJson))).statusCode).toBe(400);
    expect((await handler("hello")).statusCode).toBe(400);
    const get = { rawPath: "/healthz", headers: {}, requestContext: { http: { method: "GET" } } };
    expect(await handler(get)).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
    const put = { ...get, rawPath: "/", requestContext: { http: { method: "PUT" } } };
    expect((await handler(put)).statusCode).toBe(405);
    expect(h.sandbox.requests).toEqual([]);
  });

  it("answers 500 without details when it cannot be configured, and tries again on the next request", async () => {
    const h = await harness();
    let attempts = 0;
    const handler = lambdaFor({
      probot: () => {
        attempts++;
        throw new Error("Rungs cannot start: set WEBHOOK_SECRET");
      },
      deps: () => appDeps(h),
    });
    const d = featureMerged(1);
    const event = functionUrlEvent(d, signature(JSON.stringify(d.payload)));
    const res = await handler(event);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("WEBHOOK_SECRET");
    await handler(event);
    expect(attempts).toBe(2);
  });
});

describe("configuration from the environment", () => {
  it("names every missing variable, and insists on a webhook secret", () => {
    expect(configurationProblem({})).toBe(
      "Rungs cannot start: set APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET in the function's environment (see .env.example)",
    );
    expect(configurationProblem({ APP_ID: "1", PRIVATE_KEY_PATH: "key.pem" })).toContain(
      "set WEBHOOK_SECRET in",
    );
    expect(configurationProblem({ APP_ID: "1", PRIVATE_KEY: "pem", WEBHOOK_SECRET: "s" })).toBeUndefined();
  });
});

describe("the handler for any Node host", () => {
  allowLocalServer();
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  const listen = async (h: Harness) => {
    const handler = createHandler(options(h));
    server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  };

  const post = (url: string, d: Delivery, sig: string) =>
    fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": d.name,
        "x-github-delivery": d.id,
        "x-hub-signature-256": sig,
      },
      body: JSON.stringify(d.payload),
    });

  it("records a signed delivery and refuses a wrongly signed one", async () => {
    const h = await harness();
    const url = await listen(h);
    const d = await delivered(h, featureMerged(1));
    const forged = await post(url, d, signature(JSON.stringify(d.payload), "guessed"));
    expect(forged.status).toBe(400);
    expect(h.sandbox.requests).toEqual([]);
    const signed = await post(url, d, signature(JSON.stringify(d.payload)));
    expect(signed.status).toBe(200);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
  });

  it("serves the health route, and 404 elsewhere", async () => {
    const h = await harness();
    const url = await listen(h);
    const health = await fetch(`${url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });
});
