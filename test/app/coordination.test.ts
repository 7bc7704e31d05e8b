import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import type { GitHub } from "../../src/github/types.js";
import { type Coordination, MemoryCoordination } from "../../src/store/coordination.js";
import { RedisCoordination, redisFrom } from "../../src/store/redis.js";
import { ConfigCache } from "../../src/usecases/config-cache.js";
import { LEASE_TTL_MS, PersonLeases } from "../../src/usecases/leases.js";
import { featureMerged, INSTALLATION_ID } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";
import { hasRedisServer, startRedis } from "../support/redis-server.js";

const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

/** The rules every store keeps, in memory or in Redis. */
const keepsTheRules = (
  make: () => Promise<{ a: Coordination; b: Coordination; expire(ms: number): Promise<void> }>,
) => {
  it("gives a key to one holder at a time; only the holder releases it", async () => {
    const { a, b } = await make();
    const token = await a.acquire("person:acme/alice", 60_000);
    expect(token).toBeDefined();
    expect(await b.acquire("person:acme/alice", 60_000)).toBeUndefined();
    expect(await b.acquire("person:acme/bob", 60_000)).toBeDefined();
    expect(await a.holds("person:acme/alice", token ?? "")).toBe(true);
    expect(await b.holds("person:acme/alice", "someone-else")).toBe(false);
    await b.release("person:acme/alice", "someone-else");
    expect(await b.acquire("person:acme/alice", 60_000)).toBeUndefined();
    await a.release("person:acme/alice", token ?? "");
    expect(await b.acquire("person:acme/alice", 60_000)).toBeDefined();
  });

  it("lets a lease past its time go to another, and its old holder knows", async () => {
    const { a, b, expire } = await make();
    const token = await a.acquire("person:acme/carol", 50);
    await expire(60);
    const next = await b.acquire("person:acme/carol", 60_000);
    expect(next).toBeDefined();
    expect(await a.holds("person:acme/carol", token ?? "")).toBe(false);
    // The old holder's release does not free the new holder's lease.
    await a.release("person:acme/carol", token ?? "");
    expect(await b.holds("person:acme/carol", next ?? "")).toBe(true);
  });

  it("counts written marks per key, shared by every instance", async () => {
    const { a, b } = await make();
    const before = await b.writtenMark("person:acme/erin");
    await a.markWritten("person:acme/erin");
    await a.markWritten("person:acme/erin");
    expect(await b.writtenMark("person:acme/erin")).toBe(before + 2);
    expect(await b.writtenMark("person:acme/frank")).toBe(0);
  });

  it("shares one config generation per organisation, whatever the case of its name", async () => {
    const { a, b } = await make();
    const before = await b.configGeneration("Acme");
    await a.bumpConfig("acme");
    expect(await b.configGeneration("ACME")).toBe(before + 1);
    expect(await b.configGeneration("other-org")).toBe(0);
  });
};

describe("MemoryCoordination", () => {
  keepsTheRules(async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    return { a: store, b: store, expire: async (ms) => void c.advance(ms) };
  });
});

const redisAvailable = hasRedisServer();
if (!redisAvailable && process.env.CI)
  throw new Error("redis-server is not installed: .ci/run must install it (apt-get install redis-server)");

describe.runIf(redisAvailable)("RedisCoordination: two instances on one redis-server", () => {
  let server: Awaited<ReturnType<typeof startRedis>>;
  const clients: ReturnType<typeof redisFrom>[] = [];
  beforeAll(async () => {
    server = await startRedis();
  }, 20_000);
  afterAll(() => {
    for (const c of clients) c.disconnect();
    server?.stop();
  });
  keepsTheRules(async () => {
    const [x, y] = [redisFrom(server.url), redisFrom(server.url)];
    clients.push(x, y);
    return {
      a: new RedisCoordination(x, "instance-a"),
      b: new RedisCoordination(y, "instance-b"),
      expire: (ms) => new Promise((r) => setTimeout(r, ms)),
    };
  });
});

describe("PersonLeases", () => {
  const leasesOn = (store: Coordination, c = clock()) => {
    const slept: number[] = [];
    const leases = new PersonLeases(
      store,
      "Acme",
      async (ms) => {
        slept.push(ms);
        c.advance(ms);
      },
      () => 0.5,
    );
    return { leases, slept };
  };

  it("holds each person once, whatever the case, and is exclusive only while it holds them", async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    const { leases } = leasesOn(store, c);
    await leases.take(["Alice", "bob", "alice"]);
    await leases.take(["ALICE"]); // already held: no second lease, no wait
    expect(await leases.exclusive("alice")).toBe(true);
    expect(await leases.exclusive("BOB")).toBe(true);
    expect(await leases.exclusive("carol")).toBe(false);
    expect(await store.acquire("person:acme/alice", 1000)).toBeUndefined();
    await leases.releaseAll();
    expect(await leases.exclusive("alice")).toBe(false);
    expect(await store.acquire("person:acme/alice", 1000)).toBeDefined();
  });

  it("waits a bounded time for a person another delivery holds, then goes on without the lease", async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    await store.acquire("person:acme/alice", LEASE_TTL_MS);
    const { leases, slept } = leasesOn(store, c);
    await leases.take(["alice", "bob"]);
    expect(slept.length).toBeGreaterThan(2);
    expect(slept.reduce((a, b) => a + b, 0)).toBeLessThan(10_000);
    expect(await leases.exclusive("alice")).toBe(false);
    expect(await leases.exclusive("bob")).toBe(true);
    // Asked again in the same delivery, it does not wait a second time.
    const waits = slept.length;
    await leases.take(["alice"]);
    expect(slept).toHaveLength(waits);
  });

  it("marks a person it could not hold as written, so their holder reads back instead of trusting its read", async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    const first = leasesOn(store, c).leases;
    await first.take(["alice"]);
    expect(await first.exclusive("alice")).toBe(true);
    const second = leasesOn(store, c).leases;
    await second.take(["alice"]);
    expect(await second.exclusive("alice")).toBe(false);
    // The first delivery still holds the lease, but someone wrote alice's files without it.
    expect(await first.exclusive("alice")).toBe(false);
    await first.releaseAll();
    const third = leasesOn(store, c).leases;
    await third.take(["alice"]);
    expect(await third.exclusive("alice")).toBe(true);
  });

  it("takes a batch of people at once, without waiting for those another delivery holds", async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    await store.acquire("person:acme/carol", LEASE_TTL_MS);
    const { leases, slept } = leasesOn(store, c);
    await leases.take(["alice", "bob", "carol", "dave"]);
    expect(slept).toEqual([]);
    expect(await leases.exclusive("alice")).toBe(true);
    expect(await leases.exclusive("dave")).toBe(true);
    expect(await leases.exclusive("carol")).toBe(false);
  });

  it("takes a lease freed while it waits", async () => {
    const c = clock();
    const store = new MemoryCoordination(c.now);
    const other = await store.acquire("person:acme/alice", LEASE_TTL_MS);
    const { leases } = leasesOn(store, c);
    const taking = leases.take(["alice"]);
    await store.release("person:acme/alice", other ?? "");
    await taking;
    expect(await leases.exclusive("alice")).toBe(true);
  });
});

describe("ConfigCache with a shared store", () => {
  it("trusts a cached config until another instance says it changed, or its time is up", async () => {
    const h = await harness();
    const c = clock();
    const store = new MemoryCoordination(c.now);
    const here = new ConfigCache(bundledLadder(), 60 * 60_000, c.now, store);
    const there = new ConfigCache(bundledLadder(), 60 * 60_000, c.now, store);
    const github = (await h.probots[0]?.auth(INSTALLATION_ID)) as GitHub;
    const reads = () => h.sandbox.requests.filter((r) => r.operation === "RungsConfig").length;
    const start = reads();
    await here.get(github, "acme");
    c.advance(30 * 60_000);
    await here.get(github, "acme");
    expect(reads() - start).toBe(1);
    await there.invalidate("ACME");
    await here.get(github, "acme");
    expect(reads() - start).toBe(2);
    c.advance(60 * 60_000);
    await here.get(github, "acme");
    expect(reads() - start).toBe(3);
  });
});

describe("two instances sharing a store", () => {
  it("render a person's goal issue from what they read, without reading the ledger back", async () => {
    const h = await harness({ instances: 2 });
    await h.deliver(featureMerged(1), 0);
    const before = h.sandbox.requests.length;
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-05T15:01:00Z" }), 1);
    const after = h.sandbox.requests.slice(before).map((r) => r.operation ?? r.route);
    expect(after).not.toContain("RungsLedgerVersion");
    expect(h.goalIssues("alice")[0]?.body).toContain("\n2 items.");
  });

  it("read a ledger file's text by its blob: downloaded once, and again only when someone else changed it", async () => {
    const h = await harness({ instances: 2 });
    await h.deliver(featureMerged(1), 0);
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-06T15:01:00Z" }), 1);
    const blobReads = () => h.sandbox.requests.filter((r) => r.operation === "RungsBlobs").length;
    // Both shards were written by this process: their texts are known by oid, nothing more is read.
    const before = blobReads();
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-07T15:02:00Z" }), 0);
    expect(blobReads()).toBe(before);
    // Someone edits a shard by hand (a comment line): its new text is read, once, and the edit kept.
    const shard = "people/alice/evidence/2026-Q4/2026-10-05.yml";
    const text = h.sandbox.readFile(CAREER, shard);
    h.sandbox.writeFiles(CAREER, { [shard]: `# checked by dana\n${text}` });
    await h.deliver(featureMerged(4, { mergedAt: "2026-10-08T15:03:00Z" }), 1);
    expect(blobReads()).toBe(before + 1);
    await h.deliver(featureMerged(5, { mergedAt: "2026-10-09T15:03:00Z" }), 0);
    expect(blobReads()).toBe(before + 1);
    expect(h.ledger("alice")?.items).toHaveLength(5);
    expect(h.goalIssues("alice")[0]?.body).toContain("\n5 items.");
  });
});
