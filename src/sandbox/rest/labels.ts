import { z } from "zod";
import { parseBody } from "../http/body.js";
import { notFound, validationFailed } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderLabel, renderLabelNamed } from "../render/label.js";
import { isReactionContent, renderReaction } from "../render/reactions.js";
import { legacyNodeId } from "../state/ids.js";
import { ensureLabel, ensureLabels, isLabelColor } from "../state/labels.js";
import type { ReactionRecord } from "../state/records.js";
import { labelNames } from "./issues.js";
import { actorOf, created, issueOf, reply, repoOf } from "./lookup.js";

/** Adds labels to an issue (creating missing ones) and answers with all its labels. */
const addLabels = (req: RouteRequest) => {
  const repo = repoOf(req);
  const issue = issueOf(req, repo);
  // GitHub accepts `{ labels: [...] }` or a bare array.
  const names = parseBody(
    z.union([z.object({ labels: labelNames }).transform((b) => b.labels), labelNames]),
    req.body,
  );
  issue.labels = [...new Set([...issue.labels, ...ensureLabels(req.world, repo, names)])];
  issue.updatedAt = req.world.clock.now();
  return reply(
    200,
    issue.labels.map((name) => renderLabelNamed(repo, name)),
  );
};

const getLabel = (req: RouteRequest) => {
  const repo = repoOf(req);
  const label = repo.labels.get((req.params.name ?? "").toLowerCase());
  if (!label) throw notFound();
  return reply(200, renderLabel(repo, label));
};

const createLabel = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(
    z.object({
      name: z.string(),
      color: z.string().optional(),
      description: z.string().nullable().optional(),
    }),
    req.body,
  );
  if (repo.labels.has(input.name.toLowerCase())) {
    throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
  }
  const color = (input.color ?? "ededed").replace(/^#/, "");
  if (!isLabelColor(color)) throw validationFailed({ resource: "Label", code: "invalid", field: "color" });
  const label = ensureLabel(req.world, repo, input.name, { color, description: input.description ?? null });
  return created(renderLabel(repo, label));
};

/** A reaction is unique per person and content: reacting twice answers 200 with the first one. */
export const react = (req: RouteRequest, reactions: ReactionRecord[]) => {
  const { content } = parseBody(z.object({ content: z.string() }), req.body);
  if (!isReactionContent(content)) {
    throw validationFailed({ resource: "Reaction", code: "invalid", field: "content" });
  }
  const author = actorOf(req);
  const existing = reactions.find((r) => r.author === author && r.content === content);
  if (existing) return reply(200, renderReaction(req.world, existing));
  const id = req.world.ids.take();
  const reaction = {
    id,
    nodeId: legacyNodeId("Reaction", id),
    author,
    content,
    createdAt: req.world.clock.now(),
  };
  reactions.push(reaction);
  return reply(201, renderReaction(req.world, reaction));
};

const addReaction = (req: RouteRequest) => react(req, issueOf(req, repoOf(req)).reactions);

export const labelRoutes: Route[] = [
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    status: [200, 404],
    handle: addLabels,
  },
  { method: "GET", route: "/repos/{owner}/{repo}/labels/{name}", status: [200, 404], handle: getLabel },
  { method: "POST", route: "/repos/{owner}/{repo}/labels", status: [201, 422], handle: createLabel },
  {
    method: "POST",
    route: "/repos/{owner}/{repo}/issues/{issue_number}/reactions",
    status: [200, 201, 422],
    handle: addReaction,
  },
];
