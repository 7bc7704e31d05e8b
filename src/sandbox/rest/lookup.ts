import { githubError, notFound } from "../http/errors.js";
import { API_ORIGIN, movedPermanently } from "../http/redirects.js";
import type { RouteReply, RouteRequest } from "../http/router.js";
import { isPull, type PullIssue } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";

/** The repository a /repos/{owner}/{repo}/… request names, or GitHub's 404. */
export const repoOf = (req: RouteRequest): RepoState => {
  const repo = req.world.repo(`${req.params.owner}/${req.params.repo}`);
  if (!repo) throw notFound();
  return repo;
};

/**
 * The issue a /issues/{issue_number}/… request names. A deleted issue answers 410 Gone; a transferred one
 * 301 to /repositories/{id}/issues/{new number}/… (a fetch client follows it, as it would on GitHub).
 */
export const issueOf = (req: RouteRequest, repo: RepoState): IssueRecord => {
  const number = Number(req.params.issue_number);
  const issue = repo.issues.get(number);
  if (issue) return issue;
  const tombstone = repo.tombstones.get(number);
  if (tombstone?.kind === "deleted") throw githubError(410, "This issue was deleted");
  if (tombstone?.kind === "transferred") {
    const rest = req.url.pathname.replace(/^.*?\/issues\/\d+/, "");
    const path = `/repositories/${tombstone.repoId}/issues/${tombstone.number}${rest}`;
    throw movedPermanently(`${API_ORIGIN}${path}${req.url.search}`);
  }
  throw notFound();
};

export const pullOf = (req: RouteRequest, repo: RepoState): PullIssue => {
  const issue = repo.issues.get(Number(req.params.pull_number));
  if (!isPull(issue)) throw notFound();
  return issue;
};

/** Who a write through the API is attributed to: the app's bot, as with an installation token. */
export const actorOf = (req: RouteRequest): string => req.world.app.botLogin;

export const reply = (status: number, body: unknown, headers?: Record<string, string>): RouteReply =>
  headers ? { status, body, headers } : { status, body };

/**
 * 201 Created with a `Location` header naming the new resource's API URL, as GitHub sends it (recorded in
 * @octokit/fixtures for issues, labels and git refs). Creating a file through the contents API is answered
 * without one (fixture "create-file"), so that route does not use this.
 */
export const created = (body: { url: string }): RouteReply => reply(201, body, { location: body.url });
