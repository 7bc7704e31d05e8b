import type { CommitObject, Signature, TreeEntry } from "../git/objects.js";
import { legacyNodeId } from "../state/ids.js";
import type { RepoState } from "../state/repo.js";
import { isoSeconds } from "../time.js";
import { repoApi, repoWeb } from "./urls.js";

export const renderGitRef = (repo: RepoState, branch: string, sha: string) => ({
  ref: `refs/heads/${branch}`,
  node_id: legacyNodeId("Ref", `${repo.info.id}:refs/heads/${branch}`),
  url: repoApi(repo, `/git/refs/heads/${branch}`),
  object: { type: "commit", sha, url: repoApi(repo, `/git/commits/${sha}`) },
});

export const renderGitActor = (s: Signature) => ({ name: s.name, email: s.email, date: isoSeconds(s.date) });

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** GitHub's `git-commit` (the Git Database view of a commit). */
export const renderGitCommit = (repo: RepoState, commit: CommitObject) => ({
  sha: commit.sha,
  node_id: legacyNodeId("Commit", `${repo.info.id}:${commit.sha}`),
  url: repoApi(repo, `/git/commits/${commit.sha}`),
  html_url: repoWeb(repo, `/commit/${commit.sha}`),
  author: renderGitActor(commit.author),
  committer: renderGitActor(commit.committer),
  tree: { sha: commit.tree, url: repoApi(repo, `/git/trees/${commit.tree}`) },
  message: commit.message,
  parents: commit.parents.map((sha) => ({
    sha,
    url: repoApi(repo, `/git/commits/${sha}`),
    html_url: repoWeb(repo, `/commit/${sha}`),
  })),
  verification: UNSIGNED,
});

export const renderGitTree = (repo: RepoState, sha: string, entries: TreeEntry[]) => ({
  sha,
  url: repoApi(repo, `/git/trees/${sha}`),
  tree: entries.map((e) => ({
    path: e.name,
    mode: e.mode,
    type: e.type,
    sha: e.sha,
    ...(e.type === "blob" ? { size: Buffer.byteLength(repo.objects.blob(e.sha) ?? "") } : {}),
    url: repoApi(repo, `/git/${e.type === "blob" ? "blobs" : "trees"}/${e.sha}`),
  })),
  truncated: false,
});

export const renderShortBlob = (repo: RepoState, sha: string) => ({
  url: repoApi(repo, `/git/blobs/${sha}`),
  sha,
});
