import { z } from "zod";
import { entryAt } from "../git/snapshot.js";
import { parseBody } from "../http/body.js";
import { conflict, githubError, notFound, unprocessable } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderContentEntry, renderContentFile, renderFileCommit } from "../render/content.js";
import type { RepoState } from "../state/repo.js";
import { reply, repoOf } from "./lookup.js";
import { gitActorInput, signatureFor } from "./signature.js";

const writeInput = z.object({
  message: z.string(),
  content: z.string(),
  sha: z.string().optional(),
  branch: z.string().optional(),
  committer: gitActorInput.optional(),
  author: gitActorInput.optional(),
});

const deleteInput = writeInput.omit({ content: true });

/** The commit a ref names, or GitHub's 404 for a ref that names nothing. */
const commitFor = (repo: RepoState, ref: string): string => {
  const sha = repo.resolveCommit(ref);
  if (!sha) throw githubError(404, `No commit found for the ref ${ref}`);
  return sha;
};

const branchHead = (repo: RepoState, branch: string): string => {
  const sha = repo.branches.get(branch);
  if (!sha) throw githubError(404, `Branch ${branch} not found`);
  return sha;
};

/** The blob sha at a path on a branch, if a file is there. */
const currentBlob = (repo: RepoState, branch: string, path: string): string | undefined =>
  repo.blobAt(branchHead(repo, branch), path);

/**
 * Compare-and-swap as GitHub does it: replacing a file needs the blob sha the writer last saw.
 * No sha for an existing file → 422; a stale sha → 409. A sha for a file that does not exist is
 * treated as stale (409): the writer expected a version that is not there.
 */
const checkExpectedSha = (path: string, current: string | undefined, given: string | undefined): void => {
  // An empty sha counts as none, as a form field left blank would.
  const expected = given === "" ? undefined : given;
  if (current !== undefined && expected === undefined) {
    throw unprocessable(`Invalid request.\n\n"sha" wasn't supplied.`);
  }
  if (expected !== undefined && expected !== current) throw conflict(`${path} does not match ${expected}`);
};

const decodeBase64 = (content: string): string => {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(content)) throw unprocessable("content is not valid Base64");
  return Buffer.from(content, "base64").toString("utf8");
};

const readContents = (req: RouteRequest) => {
  const repo = repoOf(req);
  const path = (req.params.path ?? "").replace(/\/+$/, "");
  const ref = req.query.get("ref") ?? repo.info.defaultBranch;
  const commit = repo.objects.commit(commitFor(repo, ref))!;
  const entry = entryAt(repo.objects, commit.tree, path);
  if (!entry) throw notFound();
  if (entry.type === "blob") {
    return reply(200, renderContentFile(repo, path, entry.sha, repo.objects.blob(entry.sha) ?? "", ref));
  }
  const listing = (repo.objects.tree(entry.sha) ?? []).map((child) =>
    renderContentEntry(
      repo,
      {
        path: path ? `${path}/${child.name}` : child.name,
        type: child.type === "blob" ? "file" : "dir",
        sha: child.sha,
        size: child.type === "blob" ? Buffer.byteLength(repo.objects.blob(child.sha) ?? "") : 0,
      },
      ref,
    ),
  );
  return reply(200, listing);
};

const writeContents = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(writeInput, req.body);
  const path = req.params.path ?? "";
  const branch = input.branch ?? repo.info.defaultBranch;
  const current = currentBlob(repo, branch, path);
  checkExpectedSha(path, current, input.sha);
  const text = decodeBase64(input.content);
  const commit = repo.commitOnBranch(
    branch,
    { [path]: text },
    {
      message: input.message,
      author: signatureFor(req, input.author ?? input.committer),
    },
  );
  const file = { path, sha: repo.blobAt(commit.sha, path)!, size: Buffer.byteLength(text) };
  return reply(current === undefined ? 201 : 200, renderFileCommit(repo, commit, file, branch));
};

const deleteContents = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(deleteInput, req.body);
  const path = req.params.path ?? "";
  const branch = input.branch ?? repo.info.defaultBranch;
  const current = currentBlob(repo, branch, path);
  if (current === undefined) throw notFound();
  checkExpectedSha(path, current, input.sha);
  const commit = repo.commitOnBranch(
    branch,
    { [path]: null },
    {
      message: input.message,
      author: signatureFor(req, input.author ?? input.committer),
    },
  );
  return reply(200, renderFileCommit(repo, commit, null, branch));
};

export const contentRoutes: Route[] = [
  { method: "GET", route: "/repos/{owner}/{repo}/contents/{path}", status: [200, 404], handle: readContents },
  {
    method: "PUT",
    route: "/repos/{owner}/{repo}/contents/{path}",
    status: [200, 201, 409, 422],
    handle: writeContents,
  },
  {
    method: "DELETE",
    route: "/repos/{owner}/{repo}/contents/{path}",
    status: [200, 404, 409, 422],
    handle: deleteContents,
  },
];
