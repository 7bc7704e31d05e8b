import { deflateRawSync, inflateRawSync } from "node:zlib";
import { type GitObjectType, isWellFormed, objectSha } from "./hash.js";

export interface TreeEntry {
  name: string;
  mode: "100644" | "040000";
  type: "blob" | "tree";
  sha: string;
}

/** Who wrote or committed a commit, and when (ms). `login` links it to a GitHub account. */
export interface Signature {
  name: string;
  email: string;
  login: string | null;
  date: number;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Signature;
  committer: Signature;
}

/**
 * A commit as one object literal, its fields always in one order: built with a spread, every commit of a
 * long history got a hidden class of its own (about 200 bytes each).
 */
export const commitObject = (sha: string, fields: Omit<CommitObject, "sha">): CommitObject => ({
  sha,
  tree: fields.tree,
  parents: fields.parents,
  message: fields.message,
  author: fields.author,
  committer: fields.committer,
});

/**
 * A tree as stored: its entries in git order, in runs of about `RUN` entries. A tree written by `editTree`
 * shares every run its change does not touch with the tree it was edited from, so a commit that changes one
 * file of a directory of hundreds copies one run of it, not the whole directory.
 */
type StoredTree = readonly TreeEntry[] | TreeRuns;

/** A tree of more than one run (most trees are one run, stored as their entries: no list around them). */
class TreeRuns {
  constructor(readonly runs: readonly (readonly TreeEntry[])[]) {}
}

const runsOf = (tree: StoredTree | undefined): readonly (readonly TreeEntry[])[] =>
  tree === undefined ? [] : tree instanceof TreeRuns ? tree.runs : [tree];

/** Blobs of this many characters or more are kept deflated. */
const DEFLATE_FROM = 256;

/** Entries per run when a tree is cut into runs; an edited run is cut again once it holds twice as many. */
const RUN = 16;

/** A repository's object database. Shas are real git shas, so they can be checked against `git hash-object`. */
export class ObjectStore {
  /** Text, or for a blob of `DEFLATE_FROM` characters or more its UTF-8 deflated, outside the JavaScript heap. */
  private readonly blobs = new Map<string, string | Uint8Array>();
  private readonly trees = new Map<string, StoredTree>();
  private readonly commits = new Map<string, CommitObject>();

  putBlob(content: string): string {
    const bytes = Buffer.from(content, "utf8");
    const sha = objectSha("blob", bytes);
    if (this.blobs.has(sha)) return sha;
    // Every version of every file stays readable, most of them never read again: a long history's texts
    // are kept compact (a copy at its exact size, not a slice of a shared pool). Text UTF-8 cannot carry
    // exactly (a lone surrogate) is kept as it is.
    const compact = content.length >= DEFLATE_FROM && isWellFormed(content);
    this.blobs.set(sha, compact ? new Uint8Array(deflateRawSync(bytes)) : content);
    return sha;
  }

  blob(sha: string): string | undefined {
    const stored = this.blobs.get(sha);
    return stored === undefined || typeof stored === "string"
      ? stored
      : inflateRawSync(stored).toString("utf8");
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort(byGitName);
    const runs: TreeEntry[][] = [];
    for (let i = 0; i < sorted.length; i += RUN) runs.push(sorted.slice(i, i + RUN));
    return this.storeTree(runs);
  }

  /**
   * The tree `base` (none: the empty tree) with entries set or, for null, removed by name: the same tree
   * `putTree` would write for the edited entries, sharing every run of `base` that the edits leave alone.
   */
  editTree(base: string | undefined, edits: ReadonlyMap<string, TreeEntry | null>): string {
    // Runs that hold an edited name lose it; runs left empty go.
    const runs: (readonly TreeEntry[])[] = [];
    for (const run of runsOf(base === undefined ? undefined : this.trees.get(base))) {
      const kept = run.some((e) => edits.has(e.name)) ? run.filter((e) => !edits.has(e.name)) : run;
      if (kept.length > 0) runs.push(kept);
    }
    if (runs.length === 0) runs.push([]);
    // Each new entry joins the last run that starts before it (or the first run), so runs stay in order.
    const joining = new Map<number, TreeEntry[]>();
    for (const entry of edits.values()) {
      if (!entry) continue;
      // Binary search: the last run whose first entry sorts before the new one (a folder of thousands
      // of entries added in one commit stays linear-logarithmic).
      let lo = 0;
      let hi = runs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        const first = runs[mid]?.[0];
        if (first && byGitName(first, entry) < 0) lo = mid;
        else hi = mid - 1;
      }
      const list = joining.get(lo);
      if (list) list.push(entry);
      else joining.set(lo, [entry]);
    }
    const result: (readonly TreeEntry[])[] = [];
    for (const [i, run] of runs.entries()) {
      const added = joining.get(i);
      if (!added) {
        if (run.length > 0) result.push(run);
        continue;
      }
      // Only the runs that changed are new; one grown to twice the usual size is cut again.
      const merged = [...run, ...added].sort(byGitName);
      const size =
        merged.length >= 2 * RUN ? Math.ceil(merged.length / Math.ceil(merged.length / RUN)) : RUN * 2;
      for (let k = 0; k < merged.length; k += size) result.push(merged.slice(k, k + size));
    }
    return this.storeTree(result);
  }

  /** Stores a tree given as runs in git order; a tree already stored under the same sha is kept as it is. */
  private storeTree(runs: readonly (readonly TreeEntry[])[]): string {
    const body = Buffer.concat(
      runs.flatMap((run) =>
        run.map((e) =>
          Buffer.concat([
            Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`),
            Buffer.from(e.sha, "hex"),
          ]),
        ),
      ),
    );
    const sha = objectSha("tree", body);
    // Stored at their exact size: a list built by pushing keeps room to grow, up to four times what it holds.
    if (!this.trees.has(sha))
      this.trees.set(sha, runs.length === 1 ? runs[0]!.slice() : new TreeRuns(runs.slice()));
    return sha;
  }

  /** A tree's entries in git order (a new array each time). */
  tree(sha: string): TreeEntry[] | undefined {
    const tree = this.trees.get(sha);
    return tree === undefined ? undefined : runsOf(tree).flat();
  }

  /** One entry of a tree, by name. */
  treeEntry(sha: string, name: string): TreeEntry | undefined {
    for (const run of runsOf(this.trees.get(sha))) {
      const found = run.find((e) => e.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /** How many entries a tree has (0 for a tree the store does not hold). */
  treeSize(sha: string): number {
    return runsOf(this.trees.get(sha)).reduce((n, run) => n + run.length, 0);
  }

  putCommit(fields: Omit<CommitObject, "sha">): CommitObject {
    const lines = [
      `tree ${fields.tree}`,
      ...fields.parents.map((p) => `parent ${p}`),
      `author ${signatureLine(fields.author)}`,
      `committer ${signatureLine(fields.committer)}`,
      "",
      fields.message,
    ];
    const commit = commitObject(objectSha("commit", Buffer.from(lines.join("\n"))), fields);
    this.commits.set(commit.sha, commit);
    return commit;
  }

  /** A commit whose sha comes from outside (a webhook delivery), so it is stored under that sha as given. */
  adoptCommit(commit: CommitObject): void {
    if (!this.commits.has(commit.sha)) this.commits.set(commit.sha, commitObject(commit.sha, commit));
  }

  commit(sha: string): CommitObject | undefined {
    return this.commits.get(sha);
  }

  kind(sha: string): GitObjectType | undefined {
    if (this.commits.has(sha)) return "commit";
    if (this.trees.has(sha)) return "tree";
    if (this.blobs.has(sha)) return "blob";
    return undefined;
  }

  /** Finds an object by a full or abbreviated (>= 4 hex digits) sha. */
  expand(prefix: string): string | undefined {
    const wanted = prefix.toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(wanted)) return undefined;
    if (this.kind(wanted)) return wanted;
    for (const map of [this.commits, this.trees, this.blobs]) {
      for (const sha of map.keys()) if (sha.startsWith(wanted)) return sha;
    }
    return undefined;
  }
}

// git orders tree entries by name, comparing a directory as if its name ended in "/".
const sortName = (e: TreeEntry): string => (e.type === "tree" ? `${e.name}/` : e.name);
const byGitName = (a: TreeEntry, b: TreeEntry): number =>
  Buffer.compare(Buffer.from(sortName(a)), Buffer.from(sortName(b)));

const signatureLine = (s: Signature): string => `${s.name} <${s.email}> ${Math.floor(s.date / 1000)} +0000`;
