import { z } from "zod";
import { isAncestor } from "../git/history.js";
import { readSnapshot, type Snapshot, writeSnapshot } from "../git/snapshot.js";
import { parseBody } from "../http/body.js";
import { notFound, unprocessable } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderGitCommit, renderGitRef, renderGitTree, renderShortBlob } from "../render/git.js";
import type { RepoState } from "../state/repo.js";
import { created, reply, repoOf } from "./lookup.js";
import { gitActorInput, signatureFor } from "./signature.js";

/** "heads/main" or "refs/heads/main" → "main"; other namespaces (tags) are not modelled. */
const branchOfRef = (ref: string): string | undefined => /^(?:refs\/)?heads\/(.+)$/.exec(ref)?.[1];

const knownCommit = (repo: RepoState, sha: string): string => {
  const full = repo.objects.expand(sha);
  if (!full || repo.objects.kind(full) !== "commit") throw unprocessable("Object does not exist");
  return full;
};

const getRef = (req: RouteRequest) => {
  const repo = repoOf(req);
  const branch = branchOfRef(req.params.ref ?? "");
  const sha = branch === undefined ? undefined : repo.branches.get(branch);
  if (branch === undefined || !sha) throw notFound();
  return reply(200, renderGitRef(repo, branch, sha));
};

const createRef = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(z.object({ ref: z.string(), sha: z.string() }), req.body);
  if (!/^refs\/[^/]+\/.+/.test(input.ref)) {
    throw unprocessable("ref must start with 'refs' and have at least two slashes.");
  }
  const branch = branchOfRef(input.ref);
  if (branch === undefined)
    throw unprocessable(`sandbox: only refs/heads/* can be created, not ${input.ref}`);
  if (repo.branches.has(branch)) throw unprocessable("Reference already exists");
  const sha = knownCommit(repo, input.sha);
  repo.moveBranch(branch, sha, req.world.clock.now());
  return created(renderGitRef(repo, branch, sha));
};

const updateRef = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(z.object({ sha: z.string(), force: z.boolean().optional() }), req.body);
  const branch = branchOfRef(req.params.ref ?? "");
  const current = branch === undefined ? undefined : repo.branches.get(branch);
  if (branch === undefined || !current) throw unprocessable("Reference does not exist");
  const sha = knownCommit(repo, input.sha);
  if (!input.force && !isAncestor(repo.objects, current, sha))
    throw unprocessable("Update is not a fast forward");
  repo.moveBranch(branch, sha, req.world.clock.now());
  return reply(200, renderGitRef(repo, branch, sha));
};

const createBlob = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(
    z.object({ content: z.string(), encoding: z.enum(["utf-8", "base64"]).optional() }),
    req.body,
  );
  const text =
    input.encoding === "base64" ? Buffer.from(input.content, "base64").toString("utf8") : input.content;
  return created(renderShortBlob(repo, repo.objects.putBlob(text)));
};

const treeEntryInput = z.object({
  path: z.string(),
  mode: z.enum(["100644", "100755", "040000", "160000", "120000"]),
  type: z.enum(["blob", "tree", "commit"]),
  sha: z.string().nullable().optional(),
  content: z.string().optional(),
});

/** Builds a tree from entries on top of an optional base tree; a null sha deletes the path. */
const createTree = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(
    z.object({ tree: z.array(treeEntryInput), base_tree: z.string().optional() }),
    req.body,
  );
  if (input.base_tree !== undefined && repo.objects.kind(input.base_tree) !== "tree") {
    throw unprocessable("Invalid tree info");
  }
  const files: Snapshot = input.base_tree ? readSnapshot(repo.objects, input.base_tree) : new Map();
  for (const entry of input.tree) applyTreeEntry(repo, files, entry);
  const sha = writeSnapshot(repo.objects, files);
  return created(renderGitTree(repo, sha, repo.objects.tree(sha) ?? []));
};

const applyTreeEntry = (repo: RepoState, files: Snapshot, entry: z.infer<typeof treeEntryInput>): void => {
  if (entry.type === "commit") throw unprocessable("sandbox: submodules are not supported");
  const under = `${entry.path}/`;
  for (const path of [...files.keys()]) if (path === entry.path || path.startsWith(under)) files.delete(path);
  if (entry.sha === null) return;
  if (entry.content !== undefined) {
    files.set(entry.path, repo.objects.putBlob(entry.content));
    return;
  }
  if (entry.sha === undefined || repo.objects.kind(entry.sha) !== entry.type)
    throw unprocessable("Invalid tree info");
  if (entry.type === "blob") files.set(entry.path, entry.sha);
  else for (const [path, sha] of readSnapshot(repo.objects, entry.sha)) files.set(`${under}${path}`, sha);
};

const createCommit = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(
    z.object({
      message: z.string(),
      tree: z.string(),
      parents: z.array(z.string()).optional(),
      author: gitActorInput.optional(),
      committer: gitActorInput.optional(),
    }),
    req.body,
  );
  if (repo.objects.kind(input.tree) !== "tree") throw unprocessable("Tree SHA does not exist");
  const parents = (input.parents ?? []).map((sha) => {
    if (repo.objects.kind(sha) !== "commit")
      throw unprocessable("Parent SHA does not exist or is not a commit object");
    return sha;
  });
  const author = signatureFor(req, input.author);
  const commit = repo.objects.putCommit({
    tree: input.tree,
    parents,
    message: input.message,
    author,
    committer: input.committer ? signatureFor(req, input.committer) : author,
  });
  return created(renderGitCommit(repo, commit));
};

const getCommit = (req: RouteRequest) => {
  const repo = repoOf(req);
  const commit = repo.objects.commit(req.params.commit_sha ?? "");
  if (!commit) throw notFound();
  return reply(200, renderGitCommit(repo, commit));
};

export const gitRoutes: Route[] = [
  { method: "GET", route: "/repos/{owner}/{repo}/git/ref/{ref}", status: [200, 404], handle: getRef },
  { method: "POST", route: "/repos/{owner}/{repo}/git/refs", status: [201, 422], handle: createRef },
  { method: "PATCH", route: "/repos/{owner}/{repo}/git/refs/{ref}", status: [200, 422], handle: updateRef },
  { method: "POST", route: "/repos/{owner}/{repo}/git/blobs", status: [201], handle: createBlob },
  { method: "POST", route: "/repos/{owner}/{repo}/git/trees", status: [201, 422], handle: createTree },
  { method: "POST", route: "/repos/{owner}/{repo}/git/commits", status: [201, 422], handle: createCommit },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/git/commits/{commit_sha}",
    status: [200, 404],
    handle: getCommit,
  },
];
