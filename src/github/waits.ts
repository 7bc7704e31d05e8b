import { z } from "zod";
import type { GitHub } from "./types.js";

/** What an Octokit error tells about why GitHub refused: status, headers and message. */
const Refusal = z.object({
  status: z.number(),
  message: z.string().optional(),
  response: z
    .object({ headers: z.record(z.string(), z.union([z.string(), z.number()]).optional()).optional() })
    .optional(),
});

export interface WaitDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Told each wait, so a long one is not mistaken for a hang. */
  waiting?(ms: number, why: string): void;
}

/** How many times one request waits before its refusal is final. */
export const MAX_WAITS = 8;
/** GitHub asks clients to wait at least a minute after a secondary limit that names no retry-after. */
const SECONDARY_DEFAULT_MS = 60_000;

/**
 * How long GitHub asked to wait before trying again, or undefined when the refusal is not about rate:
 * `retry-after` (secondary limits, 429), or `x-ratelimit-remaining: 0` with its reset (the primary limit).
 */
export const waitAsked = (e: unknown, now: number): { ms: number; why: string } | undefined => {
  const r = Refusal.safeParse(e);
  if (!r.success || (r.data.status !== 403 && r.data.status !== 429)) return undefined;
  const headers = r.data.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0)
    return { ms: retryAfter * 1000, why: "secondary rate limit (retry-after)" };
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    return { ms: Math.max(1000, reset - now + 1000), why: "primary rate limit" };
  }
  if (/secondary rate limit/i.test(r.data.message ?? ""))
    return { ms: SECONDARY_DEFAULT_MS, why: "secondary rate limit" };
  return undefined;
};

/**
 * Every request of this client waits out GitHub's rate limits instead of failing: it sleeps as long as
 * GitHub asked (through the injected sleep, so tests never wait) and tries again, at most MAX_WAITS times.
 */
export const waitOutRateLimits = (github: GitHub, deps: WaitDeps): void => {
  github.hook.wrap("request", async (request, options) => {
    for (let waits = 0; ; waits++) {
      try {
        return await request(options);
      } catch (e) {
        const wait = waitAsked(e, deps.now());
        if (!wait || waits >= MAX_WAITS) throw e;
        deps.waiting?.(wait.ms, wait.why);
        await deps.sleep(wait.ms);
      }
    }
  });
};
