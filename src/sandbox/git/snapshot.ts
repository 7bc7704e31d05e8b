import type { ObjectStore, TreeEntry } from "./objects.js";

/** Every file of a commit: path → blob sha. The flat view most operations want. */
export type Snapshot = Map<string, string>;

/** Writes nested git trees for a snapshot and returns the root tree sha. */
export const writeSnapshot = (store: ObjectStore, files: Snapshot): string =>
  writeDirectory(store, files, "");

const writeDirectory = (store: ObjectStore, files: Snapshot, prefix: string): string => {
  const blobs: TreeEntry[] = [];
  const subdirectories = new Set<string>();
  for (const [path, sha] of files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash === -1) blobs.push({ name: rest, mode: "100644", type: "blob", sha });
    else subdirectories.add(rest.slice(0, slash));
  }
  const trees: TreeEntry[] = [...subdirectories].map((name) => ({
    name,
    mode: "040000",
    type: "tree",
    sha: writeDirectory(store, files, `${prefix}${name}/`),
  }));
  return store.putTree([...blobs, ...trees]);
};

export const readSnapshot = (store: ObjectStore, treeSha: string, prefix = ""): Snapshot => {
  const files: Snapshot = new Map();
  for (const entry of store.tree(treeSha) ?? []) {
    const path = `${prefix}${entry.name}`;
    if (entry.type === "blob") files.set(path, entry.sha);
    else for (const [p, sha] of readSnapshot(store, entry.sha, `${path}/`)) files.set(p, sha);
  }
  return files;
};

/** The entry at a path inside a tree; the root tree itself for "". */
export const entryAt = (store: ObjectStore, treeSha: string, path: string): TreeEntry | undefined => {
  const parts = path.split("/").filter((p) => p !== "");
  let current: TreeEntry = { name: "", mode: "040000", type: "tree", sha: treeSha };
  for (const part of parts) {
    if (current.type !== "tree") return undefined;
    const next = store.tree(current.sha)?.find((e) => e.name === part);
    if (!next) return undefined;
    current = next;
  }
  return current;
};

/** Applies writes (content) and deletions (null) to a snapshot, storing new blobs. */
export const applyChanges = (
  store: ObjectStore,
  base: Snapshot,
  changes: Record<string, string | null>,
): Snapshot => {
  const next = new Map(base);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) next.delete(path);
    else next.set(path, store.putBlob(content));
  }
  return next;
};
