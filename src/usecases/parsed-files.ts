import type { Ledger, LedgerShard, ParsedFiles } from "../domain/ledger.js";
import type { Checked } from "../domain/problem.js";

/** A map that forgets its least recently used entries past `capacity`, weighed by what each stands for. */
class Lru<T> {
  private readonly entries = new Map<string, { value: T; size: number }>();
  private size = 0;

  constructor(private readonly capacity: number) {}

  get(key: string, size: number, make: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = make();
    // Anything larger than a tenth of the whole is parsed each time rather than crowd out the rest.
    if (size > this.capacity / 10) return value;
    this.entries.set(key, { value, size });
    this.size += size;
    for (const [old, entry] of this.entries) {
      if (this.size <= this.capacity) break;
      this.entries.delete(old);
      this.size -= entry.size;
    }
    return value;
  }
}

/**
 * One instance's memory of parsed ledger files (domain/ledger.ts ParsedFiles), bounded by the size of
 * their texts (characters; the parsed form takes a few times that): a busy person's shards stay parsed
 * while their events keep coming; anyone else's are parsed again when next read.
 */
export const parsedFilesMemo = (capacity = 8_000_000): ParsedFiles => {
  const heads = new Lru<Checked<Ledger>>(capacity / 4);
  const shards = new Lru<Checked<LedgerShard>>(capacity);
  return {
    head: (key, size, parse) => heads.get(key, size, parse),
    shard: (key, size, parse) => shards.get(key, size, parse),
  };
};
