import type { Signature } from "../git/objects.js";
import { repoWeb } from "../render/urls.js";
import { legacyNodeId } from "../state/ids.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { userOrNull } from "./actors.js";
import { CONNECTION_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import type { GqlObject } from "./context.js";
import { repositoryNode } from "./repository.js";

const gitActorNode = (world: World, s: Signature): GqlObject => ({
  name: s.name,
  email: s.email,
  date: isoSeconds(s.date),
  user: userOrNull(world, s.login),
  avatarUrl: () =>
    `https://avatars.githubusercontent.com/u/${s.login ? world.accounts.get(s.login).id : 0}?v=4`,
});

/** A `Commit`, or null when the sandbox only heard of the sha and holds no such object. */
export const commitNode = (world: World, repo: RepoState, sha: string | null): GqlObject | null => {
  const commit = sha ? repo.objects.commit(sha) : undefined;
  if (!commit) return null;
  const [headline = "", ...rest] = commit.message.split("\n");
  return {
    __typename: "Commit",
    id: legacyNodeId("Commit", `${repo.info.id}:${commit.sha}`),
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    message: commit.message,
    messageHeadline: headline,
    messageBody: rest.join("\n").trim(),
    committedDate: isoSeconds(commit.committer.date),
    authoredDate: isoSeconds(commit.author.date),
    author: gitActorNode(world, commit.author),
    committer: gitActorNode(world, commit.committer),
    url: repoWeb(repo, `/commit/${commit.sha}`),
    commitUrl: repoWeb(repo, `/commit/${commit.sha}`),
    tree: () => treeNode(world, repo, commit.tree, ""),
    parents: withArgs(CONNECTION_ARGS, (args: ConnectionArgs) =>
      connection("parents", commit.parents, args, (parent) => commitNode(world, repo, parent)),
    ),
    repository: () => repositoryNode(world, repo),
  };
};

export const blobNode = (world: World, repo: RepoState, sha: string): GqlObject | null => {
  const text = repo.objects.blob(sha);
  if (text === undefined) return null;
  return {
    __typename: "Blob",
    id: legacyNodeId("Blob", `${repo.info.id}:${sha}`),
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    text,
    byteSize: Buffer.byteLength(text),
    isBinary: false,
    isTruncated: false,
    repository: () => repositoryNode(world, repo),
  };
};

/** A `Tree`; `prefix` is the tree's own path, so entries can report theirs. */
export const treeNode = (world: World, repo: RepoState, sha: string, prefix: string): GqlObject | null => {
  const entries = repo.objects.tree(sha);
  if (!entries) return null;
  return {
    __typename: "Tree",
    id: legacyNodeId("Tree", `${repo.info.id}:${sha}`),
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    repository: () => repositoryNode(world, repo),
    entries: entries.map((entry) => {
      const path = `${prefix}${entry.name}`;
      const text = entry.type === "blob" ? (repo.objects.blob(entry.sha) ?? "") : undefined;
      return {
        name: entry.name,
        path,
        type: entry.type,
        oid: entry.sha,
        mode: entry.type === "blob" ? 0o100644 : 0o40000,
        size: text === undefined ? 0 : Buffer.byteLength(text),
        lineCount: text === undefined ? null : text.split("\n").length - (text.endsWith("\n") ? 1 : 0),
        extension: /(\.[^./]+)$/.exec(entry.name)?.[1] ?? null,
        isGenerated: false,
        nameRaw: Buffer.from(entry.name).toString("base64"),
        pathRaw: Buffer.from(path).toString("base64"),
        repository: () => repositoryNode(world, repo),
        object: () =>
          entry.type === "blob"
            ? blobNode(world, repo, entry.sha)
            : treeNode(world, repo, entry.sha, `${path}/`),
      };
    }),
  };
};

/** Any git object by sha; `path` names a tree's location when known. */
export const gitObjectNode = (world: World, repo: RepoState, sha: string, path = ""): GqlObject | null => {
  switch (repo.objects.kind(sha)) {
    case "commit":
      return commitNode(world, repo, sha);
    case "tree":
      return treeNode(world, repo, sha, path ? `${path}/` : "");
    case "blob":
      return blobNode(world, repo, sha);
    default:
      return null;
  }
};

export const refNode = (world: World, repo: RepoState, branch: string): GqlObject | null => {
  const sha = repo.branches.get(branch);
  if (!sha) return null;
  return {
    __typename: "Ref",
    id: legacyNodeId("Ref", `${repo.info.id}:refs/heads/${branch}`),
    name: branch,
    prefix: "refs/heads/",
    target: commitNode(world, repo, sha),
    repository: () => repositoryNode(world, repo),
  };
};
