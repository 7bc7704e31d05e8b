import type { ObjectStore } from "./objects.js";
import type { Snapshot } from "./snapshot.js";

export interface FileChange {
  path: string;
  status: "added" | "removed" | "modified";
  /** Blob sha after the change; the removed blob's sha for a removal. */
  sha: string;
  additions: number;
  deletions: number;
}

/** What changed between two snapshots, by path, with line counts. */
export const diffSnapshots = (store: ObjectStore, before: Snapshot, after: Snapshot): FileChange[] => {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const [old, now] = [before.get(path), after.get(path)];
    if (old === now) continue;
    const { additions, deletions } = lineCounts(lines(store, old), lines(store, now));
    const status = old === undefined ? "added" : now === undefined ? "removed" : "modified";
    changes.push({ path, status, sha: (now ?? old)!, additions, deletions });
  }
  return changes;
};

const lines = (store: ObjectStore, sha: string | undefined): string[] => {
  const text = sha === undefined ? "" : (store.blob(sha) ?? "");
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
};

// Counts lines only in one side (multiset difference): close to `git diff --stat` without a full LCS.
const lineCounts = (old: string[], now: string[]): { additions: number; deletions: number } => {
  const remaining = new Map<string, number>();
  for (const line of old) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of now) {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else additions++;
  }
  const deletions = [...remaining.values()].reduce((sum, n) => sum + n, 0);
  return { additions, deletions };
};
