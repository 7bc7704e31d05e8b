import { createHmac } from "node:crypto";
import nock from "nock";
import { pino } from "pino";
import { type Options, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import { throwawayAppKey } from "../../src/simulate/probot.js";
import { sandboxDeps } from "../../src/simulate/run.js";
import type { AppDeps } from "../../src/usecases/context.js";
import type { Harness } from "./harness.js";
import { takeNockViolations } from "./nock-guard.js";

/** The webhook secret GitHub and the app share in these tests. */
export const SECRET = "rungs-test-webhook-secret";

/** GitHub's `X-Hub-Signature-256` of a body, computed here independently of Probot and @octokit/webhooks. */
export const signature = (body: string, secret = SECRET): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

const privateKey = throwawayAppKey();

/** Probot options as `probot run` builds them from the environment, talking to the harness's in-memory GitHub. */
export const probotOptions = (h: Harness): Options => ({
  appId: 1,
  privateKey,
  secret: SECRET,
  log: pino({ level: "silent" }),
  Octokit: ProbotOctokit.defaults((o: object) => ({
    ...o,
    retry: { enabled: false },
    throttle: { enabled: false },
    request: { fetch: h.sandbox.fetch },
  })),
});

/** The app's deps against the harness's in-memory GitHub (its clock, the simulate signing key). */
export const appDeps = (h: Harness): AppDeps =>
  sandboxDeps(h.sandbox, { bundledLadder: bundledLadder(), templates: loadTemplates(), seed: 7 });

/**
 * For tests that talk HTTP to a server they started on this machine: 127.0.0.1 is reachable, and only
 * requests to it are excused from the suite's "nothing unmocked" rule; every other host stays refused.
 */
export const allowLocalServer = () => {
  beforeEach(() => {
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    nock.disableNetConnect();
    const elsewhere = takeNockViolations().filter(
      (v) => !/^request nothing mocked: \S+ 127\.0\.0\.1\//.test(v),
    );
    expect(elsewhere).toEqual([]);
  });
};
