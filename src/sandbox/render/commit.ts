import type { FileChange } from "../git/diff.js";
import type { CommitObject } from "../git/objects.js";
import { legacyNodeId } from "../state/ids.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { renderGitActor } from "./git.js";
import { filePath, repoApi, repoWeb } from "./urls.js";
import { renderUser } from "./user.js";

/** GitHub's `commit` (the REST view with linked accounts), as a pull request's commit list answers. */
export const renderCommit = (world: World, repo: RepoState, commit: CommitObject) => ({
  url: repoApi(repo, `/commits/${commit.sha}`),
  sha: commit.sha,
  node_id: legacyNodeId("Commit", `${repo.info.id}:${commit.sha}`),
  html_url: repoWeb(repo, `/commit/${commit.sha}`),
  comments_url: repoApi(repo, `/commits/${commit.sha}/comments`),
  commit: {
    url: repoApi(repo, `/git/commits/${commit.sha}`),
    author: renderGitActor(commit.author),
    committer: renderGitActor(commit.committer),
    message: commit.message,
    comment_count: 0,
    tree: { sha: commit.tree, url: repoApi(repo, `/git/trees/${commit.tree}`) },
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  },
  author: commit.author.login ? renderUser(world, commit.author.login) : {},
  committer: commit.committer.login ? renderUser(world, commit.committer.login) : {},
  parents: commit.parents.map((sha) => ({
    sha,
    url: repoApi(repo, `/commits/${sha}`),
    html_url: repoWeb(repo, `/commit/${sha}`),
  })),
});

/** GitHub's `diff-entry`, as a pull request's file list answers. */
export const renderDiffEntry = (repo: RepoState, change: FileChange, headSha: string) => ({
  sha: change.sha,
  filename: change.path,
  status: change.status,
  additions: change.additions,
  deletions: change.deletions,
  changes: change.additions + change.deletions,
  blob_url: repoWeb(repo, `/blob/${headSha}/${filePath(change.path)}`),
  raw_url: repoWeb(repo, `/raw/${headSha}/${filePath(change.path)}`),
  contents_url: `${repoApi(repo, `/contents/${filePath(change.path)}`)}?ref=${headSha}`,
});
