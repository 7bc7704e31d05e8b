import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { DEFAULT_WRITE_LIMITS } from "../domain/write-window.js";
import type { AppDeps } from "../usecases/context.js";
import { MemoryCoordination } from "./coordination.js";
import { RedisCoordination, RedisWriteBudget, redisFrom } from "./redis.js";
import { MemoryWriteBudget } from "./write-budget.js";

/** Longest one write waits for room in production before its event fails and is redelivered or reconciled. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * The write budget a running app uses: shared through Redis when REDIS_URL is set (Probot's own setting,
 * so every instance behind one webhook URL shares it), else this process's own.
 */
const writeBudgetFrom = (redis: Redis | undefined): NonNullable<AppDeps["writeBudget"]> => ({
  budget: redis
    ? new RedisWriteBudget(redis, DEFAULT_WRITE_LIMITS, randomUUID())
    : new MemoryWriteBudget(DEFAULT_WRITE_LIMITS),
  limits: DEFAULT_WRITE_LIMITS,
  maxWaitMs: MAX_WAIT_MS,
  every: (ms, task) => {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task()
        .catch(() => undefined)
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
  },
});

/**
 * What every instance shares (store/coordination.ts, the write budget): through one Redis connection
 * when REDIS_URL is set, else this process's memory — then run exactly one instance.
 */
export const sharedStateFrom = (
  env: NodeJS.ProcessEnv,
  now: () => number,
): Pick<AppDeps, "writeBudget" | "coordination"> => {
  const redis = env.REDIS_URL ? redisFrom(env.REDIS_URL) : undefined;
  return {
    writeBudget: writeBudgetFrom(redis),
    coordination: redis ? new RedisCoordination(redis, randomUUID()) : new MemoryCoordination(now),
  };
};
