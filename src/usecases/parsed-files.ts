import type { Ledger, LedgerShard, ParsedFiles } from "../domain/ledger.js";
import type { Checked } from "../domain/problem.js";

/** A map that forgets its least recently used entries past `capacity`. */
class Lru<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  get(key: string, make: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }
}

/**
 * One instance's memory of parsed ledger files (domain/ledger.ts ParsedFiles), bounded: a busy person's
 * shards stay parsed while their events keep coming; anyone else's are parsed again when next read.
 */
export const parsedFilesMemo = (capacity = 4_000): ParsedFiles => {
  const heads = new Lru<Checked<Ledger>>(capacity);
  const shards = new Lru<Checked<LedgerShard>>(capacity);
  return {
    head: (key, parse) => heads.get(key, parse),
    shard: (key, parse) => shards.get(key, parse),
  };
};
