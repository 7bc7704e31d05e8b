import { HOUR_MS, roomIn, type WriteLimits, waitForRoom } from "../domain/write-window.js";

/**
 * The content-creating writes an installation may still make (domain/write-window.ts), shared by every
 * instance that uses the same budget: in memory for one process, in Redis (store/redis.ts) for several.
 */
export interface WriteBudget {
  /** Takes one write when both windows have room now; otherwise takes nothing and says how many ms to wait. */
  take(installation: number, now: number): Promise<number>;
  /** Writes still allowed now (the tighter window). */
  room(installation: number, now: number): Promise<number>;
}

export class MemoryWriteBudget implements WriteBudget {
  private readonly writes = new Map<number, number[]>();

  constructor(private readonly limits: WriteLimits) {}

  async take(installation: number, now: number): Promise<number> {
    const times = this.recent(installation, now);
    const wait = waitForRoom(times, now, this.limits);
    if (wait === 0) times.push(now);
    return wait;
  }

  async room(installation: number, now: number): Promise<number> {
    return roomIn(this.recent(installation, now), now, this.limits);
  }

  private recent(installation: number, now: number): number[] {
    const times = this.writes.get(installation) ?? [];
    while (times.length && (times[0] as number) <= now - HOUR_MS) times.shift();
    this.writes.set(installation, times);
    return times;
  }
}
