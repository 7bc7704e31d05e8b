import { blobSha, type GitObjectType, objectSha } from "./hash.js";

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

/** A repository's object database. Shas are real git shas, so they can be checked against `git hash-object`. */
export class ObjectStore {
  private readonly blobs = new Map<string, string>();
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly commits = new Map<string, CommitObject>();

  putBlob(content: string): string {
    const sha = blobSha(content);
    this.blobs.set(sha, content);
    return sha;
  }

  blob(sha: string): string | undefined {
    return this.blobs.get(sha);
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => compareGitNames(sortName(a), sortName(b)));
    const body = Buffer.concat(
      sorted.map((e) =>
        Buffer.concat([
          Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`),
          Buffer.from(e.sha, "hex"),
        ]),
      ),
    );
    const sha = objectSha("tree", body);
    this.trees.set(sha, sorted);
    return sha;
  }

  tree(sha: string): TreeEntry[] | undefined {
    return this.trees.get(sha);
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
const compareGitNames = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

const signatureLine = (s: Signature): string => `${s.name} <${s.email}> ${Math.floor(s.date / 1000)} +0000`;
