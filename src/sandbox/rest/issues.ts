import { z } from "zod";
import { parseBody } from "../http/body.js";
import { paginate } from "../http/pagination.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderIssue } from "../render/issue.js";
import { fileIssue, setIssueState } from "../state/issues.js";
import { ensureLabels } from "../state/labels.js";
import type { IssueRecord } from "../state/records.js";
import { checkBodyLength } from "./limits.js";
import { actorOf, created, issueOf, reply, repoOf } from "./lookup.js";

/** Labels may be given by name or as `{ name }` objects. */
export const labelNames = z
  .array(z.union([z.string(), z.object({ name: z.string() })]))
  .transform((labels) => labels.map((label) => (typeof label === "string" ? label : label.name)));

const title = z.union([z.string(), z.number()]).transform(String);

const createInput = z.object({
  title,
  body: z.string().nullable().optional(),
  labels: labelNames.optional(),
  assignees: z.array(z.string()).optional(),
  assignee: z.string().nullable().optional(),
});

const updateInput = z.object({
  title: title.optional(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.enum(["completed", "not_planned", "reopened", "duplicate"]).nullable().optional(),
  labels: labelNames.optional(),
  assignees: z.array(z.string()).optional(),
  assignee: z.string().nullable().optional(),
});

const listOrder = (req: RouteRequest) => {
  const sort = req.query.get("sort") ?? "created";
  const ascending = req.query.get("direction") === "asc";
  const key = (i: IssueRecord) =>
    sort === "updated" ? i.updatedAt : sort === "comments" ? i.comments.length : i.createdAt;
  return (a: IssueRecord, b: IssueRecord) => (key(a) - key(b) || a.number - b.number) * (ascending ? 1 : -1);
};

/** The issues list filters GitHub offers: state, labels (all must match), assignee, creator, since. */
const matchesFilters = (req: RouteRequest) => {
  const state = req.query.get("state") ?? "open";
  const labels = (req.query.get("labels") ?? "")
    .split(",")
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const assignee = req.query.get("assignee");
  const creator = req.query.get("creator")?.toLowerCase();
  const since = req.query.get("since");
  return (issue: IssueRecord) => {
    if (state !== "all" && issue.state !== state) return false;
    const own = issue.labels.map((l) => l.toLowerCase());
    if (!labels.every((l) => own.includes(l))) return false;
    if (assignee === "none" && issue.assignees.length > 0) return false;
    if (assignee === "*" && issue.assignees.length === 0) return false;
    if (assignee && assignee !== "none" && assignee !== "*") {
      if (!issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
    }
    if (creator && issue.author.toLowerCase() !== creator) return false;
    if (since && issue.updatedAt < Date.parse(since)) return false;
    return true;
  };
};

const listIssues = (req: RouteRequest) => {
  const repo = repoOf(req);
  const all = [...repo.issues.values()].filter(matchesFilters(req)).sort(listOrder(req));
  const page = paginate(all, req);
  // GitHub's list items leave out `closed_by` (fixture "paginate-issues"); a single issue has it.
  const listed = page.items.map((issue) => {
    const { closed_by: _notListed, ...item } = renderIssue(req.world, repo, issue);
    return item;
  });
  return reply(200, listed, page.headers);
};

const createIssue = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(createInput, req.body);
  checkBodyLength("Issue", input.body);
  const assignees = [...(input.assignees ?? []), ...(input.assignee ? [input.assignee] : [])];
  const issue = fileIssue(req.world, repo, { ...input, assignees, author: actorOf(req) });
  return created(renderIssue(req.world, repo, issue));
};

const getIssue = (req: RouteRequest) => {
  const repo = repoOf(req);
  return reply(200, renderIssue(req.world, repo, issueOf(req, repo)));
};

const updateIssue = (req: RouteRequest) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  const input = parseBody(updateInput, req.body);
  checkBodyLength(issue.pull ? "PullRequest" : "Issue", input.body);
  if (input.title !== undefined) issue.title = input.title;
  if (input.body !== undefined) issue.body = input.body;
  if (input.labels) issue.labels = ensureLabels(req.world, repo, input.labels);
  if (input.assignees) issue.assignees = [...new Set(input.assignees)];
  else if (input.assignee !== undefined) issue.assignees = input.assignee ? [input.assignee] : [];
  const state = input.state ?? (input.state_reason ? issue.state : undefined);
  if (state) setIssueState(req.world, issue, state, input.state_reason, actorOf(req));
  issue.updatedAt = req.world.clock.now();
  return reply(200, renderIssue(req.world, repo, issue));
};

export const issueRoutes: Route[] = [
  { method: "GET", route: "/repos/{owner}/{repo}/issues", status: [200, 404], handle: listIssues },
  { method: "POST", route: "/repos/{owner}/{repo}/issues", status: [201, 404, 422], handle: createIssue },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/issues/{issue_number}",
    status: [200, 404],
    handle: getIssue,
  },
  {
    method: "PATCH",
    route: "/repos/{owner}/{repo}/issues/{issue_number}",
    status: [200, 404, 422],
    handle: updateIssue,
  },
];
