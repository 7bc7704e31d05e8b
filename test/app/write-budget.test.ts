import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WRITE_LIMITS, roomIn, waitForRoom } from "../../src/domain/write-window.js";
import { Sandbox } from "../../src/sandbox/index.js";
import { RedisWriteBudget, redisFrom } from "../../src/store/redis.js";
import { MemoryWriteBudget } from "../../src/store/write-budget.js";
import { failure, octokitFor } from "../sandbox/octokit.js";
import { hasRedisServer, startRedis } from "../support/redis-server.js";

const T0 = Date.UTC(2026, 9, 1, 9);

describe("the in-memory GitHub's secondary content limits", () => {
  it("refuses the 81st content-creating request of a minute with GitHub's 403 and retry-after, then lets it through", async () => {
    const sandbox = new Sandbox({ seed: 1, now: T0 });
    sandbox.addRepo({ name: "careers" });
    const octokit = octokitFor(sandbox);
    for (let i = 0; i < 80; i++)
      await octokit.issues.create({ owner: "acme", repo: "careers", title: `t${i}` });
    // Reads never count.
    await octokit.issues.listForRepo({ owner: "acme", repo: "careers" });
    const refused = await failure(
      octokit.issues.create({ owner: "acme", repo: "careers", title: "one more" }),
    );
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/^You have exceeded a secondary rate limit/);
    expect(refused.headers["retry-after"]).toBe("60");
    expect(sandbox.contentLimits()).toEqual({ lastMinute: 80, lastHour: 80, refused: 1 });
    sandbox.clock.advance(60_000);
    await expect(
      octokit.issues.create({ owner: "acme", repo: "careers", title: "later" }),
    ).resolves.toBeTruthy();
  });

  it("refuses the 501st of an hour even when each minute is under 80", async () => {
    const sandbox = new Sandbox({ seed: 1, now: T0 });
    sandbox.addRepo({ name: "careers" });
    const octokit = octokitFor(sandbox);
    for (let i = 0; i < 500; i++) {
      if (i % 50 === 0) sandbox.clock.advance(60_000);
      await octokit.issues.create({ owner: "acme", repo: "careers", title: `t${i}` });
    }
    expect(sandbox.contentLimits().refused).toBe(0);
    const refused = await failure(octokit.issues.create({ owner: "acme", repo: "careers", title: "over" }));
    expect(refused.status).toBe(403);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(60);
  });
});

describe("the write budget's windows", () => {
  it("waits until the oldest write of a full minute leaves it, and the hour the same", () => {
    const minute = Array.from({ length: 60 }, (_, i) => T0 + i * 100);
    expect(waitForRoom(minute.slice(0, 59), T0 + 6000, DEFAULT_WRITE_LIMITS)).toBe(0);
    expect(waitForRoom(minute, T0 + 6000, DEFAULT_WRITE_LIMITS)).toBe(54_000);
    expect(roomIn(minute, T0 + 6000, DEFAULT_WRITE_LIMITS)).toBe(0);
    expect(roomIn(minute, T0 + 60_050, DEFAULT_WRITE_LIMITS)).toBe(1);
    const hour = Array.from({ length: 400 }, (_, i) => T0 + i * 9000);
    const now = T0 + 400 * 9000;
    expect(waitForRoom(hour, now, DEFAULT_WRITE_LIMITS)).toBe(T0 + 3_600_000 - now);
  });

  it("in memory: takes until a window is full, then says how long to wait", async () => {
    const budget = new MemoryWriteBudget({ perMinute: 3, perHour: 5 });
    expect([await budget.take(1, T0), await budget.take(1, T0), await budget.take(1, T0 + 10)]).toEqual([
      0, 0, 0,
    ]);
    expect(await budget.take(1, T0 + 20)).toBe(60_000 - 20);
    expect(await budget.room(2, T0)).toBe(3);
    expect(await budget.take(1, T0 + 60_000)).toBe(0);
    expect(await budget.take(1, T0 + 60_001)).toBe(0);
    expect(await budget.take(1, T0 + 60_002)).toBe(3_600_000 - 60_002);
  });
});

const redisAvailable = hasRedisServer();
if (!redisAvailable && process.env.CI)
  throw new Error("redis-server is not installed: .ci/run must install it (apt-get install redis-server)");
if (!redisAvailable)
  console.warn("write-budget.test.ts: redis-server is not installed; the shared-budget tests are skipped");

describe.runIf(redisAvailable)("the write budget shared through Redis", () => {
  let server: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    server = await startRedis();
  }, 20_000);
  afterAll(() => server?.stop());

  it("is one budget for every instance: what one takes, the others cannot", async () => {
    const a = redisFrom(server.url);
    const b = redisFrom(server.url);
    try {
      const limits = { perMinute: 10, perHour: 15 };
      const first = new RedisWriteBudget(a, limits, "instance-a");
      const second = new RedisWriteBudget(b, limits, "instance-b");
      const taken = await Promise.all(
        Array.from({ length: 16 }, (_, i) => (i % 2 ? first : second).take(7, T0 + i)),
      );
      expect(taken.filter((w) => w === 0)).toHaveLength(10);
      expect(Math.min(...taken.filter((w) => w > 0))).toBeGreaterThan(59_000);
      expect(await second.room(7, T0 + 20)).toBe(0);
      expect(await first.room(8, T0 + 20)).toBe(10);
      // A minute later the minute has room again, up to what the hour has left.
      expect(await first.room(7, T0 + 60_020)).toBe(5);
      for (let i = 0; i < 5; i++) expect(await second.take(7, T0 + 60_020 + i)).toBe(0);
      expect(await first.take(7, T0 + 60_030)).toBeGreaterThan(3_000_000);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
