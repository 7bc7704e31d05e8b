import { type CommitObject, commitObject, ObjectStore, type Signature } from "../git/objects.js";
import { entryAt, readSnapshot, type Snapshot, updateTree } from "../git/snapshot.js";
import type { CheckRunRecord, IssueRecord, LabelRecord } from "./records.js";

/** GitHub's repository visibilities; "internal" (enterprise members only) counts as private, as on GitHub. */
export type Visibility = "public" | "private" | "internal";

export interface RepoInfo {
  owner: string;
  name: string;
  id: number;
  nodeId: string;
  visibility: Visibility;
  /** An archived repository is read-only: writes through the API answer 403. */
  archived: boolean;
  defaultBranch: string;
  createdAt: number;
}

/** What an issue number that is no longer in the repository left behind. */
export type IssueTombstone = { kind: "deleted" } | { kind: "transferred"; repoId: number; number: number };

/** One repository: its git objects and branches, and its issues, pull requests, labels and checks. */
export class RepoState {
  readonly objects = new ObjectStore();
  readonly branches = new Map<string, string>();
  /** Issues and pull requests by number; they share one sequence, like on GitHub. */
  readonly issues = new Map<number, IssueRecord>();
  /** Keyed by lower-cased name: GitHub label names are case-insensitive. */
  readonly labels = new Map<string, LabelRecord>();
  readonly checkRuns = new Map<number, CheckRunRecord>();
  /** Issue numbers deleted or transferred away: GitHub answers 410 or 301 for them and never reuses them. */
  readonly tombstones = new Map<number, IssueTombstone>();
  pushedAt: number;
  updatedAt: number;

  constructor(readonly info: RepoInfo) {
    this.pushedAt = info.createdAt;
    this.updatedAt = info.createdAt;
  }

  get fullName(): string {
    return `${this.info.owner}/${this.info.name}`;
  }

  /** REST `private`: true for private and internal repositories. */
  get isPrivate(): boolean {
    return this.info.visibility !== "public";
  }

  nextNumber(): number {
    return Math.max(0, ...this.issues.keys(), ...this.tombstones.keys()) + 1;
  }

  /** A commit sha for "HEAD", a branch name, "refs/heads/<name>", or a (possibly abbreviated) commit sha. */
  resolveCommit(ref: string): string | undefined {
    if (ref === "HEAD") return this.branches.get(this.info.defaultBranch);
    const branch = this.branches.get(ref.replace(/^refs\/heads\//, ""));
    if (branch) return branch;
    const sha = this.objects.expand(ref);
    return sha && this.objects.kind(sha) === "commit" ? sha : undefined;
  }

  /** The blob sha of one file of a commit, found without reading the whole tree. */
  blobAt(commitSha: string, path: string): string | undefined {
    const commit = this.objects.commit(commitSha);
    const entry = commit ? entryAt(this.objects, commit.tree, path) : undefined;
    return entry?.type === "blob" ? entry.sha : undefined;
  }

  /** The files of a commit. */
  snapshot(commitSha: string): Snapshot {
    const commit = this.objects.commit(commitSha);
    return commit ? readSnapshot(this.objects, commit.tree) : new Map();
  }

  /** Commits file changes (null deletes) on top of a branch and moves the branch. */
  commitOnBranch(
    branch: string,
    changes: Record<string, string | null>,
    meta: { message: string; author: Signature; sha?: string },
  ): CommitObject {
    const parent = this.branches.get(branch);
    const parentTree = parent ? this.objects.commit(parent)?.tree : undefined;
    const fields = {
      // Only the directories on changed paths are rewritten: a commit costs its change, not the repository.
      tree: updateTree(this.objects, parentTree, changes),
      parents: parent ? [parent] : [],
      message: meta.message,
      author: meta.author,
      committer: meta.author,
    };
    const commit = meta.sha ? commitObject(meta.sha, fields) : this.objects.putCommit(fields);
    if (meta.sha) this.objects.adoptCommit(commit);
    this.moveBranch(branch, commit.sha, meta.author.date);
    return commit;
  }

  moveBranch(branch: string, sha: string, at: number): void {
    this.branches.set(branch, sha);
    this.pushedAt = at;
  }
}
