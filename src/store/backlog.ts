import type { EvidenceItem } from "../domain/evidence.js";

/** Evidence for one person's quarter that waits for the next batched ledger commit. */
export interface PendingItems {
  login: string;
  quarter: string;
  items: EvidenceItem[];
  /** When the oldest of them arrived (ms). */
  since: number;
}

/** A goal issue whose ledger moved on since it was last rendered. */
export interface PendingRender {
  login: string;
  quarter: string;
  /** A criterion changed status: rendered before the others. */
  urgent: boolean;
  /** When the oldest change it waits to show was recorded (ms). */
  since: number;
}

/** Criteria labels (opt-in tagging) for a pull request or issue whose evidence waits for a batched commit. */
export interface PendingLabels {
  owner: string;
  repo: string;
  number: number;
  labels: string[];
  since: number;
}

/**
 * Writes an instance owes GitHub while the write budget is short (usecases/coalesce.ts). Losing it
 * (the process dies) loses nothing for good: `rungs sync` re-derives the ledgers and the goal issues.
 */
export class Backlog {
  private readonly items = new Map<string, PendingItems>();
  private readonly renders = new Map<string, PendingRender>();
  private readonly labels = new Map<string, PendingLabels>();

  addLabels(entry: PendingLabels): void {
    join(this.labels, `${entry.owner}/${entry.repo}#${entry.number}`.toLowerCase(), entry, (had) => ({
      labels: [...new Set([...had.labels, ...entry.labels])],
    }));
  }

  /** The longest waiting labels: the last of a drain's writes, after the evidence and the goal issues. */
  takeLabels(): PendingLabels | undefined {
    let next: [string, PendingLabels] | undefined;
    for (const entry of this.labels) if (!next || entry[1].since < next[1].since) next = entry;
    if (next) this.labels.delete(next[0]);
    return next?.[1];
  }

  addItems(entry: PendingItems): void {
    join(this.items, keyOf(entry), entry, (had) => ({ items: [...had.items, ...entry.items] }));
  }

  /** Takes the pending items of at most `people` person-quarters, oldest first. */
  takeItems(people: number): PendingItems[] {
    const taken = [...this.items.values()].sort((a, b) => a.since - b.since).slice(0, people);
    for (const t of taken) this.items.delete(keyOf(t));
    return taken;
  }

  addRender(render: PendingRender): void {
    join(this.renders, keyOf(render), render, (had) => ({ urgent: had.urgent || render.urgent }));
  }

  /** The next goal issue to render: one whose criterion changed status first, then the longest waiting. */
  takeRender(): PendingRender | undefined {
    let next: PendingRender | undefined;
    for (const r of this.renders.values())
      if (!next || (r.urgent && !next.urgent) || (r.urgent === next.urgent && r.since < next.since)) next = r;
    if (next) this.renders.delete(keyOf(next));
    return next;
  }

  has(login: string, quarter: string): boolean {
    const key = keyOf({ login, quarter });
    return this.items.has(key) || this.renders.has(key);
  }

  size(): { items: number; renders: number; labels: number; oldestItem: number | undefined } {
    let oldest: number | undefined;
    for (const i of this.items.values()) oldest = oldest === undefined ? i.since : Math.min(oldest, i.since);
    return {
      items: this.items.size,
      renders: this.renders.size,
      labels: this.labels.size,
      oldestItem: oldest,
    };
  }
}

const keyOf = (e: { login: string; quarter: string }): string => `${e.login.toLowerCase()}/${e.quarter}`;

/** Adds an entry, or joins it to the one waiting under the same key: merged, waiting since the older. */
const join = <T extends { since: number }>(
  waiting: Map<string, T>,
  key: string,
  entry: T,
  merge: (had: T) => Partial<T>,
): void => {
  const had = waiting.get(key);
  waiting.set(key, had ? { ...had, ...merge(had), since: Math.min(had.since, entry.since) } : entry);
};
