import { z } from "zod";
import { parseBody } from "../http/body.js";
import { notFound } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderComment } from "../render/comment.js";
import { legacyNodeId } from "../state/ids.js";
import { react } from "./labels.js";
import { checkBodyLength } from "./limits.js";
import { actorOf, created, issueOf, reply, repoOf } from "./lookup.js";

const bodyInput = z.object({ body: z.string() });

const listComments = (req: RouteRequest) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  const since = req.query.get("since");
  const comments = issue.comments.filter((c) => !since || c.updatedAt >= Date.parse(since));
  const page = paginate(comments, req);
  return reply(
    200,
    page.items.map((c) => renderComment(req.world, repo, issue, c)),
    page.headers,
  );
};

const createComment = (req: RouteRequest) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  const { body } = parseBody(bodyInput, req.body);
  checkBodyLength("IssueComment", body);
  const id = req.world.ids.take();
  const now = req.world.clock.now();
  const comment = {
    id,
    nodeId: legacyNodeId("IssueComment", id),
    author: actorOf(req),
    body,
    createdAt: now,
    updatedAt: now,
  };
  issue.comments.push(comment);
  issue.updatedAt = now;
  return created(renderComment(req.world, repo, issue, comment));
};

/** A comment of the repository by id, with its issue (comment ids are unique across a repository). */
const findComment = (req: RouteRequest) => {
  const repo = repoOf(req);
  const id = Number(req.params.comment_id);
  for (const issue of repo.issues.values()) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment) return { repo, issue, comment };
  }
  throw notFound();
};

const getComment = (req: RouteRequest) => {
  const { repo, issue, comment } = findComment(req);
  return reply(200, renderComment(req.world, repo, issue, comment));
};

/** A reaction on a comment, as on an issue (one per person and content). */
const addCommentReaction = (req: RouteRequest) => {
  const { comment } = findComment(req);
  comment.reactions ??= [];
  return react(req, comment.reactions);
};

const updateComment = (req: RouteRequest) => {
  const repo = repoOf(req);
  const id = Number(req.params.comment_id);
  for (const issue of repo.issues.values()) {
    const comment = issue.comments.find((c) => c.id === id);
    if (!comment) continue;
    const { body } = parseBody(bodyInput, req.body);
    checkBodyLength("IssueComment", body);
    comment.body = body;
    comment.updatedAt = req.world.clock.now();
    return reply(200, renderComment(req.world, repo, issue, comment));
  }
  throw notFound();
};

export const commentRoutes: Route[] = [
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    status: [200, 404],
    handle: listComments,
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    status: [201, 404, 422],
    handle: createComment,
  },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    status: [200, 404],
    handle: getComment,
  },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    status: [200, 201, 422],
    handle: addCommentReaction,
  },
  {
    method: "PATCH",
    route: "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    status: [200, 422],
    handle: updateComment,
  },
];
