import type { Coordination } from "../store/coordination.js";

/** A lease outlives the longest a delivery may take (its writes wait up to 5 minutes each for the budget). */
export const LEASE_TTL_MS = 10 * 60_000;
/** How long a delivery waits for another to finish with a person before going on without the lease. */
const WAIT_ROUNDS = 7;
const waitMs = (round: number, random: () => number) => Math.min(1000, 50 * 2 ** round) * (0.5 + random());

/**
 * The people one delivery is working on, held against every other instance that shares the store
 * (store/coordination.ts) from the first read of their files to the end of the delivery. Holding a
 * person's lease, a delivery knows nobody else wrote their ledger since it read it, so its goal-issue
 * render is current without reading the ledger back (sync-goal-issue.ts). A lease not had in time (a
 * busy person, an instance that died holding it) is gone without: the delivery then reads back.
 */
export class PersonLeases {
  /** Login → the lease's token and the person's written mark when it was taken. */
  private readonly held = new Map<string, { token: string; mark: number }>();
  private readonly missed = new Set<string>();

  constructor(
    private readonly coordination: Coordination,
    private readonly owner: string,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly random: () => number,
  ) {}

  private key(login: string): string {
    return `person:${this.owner.toLowerCase()}/${login.toLowerCase()}`;
  }

  /**
   * Takes the leases of the people not yet held or missed. One or two people (an event's) are waited for
   * a few seconds; a batch (the backlog's commit) takes what is free at once. Whoever is not had is
   * marked written, so the delivery holding them reads back instead of trusting its read.
   */
  async take(logins: readonly string[]): Promise<void> {
    let wanted = [...new Set(logins.map((l) => l.toLowerCase()))].filter(
      (l) => !this.held.has(l) && !this.missed.has(l),
    );
    const rounds = wanted.length <= 2 ? WAIT_ROUNDS : 0;
    for (let round = 0; wanted.length; round++) {
      const taken = await Promise.all(
        wanted.map(async (login) => {
          const mark = await this.coordination.writtenMark(this.key(login));
          const token = await this.coordination.acquire(this.key(login), LEASE_TTL_MS);
          if (token) this.held.set(login, { token, mark });
          return token !== undefined;
        }),
      );
      wanted = wanted.filter((_, k) => !taken[k]);
      if (wanted.length === 0) return;
      if (round >= rounds) break;
      await this.sleep(waitMs(round, this.random));
    }
    for (const login of wanted) {
      this.missed.add(login);
      await this.coordination.markWritten(this.key(login));
    }
  }

  /**
   * Whether this delivery still holds the person's lease and nobody said they wrote without it: then
   * nobody else wrote their files since it read them.
   */
  async exclusive(login: string): Promise<boolean> {
    const held = this.held.get(login.toLowerCase());
    if (!held || !(await this.coordination.holds(this.key(login), held.token))) return false;
    return (await this.coordination.writtenMark(this.key(login))) === held.mark;
  }

  async releaseAll(): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    this.missed.clear();
    await Promise.all(held.map(([login, { token }]) => this.coordination.release(this.key(login), token)));
  }
}
