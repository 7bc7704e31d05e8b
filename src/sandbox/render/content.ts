import type { CommitObject } from "../git/objects.js";
import type { RepoState } from "../state/repo.js";
import { renderGitCommit } from "./git.js";
import { filePath, repoApi, repoWeb } from "./urls.js";

interface ContentEntry {
  path: string;
  type: "file" | "dir";
  sha: string;
  size: number;
}

const links = (repo: RepoState, entry: ContentEntry, ref: string) => {
  const self = `${repoApi(repo, `/contents/${filePath(entry.path)}`)}?ref=${encodeURIComponent(ref)}`;
  const git = repoApi(repo, `/git/${entry.type === "file" ? "blobs" : "trees"}/${entry.sha}`);
  const html = repoWeb(repo, `/${entry.type === "file" ? "blob" : "tree"}/${ref}/${filePath(entry.path)}`);
  return { self, git, html };
};

/** One item of a directory listing (`content-directory`), without content. */
export const renderContentEntry = (repo: RepoState, entry: ContentEntry, ref: string) => {
  const { self, git, html } = links(repo, entry, ref);
  return {
    type: entry.type,
    size: entry.size,
    name: entry.path.split("/").pop() ?? entry.path,
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      entry.type === "file"
        ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${filePath(entry.path)}`
        : null,
    _links: { self, git, html },
  };
};

/** A file with its content base64-encoded (`content-file`), as GET contents answers. */
export const renderContentFile = (repo: RepoState, path: string, sha: string, text: string, ref: string) => ({
  ...renderContentEntry(repo, { path, type: "file", sha, size: Buffer.byteLength(text) }, ref),
  type: "file" as const,
  // GitHub wraps base64 content at 60 characters.
  content: `${(
    Buffer.from(text)
      .toString("base64")
      .match(/.{1,60}/g) ?? []
  ).join("\n")}\n`,
  encoding: "base64",
});

/** The answer to a contents write (`file-commit`); content is null after a delete. */
export const renderFileCommit = (
  repo: RepoState,
  commit: CommitObject,
  file: { path: string; sha: string; size: number } | null,
  branch: string,
) => ({
  content: file ? renderContentEntry(repo, { ...file, type: "file" }, branch) : null,
  commit: renderGitCommit(repo, commit),
});
