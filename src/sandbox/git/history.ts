import type { CommitObject, ObjectStore } from "./objects.js";

/** Every commit reachable from `head`, including it. */
export const ancestors = (store: ObjectStore, head: string): Set<string> => {
  const seen = new Set<string>();
  const queue = [head];
  while (queue.length > 0) {
    const sha = queue.pop()!;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(store.commit(sha)?.parents ?? []));
  }
  return seen;
};

export const isAncestor = (store: ObjectStore, ancestor: string, descendant: string): boolean =>
  ancestors(store, descendant).has(ancestor);

/** Commits reachable from `head` but not from `base`, oldest first — what a pull request shows. */
export const commitsSince = (store: ObjectStore, head: string, base: string): CommitObject[] => {
  const excluded = ancestors(store, base);
  const found: CommitObject[] = [];
  const seen = new Set<string>();
  const queue = [head];
  while (queue.length > 0) {
    const sha = queue.shift()!;
    if (seen.has(sha) || excluded.has(sha)) continue;
    seen.add(sha);
    const commit = store.commit(sha);
    if (!commit) continue;
    found.push(commit);
    queue.push(...commit.parents);
  }
  return found.sort((a, b) => a.committer.date - b.committer.date);
};

/** The newest commit both histories share; what a pull request branched from. */
export const mergeBaseOf = (store: ObjectStore, a: string, b: string): string | undefined => {
  const inB = ancestors(store, b);
  const queue = [a];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const sha = queue.shift()!;
    if (inB.has(sha)) return sha;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(store.commit(sha)?.parents ?? []));
  }
  return undefined;
};
