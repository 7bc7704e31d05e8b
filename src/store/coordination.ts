/**
 * What the app's instances agree on besides the write budget: which version of an organisation's config
 * is current, and who is working on a person right now. In memory for one process; in Redis
 * (store/redis.ts) when several instances share REDIS_URL. Either way every instance of one deployment
 * must use the same store: the store is what makes a lease exclusive.
 */
export interface Coordination {
  /** The organisation's config generation: it moves on whenever a push changes settings, ladder or profiles. */
  configGeneration(owner: string): Promise<number>;
  /** Says to every instance that the organisation's config changed. */
  bumpConfig(owner: string): Promise<void>;
  /** Takes `key` for `ttlMs` unless someone else holds it: a token to release it with, or undefined. */
  acquire(key: string, ttlMs: number): Promise<string | undefined>;
  /** Whether `token` still holds `key` (a lease past its time may have been taken by another). */
  holds(key: string, token: string): Promise<boolean>;
  /** Lets go of `key` if `token` still holds it. */
  release(key: string, token: string): Promise<void>;
  /** How often someone said they write what `key` guards without holding it. */
  writtenMark(key: string): Promise<number>;
  /** Says so: a holder of `key` then knows it is not alone (usecases/leases.ts). */
  markWritten(key: string): Promise<void>;
}

export class MemoryCoordination implements Coordination {
  private readonly generations = new Map<string, number>();
  private readonly leases = new Map<string, { token: string; until: number }>();
  private readonly marks = new Map<string, number>();
  private tokens = 0;

  constructor(private readonly now: () => number) {}

  async configGeneration(owner: string): Promise<number> {
    return this.generations.get(owner.toLowerCase()) ?? 0;
  }

  async bumpConfig(owner: string): Promise<void> {
    const key = owner.toLowerCase();
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
  }

  async acquire(key: string, ttlMs: number): Promise<string | undefined> {
    const held = this.leases.get(key);
    if (held && held.until > this.now()) return undefined;
    const token = `t${++this.tokens}`;
    this.leases.set(key, { token, until: this.now() + ttlMs });
    return token;
  }

  async holds(key: string, token: string): Promise<boolean> {
    const held = this.leases.get(key);
    return held?.token === token && held.until > this.now();
  }

  async release(key: string, token: string): Promise<void> {
    if (this.leases.get(key)?.token === token) this.leases.delete(key);
  }

  async writtenMark(key: string): Promise<number> {
    return this.marks.get(key) ?? 0;
  }

  async markWritten(key: string): Promise<void> {
    this.marks.set(key, (this.marks.get(key) ?? 0) + 1);
  }
}
