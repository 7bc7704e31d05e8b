import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../app.js";
import type { AppDeps } from "../usecases/context.js";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * A throwaway app key, made once per process: the offline GitHub does not check signatures, and no key
 * is ever committed (simulate, and every test that needs an app's PRIVATE_KEY).
 */
export const throwawayAppKey = (() => {
  let key: string | undefined;
  return () => {
    key ??= generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    }).privateKey;
    return key;
  };
})();

/**
 * A real Probot running the real app, talking to `fetch` (the in-memory GitHub). Retries and
 * throttling are off (in probot 14.3 only the function form of `defaults` turns throttling off).
 */
export const probotAgainst = async (
  fetch: typeof globalThis.fetch,
  deps: AppDeps,
  opts: { logs?: LogLine[]; level?: "debug" | "info" | "warn" | "error"; retries?: boolean } = {},
): Promise<Probot> => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) opts.logs?.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const log = pino({ level: opts.level ?? "warn" }, sink);
  const probot = new Probot({
    appId: 1,
    privateKey: throwawayAppKey(),
    log,
    Octokit: ProbotOctokit.defaults((o: object) => ({
      ...o,
      retry: { enabled: opts.retries ?? false },
      throttle: { enabled: false },
      request: { fetch },
    })),
  });
  await probot.load(createApp(deps));
  return probot;
};
