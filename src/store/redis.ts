import { Redis } from "ioredis";
import { HOUR_MS, MINUTE_MS, type WriteLimits } from "../domain/write-window.js";
import type { Coordination } from "./coordination.js";
import type { WriteBudget } from "./write-budget.js";

/**
 * One sliding-window log per installation (a sorted set of write times), checked and added to in one
 * atomic script, so instances sharing REDIS_URL never together exceed the budget.
 * Returns 0 when the write was taken, else the ms until one would fit. ARGV: now, per minute, per hour,
 * a unique member, and whether to take (1) or only look (0; then the room is returned, negated).
 */
const TAKE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local perMinute = tonumber(ARGV[2])
local perHour = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ${HOUR_MS})
local hour = redis.call('ZCARD', key)
local minute = redis.call('ZCOUNT', key, '(' .. (now - ${MINUTE_MS}), '+inf')
if ARGV[5] == '0' then
  return -math.max(0, math.min(perMinute - minute, perHour - hour))
end
local wait = 0
if hour >= perHour then
  local oldest = redis.call('ZRANGE', key, hour - perHour, hour - perHour, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + ${HOUR_MS} - now)
end
if minute >= perMinute then
  local oldest = redis.call('ZRANGE', key, hour - perMinute, hour - perMinute, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + ${MINUTE_MS} - now)
end
if wait > 0 then return wait end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, ${HOUR_MS})
return 0
`;

export class RedisWriteBudget implements WriteBudget {
  private taken = 0;

  constructor(
    private readonly redis: Redis,
    private readonly limits: WriteLimits,
    /** Tells this process's members apart from other instances' in the shared log. */
    private readonly instance: string,
  ) {}

  async take(installation: number, now: number): Promise<number> {
    return Math.max(0, await this.run(installation, now, "1"));
  }

  async room(installation: number, now: number): Promise<number> {
    return Math.max(0, -(await this.run(installation, now, "0")));
  }

  private async run(installation: number, now: number, take: "0" | "1"): Promise<number> {
    const member = `${this.instance}:${++this.taken}`;
    const answer = await this.redis.eval(
      TAKE,
      1,
      `rungs:writes:${installation}`,
      String(now),
      String(this.limits.perMinute),
      String(this.limits.perHour),
      member,
      take,
    );
    return Number(answer);
  }
}

/** Probot's own Redis setting (REDIS_URL) connects the budget; lazily, so a bad URL fails the first write, loudly. */
export const redisFrom = (url: string): Redis =>
  new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });

/** Deletes a lease only while it is still the caller's: KEYS[1] the lease, ARGV[1] the token. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Config generations and person leases shared by every instance on one Redis (store/coordination.ts). */
export class RedisCoordination implements Coordination {
  private taken = 0;

  constructor(
    private readonly redis: Redis,
    /** Tells this process's tokens apart from other instances'. */
    private readonly instance: string,
  ) {}

  async configGeneration(owner: string): Promise<number> {
    return Number((await this.redis.get(`rungs:config:${owner.toLowerCase()}`)) ?? 0);
  }

  async bumpConfig(owner: string): Promise<void> {
    await this.redis.incr(`rungs:config:${owner.toLowerCase()}`);
  }

  async acquire(key: string, ttlMs: number): Promise<string | undefined> {
    const token = `${this.instance}:${++this.taken}`;
    const answer = await this.redis.set(`rungs:lease:${key}`, token, "PX", ttlMs, "NX");
    return answer === "OK" ? token : undefined;
  }

  async holds(key: string, token: string): Promise<boolean> {
    return (await this.redis.get(`rungs:lease:${key}`)) === token;
  }

  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `rungs:lease:${key}`, token);
  }

  async writtenMark(key: string): Promise<number> {
    return Number((await this.redis.get(`rungs:written:${key}`)) ?? 0);
  }

  async markWritten(key: string): Promise<void> {
    // Kept a day: longer than any lease, so a holder never misses a mark that expired under it.
    await this.redis.multi().incr(`rungs:written:${key}`).pexpire(`rungs:written:${key}`, 86_400_000).exec();
  }
}
