import { notFound } from "../http/errors.js";
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

export const issueOf = (req: RouteRequest, repo: RepoState): IssueRecord => {
  const issue = repo.issues.get(Number(req.params.issue_number));
  if (!issue) throw notFound();
  return issue;
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
