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
  private readonly held = new Map<string, string>();
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

  /** Takes the leases of the people not yet held (in one order, so two deliveries never wait on each other in a cycle). */
  async take(logins: readonly string[]): Promise<void> {
    const wanted = [...new Set(logins.map((l) => l.toLowerCase()))]
      .filter((l) => !this.held.has(l) && !this.missed.has(l))
      .sort();
    for (const login of wanted) {
      for (let round = 0; ; round++) {
        const token = await this.coordination.acquire(this.key(login), LEASE_TTL_MS);
        if (token) {
          this.held.set(login, token);
          break;
        }
        if (round >= WAIT_ROUNDS) {
          this.missed.add(login);
          break;
        }
        await this.sleep(waitMs(round, this.random));
      }
    }
  }

  /** Whether this delivery still holds the person's lease: then nobody else wrote their files since it read them. */
  async exclusive(login: string): Promise<boolean> {
    const token = this.held.get(login.toLowerCase());
    return token !== undefined && (await this.coordination.holds(this.key(login), token));
  }

  async releaseAll(): Promise<void> {
    const held = [...this.held];
    this.held.clear();
    this.missed.clear();
    await Promise.all(held.map(([login, token]) => this.coordination.release(this.key(login), token)));
  }
}
