import { isPull } from "../state/pulls.js";
import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { CONNECTION_ARGS, withArgs } from "./args.js";
import { type ConnectionArgs, connection } from "./connection.js";
import { TypedGraphqlError } from "./errors.js";
import { issueNode } from "./issue.js";
import { pullRequestNode } from "./pull-request.js";
import { type IssueSearch, parseIssueSearch, type TimeRange } from "./search-query.js";

/** GitHub answers at most this many results of any search, whatever `issueCount` says. */
export const SEARCH_RESULT_CAP = 1000;

const within = (at: number | null, range: TimeRange | undefined): boolean =>
  range === undefined || (at !== null && at >= range.from && at <= range.to);

/** When GitHub would say the issue was last updated: a review or comment touches it too. */
const updatedAt = (issue: IssueRecord): number =>
  Math.max(
    issue.updatedAt,
    ...issue.comments.map((c) => c.createdAt),
    ...(issue.pull?.reviews.map((r) => r.submittedAt) ?? []),
  );

const inScope = (repo: RepoState, s: IssueSearch): boolean => {
  const owner = repo.info.owner.toLowerCase();
  const full = repo.fullName.toLowerCase();
  if (s.owners.length === 0 && s.repos.length === 0) return true;
  return s.owners.includes(owner) || s.repos.includes(full);
};

const matches = (issue: IssueRecord, s: IssueSearch): boolean => {
  const pull = issue.pull;
  if (s.kind === "pr" && !pull) return false;
  if (s.kind === "issue" && pull) return false;
  for (const state of s.states) {
    if (state === "merged" && !pull?.merged) return false;
    if (state === "open" && issue.state !== "open") return false;
    if (state === "closed" && issue.state !== "closed") return false;
  }
  if (s.author && issue.author.toLowerCase() !== s.author) return false;
  if (s.assignee && !issue.assignees.some((a) => a.toLowerCase() === s.assignee)) return false;
  if (s.reviewedBy && !pull?.reviews.some((r) => r.author.toLowerCase() === s.reviewedBy)) return false;
  if (
    s.reason &&
    (issue.state !== "closed" || (issue.stateReason ?? "completed") !== s.reason.replace(" ", "_"))
  )
    return false;
  if (s.merged && !within(pull?.mergedAt ?? null, s.merged)) return false;
  if (s.notMerged && pull?.mergedAt != null && within(pull.mergedAt, s.notMerged)) return false;
  return (
    within(issue.closedAt, s.closed) &&
    within(issue.createdAt, s.created) &&
    (s.updated === undefined || within(updatedAt(issue), s.updated))
  );
};

/**
 * `search(type: ISSUE, query:)` over the world: issues and pull requests matching the qualifiers, newest
 * first (GitHub's order when a query has no text), `issueCount` the true total and only the first 1,000
 * reachable by paging, as on GitHub.
 */
export const searchField = (world: World) =>
  withArgs(
    [...CONNECTION_ARGS, "type", "query"],
    (args: ConnectionArgs & { type: string; query: string }) => {
      if (args.type !== "ISSUE")
        throw new TypedGraphqlError(
          "INVALID_ARGUMENT",
          `sandbox: search type ${args.type} is not implemented`,
        );
      const s = parseIssueSearch(args.query);
      const found: { repo: RepoState; issue: IssueRecord }[] = [];
      for (const repo of world.allRepos()) {
        if (!inScope(repo, s)) continue;
        for (const issue of repo.issues.values()) if (matches(issue, s)) found.push({ repo, issue });
      }
      found.sort(
        (a, b) =>
          b.issue.createdAt - a.issue.createdAt ||
          a.repo.fullName.localeCompare(b.repo.fullName) ||
          b.issue.number - a.issue.number,
      );
      const page = connection("search", found.slice(0, SEARCH_RESULT_CAP), args, ({ repo, issue }) =>
        isPull(issue) ? pullRequestNode(world, repo, issue) : issueNode(world, repo, issue),
      );
      return {
        issueCount: found.length,
        codeCount: 0,
        discussionCount: 0,
        repositoryCount: 0,
        userCount: 0,
        wikiCount: 0,
        nodes: page.nodes,
        edges: page.edges,
        pageInfo: page.pageInfo,
      };
    },
  );
