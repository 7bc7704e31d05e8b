import type { ObjectStore, TreeEntry } from "./objects.js";

/** Every file of a commit: path → blob sha. The flat view most operations want. */
export type Snapshot = Map<string, string>;

/** Writes nested git trees for a snapshot and returns the root tree sha. */
export const writeSnapshot = (store: ObjectStore, files: Snapshot): string =>
  writeDirectory(
    store,
    [...files].map(([path, sha]) => ({ rest: path, sha })),
  );

/** One pass per directory over its own files only, so a commit costs its file count, not files × directories. */
const writeDirectory = (store: ObjectStore, files: readonly { rest: string; sha: string }[]): string => {
  const blobs: TreeEntry[] = [];
  const subdirectories = new Map<string, { rest: string; sha: string }[]>();
  for (const { rest, sha } of files) {
    const slash = rest.indexOf("/");
    if (slash === -1) {
      blobs.push({ name: rest, mode: "100644", type: "blob", sha });
      continue;
    }
    const name = rest.slice(0, slash);
    const inside = subdirectories.get(name) ?? [];
    inside.push({ rest: rest.slice(slash + 1), sha });
    subdirectories.set(name, inside);
  }
  const trees: TreeEntry[] = [...subdirectories].map(([name, inside]) => ({
    name,
    mode: "040000",
    type: "tree",
    sha: writeDirectory(store, inside),
  }));
  return store.putTree([...blobs, ...trees]);
};

/**
 * A tree with file changes applied (content, or null to delete), rewriting only the directories on the
 * changed paths: the same tree `writeSnapshot` would write for the changed files, in time proportional to
 * the change, not the repository. A directory left empty disappears, as in git. Each rewritten directory
 * shares with its former version every run of entries the change leaves alone (`ObjectStore.editTree`).
 */
export const updateTree = (
  store: ObjectStore,
  treeSha: string | undefined,
  changes: Record<string, string | null>,
): string => {
  const edits = new Map<string, TreeEntry | null>();
  const nested = new Map<string, Record<string, string | null>>();
  for (const [path, content] of Object.entries(changes)) {
    const clean = path.replace(/^\/+|\/+$/g, "");
    const slash = clean.indexOf("/");
    if (slash === -1) {
      edits.set(
        clean,
        content === null ? null : { name: clean, mode: "100644", type: "blob", sha: store.putBlob(content) },
      );
      continue;
    }
    const dir = clean.slice(0, slash);
    const inner = nested.get(dir) ?? {};
    inner[clean.slice(slash + 1)] = content;
    nested.set(dir, inner);
  }
  for (const [dir, inner] of nested) {
    const existing = treeSha ? store.treeEntry(treeSha, dir) : undefined;
    const sub = updateTree(store, existing?.type === "tree" ? existing.sha : undefined, inner);
    edits.set(dir, store.treeSize(sub) === 0 ? null : { name: dir, mode: "040000", type: "tree", sha: sub });
  }
  return store.editTree(treeSha, edits);
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
    const next = store.treeEntry(current.sha, part);
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
