import { paginate } from "../http/pagination.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderCommit, renderDiffEntry } from "../render/commit.js";
import { renderReview } from "../render/pull.js";
import { headOf, pullChanges, pullCommits } from "../state/pulls.js";
import { pullOf, reply, repoOf } from "./lookup.js";

const listReviews = (req: RouteRequest) => {
  const repo = repoOf(req);
  const pr = pullOf(req, repo);
  const reviews = [...pr.pull.reviews].sort((a, b) => a.submittedAt - b.submittedAt || a.id - b.id);
  const page = paginate(reviews, req);
  return reply(
    200,
    page.items.map((r) => renderReview(req.world, repo, pr, r)),
    page.headers,
  );
};

const listCommits = (req: RouteRequest) => {
  const repo = repoOf(req);
  const page = paginate(pullCommits(repo, pullOf(req, repo)), req);
  return reply(
    200,
    page.items.map((c) => renderCommit(req.world, repo, c)),
    page.headers,
  );
};

const listFiles = (req: RouteRequest) => {
  const repo = repoOf(req);
  const pr = pullOf(req, repo);
  const page = paginate(pullChanges(repo, pr), req);
  return reply(
    200,
    page.items.map((change) => renderDiffEntry(repo, change, headOf(repo, pr))),
    page.headers,
  );
};

/** What a pull request holds: its reviews, commits and changed files. */
export const pullListRoutes: Route[] = [
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
    status: [200],
    handle: listReviews,
  },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}/commits",
    status: [200],
    handle: listCommits,
  },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
    status: [200],
    handle: listFiles,
  },
];
