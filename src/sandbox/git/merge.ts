import type { Snapshot } from "./snapshot.js";

export type MergeOutcome = { ok: true; files: Snapshot } | { ok: false; conflicts: string[] };

/** A file-level three-way merge: a path changed differently on both sides is a conflict. */
export const mergeSnapshots = (base: Snapshot, ours: Snapshot, theirs: Snapshot): MergeOutcome => {
  const files: Snapshot = new Map();
  const conflicts: string[] = [];
  const paths = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const path of [...paths].sort()) {
    const [b, o, t] = [base.get(path), ours.get(path), theirs.get(path)];
    const pick = o === t || t === b ? o : o === b ? t : "conflict";
    if (pick === "conflict") conflicts.push(path);
    else if (pick !== undefined) files.set(path, pick);
  }
  return conflicts.length > 0 ? { ok: false, conflicts } : { ok: true, files };
};
