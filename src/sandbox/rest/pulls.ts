import { z } from "zod";
import { mergeBaseOf } from "../git/history.js";
import { parseBody } from "../http/body.js";
import { githubError, validationFailed } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderPull, renderPullSimple } from "../render/pull.js";
import { setIssueState } from "../state/issues.js";
import { headOf, isPull, mergePull, openPull, type PullIssue } from "../state/pulls.js";
import { checkBodyLength } from "./limits.js";
import { actorOf, created, pullOf, reply, repoOf } from "./lookup.js";

const createInput = z.object({
  title: z.string(),
  head: z.string(),
  base: z.string(),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional(),
});

const updateInput = z.object({
  title: z.string().optional(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).optional(),
  base: z.string().optional(),
});

const mergeInput = z.object({
  commit_title: z.string().optional(),
  commit_message: z.string().optional(),
  sha: z.string().optional(),
  merge_method: z.enum(["merge", "squash", "rebase"]).optional(),
});

const listPulls = (req: RouteRequest) => {
  const repo = repoOf(req);
  const state = req.query.get("state") ?? "open";
  const head = req.query.get("head")?.split(":").pop();
  const base = req.query.get("base");
  const ascending = req.query.get("direction") === "asc";
  const pulls = [...repo.issues.values()]
    .filter(isPull)
    .filter((pr) => state === "all" || pr.state === state)
    .filter((pr) => !head || pr.pull.headRef === head)
    .filter((pr) => !base || pr.pull.baseRef === base)
    .sort((a, b) => (a.createdAt - b.createdAt || a.number - b.number) * (ascending ? 1 : -1));
  const page = paginate(pulls, req);
  return reply(
    200,
    page.items.map((pr) => renderPullSimple(req.world, repo, pr)),
    page.headers,
  );
};

const getPull = (req: RouteRequest) => {
  const repo = repoOf(req);
  return reply(200, renderPull(req.world, repo, pullOf(req, repo)));
};

/** Opens a pull request; GitHub refuses unknown branches, duplicates and empty ones with 422. */
const createPull = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(createInput, req.body);
  checkBodyLength("PullRequest", input.body);
  const headRef = input.head.split(":").pop() ?? input.head;
  const baseSha = repo.branches.get(input.base);
  const headSha = repo.branches.get(headRef);
  if (!baseSha) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  if (!headSha) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  const duplicate = [...repo.issues.values()]
    .filter(isPull)
    .some((pr) => pr.state === "open" && pr.pull.headRef === headRef && pr.pull.baseRef === input.base);
  if (duplicate) {
    const message = `A pull request already exists for ${repo.info.owner}:${headRef}.`;
    throw validationFailed({ resource: "PullRequest", code: "custom", message });
  }
  const mergeBase = mergeBaseOf(repo.objects, headSha, baseSha);
  if (!mergeBase || mergeBase === headSha) {
    const message = `No commits between ${input.base} and ${headRef}`;
    throw validationFailed({ resource: "PullRequest", code: "custom", message });
  }
  const pr = openPull(req.world, repo, {
    ...input,
    headRef,
    headSha,
    baseRef: input.base,
    mergeBase,
    author: actorOf(req),
  });
  return created(renderPull(req.world, repo, pr));
};

const updatePull = (req: RouteRequest) => {
  const repo = repoOf(req);
  const pr = pullOf(req, repo);
  const input = parseBody(updateInput, req.body);
  checkBodyLength("PullRequest", input.body);
  if (input.title !== undefined) pr.title = input.title;
  if (input.body !== undefined) pr.body = input.body;
  if (input.base !== undefined) {
    if (!repo.branches.has(input.base))
      throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
    pr.pull.baseRef = input.base;
  }
  if (input.state && !(pr.pull.merged && input.state === "open")) {
    if (input.state === "closed") pr.pull.headSha = headOf(repo, pr);
    setIssueState(req.world, pr, input.state, null, actorOf(req));
  }
  pr.updatedAt = req.world.clock.now();
  return reply(200, renderPull(req.world, repo, pr));
};

const mergePullRoute = (req: RouteRequest) => {
  const repo = repoOf(req);
  const pr = pullOf(req, repo);
  const input = parseBody(mergeInput, req.body);
  if (pr.state !== "open") throw githubError(405, "Pull Request is not mergeable");
  if (input.sha && input.sha !== headOf(repo, pr)) {
    throw githubError(409, "Head branch was modified. Review and try the merge again.");
  }
  const result = mergePull(req.world, repo, pr, {
    method: input.merge_method ?? "merge",
    ...(input.commit_title === undefined ? {} : { title: input.commit_title }),
    ...(input.commit_message === undefined ? {} : { message: input.commit_message }),
    by: actorOf(req),
  });
  if (!result.ok) throw githubError(405, result.reason);
  return reply(200, { sha: result.sha, merged: true, message: "Pull Request successfully merged" });
};

const requestReviewers = (req: RouteRequest) => {
  const repo = repoOf(req);
  const pr: PullIssue = pullOf(req, repo);
  const input = parseBody(
    z.object({ reviewers: z.array(z.string()).optional(), team_reviewers: z.array(z.string()).optional() }),
    req.body,
  );
  const reviewers = input.reviewers ?? [];
  if (reviewers.some((login) => login.toLowerCase() === pr.author.toLowerCase())) {
    throw githubError(422, "Review cannot be requested from pull request author.");
  }
  pr.pull.requestedReviewers = [...new Set([...pr.pull.requestedReviewers, ...reviewers])];
  pr.updatedAt = req.world.clock.now();
  return reply(201, renderPullSimple(req.world, repo, pr));
};

export const pullRoutes: Route[] = [
  { method: "GET", route: "/repos/{owner}/{repo}/pulls", status: [200], handle: listPulls },
  { method: "GET", route: "/repos/{owner}/{repo}/pulls/{pull_number}", status: [200, 404], handle: getPull },
  { method: "POST", route: "/repos/{owner}/{repo}/pulls", status: [201, 422], handle: createPull },
  {
    method: "PATCH",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}",
    status: [200, 422],
    handle: updatePull,
  },
  {
    method: "PUT",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
    status: [200, 405, 409],
    handle: mergePullRoute,
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
    status: [201, 422],
    handle: requestReviewers,
  },
];
