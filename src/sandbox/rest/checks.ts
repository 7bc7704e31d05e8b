import { z } from "zod";
import { parseBody } from "../http/body.js";
import { notFound, unprocessable } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import { renderCheckRun } from "../render/check-run.js";
import { legacyNodeId } from "../state/ids.js";
import type { CheckRunRecord } from "../state/records.js";
import { parseTime } from "../time.js";
import { created, reply, repoOf } from "./lookup.js";

const fields = z.object({
  name: z.string(),
  head_sha: z.string(),
  status: z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]).optional(),
  conclusion: z
    .enum(["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"])
    .optional(),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  output: z.object({ title: z.string(), summary: z.string(), text: z.string().optional() }).optional(),
});

/** Applies check run fields; a conclusion completes the run, as on GitHub. */
const applyFields = (run: CheckRunRecord, input: Partial<z.infer<typeof fields>>, now: number): void => {
  if (input.name !== undefined) run.name = input.name;
  if (input.status !== undefined) run.status = input.status;
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = "completed";
  }
  if (input.details_url !== undefined) run.detailsUrl = input.details_url;
  if (input.external_id !== undefined) run.externalId = input.external_id;
  if (input.started_at !== undefined) run.startedAt = parseTime(input.started_at) ?? now;
  if (run.status === "completed") run.completedAt = parseTime(input.completed_at) ?? run.completedAt ?? now;
  if (input.output)
    run.output = {
      title: input.output.title,
      summary: input.output.summary,
      text: input.output.text ?? null,
    };
};

const createCheckRun = (req: RouteRequest) => {
  const repo = repoOf(req);
  const input = parseBody(fields, req.body);
  const headSha = repo.objects.expand(input.head_sha);
  if (!headSha || repo.objects.kind(headSha) !== "commit")
    throw unprocessable(`No commit found for SHA: ${input.head_sha}`);
  const id = req.world.ids.take();
  const now = req.world.clock.now();
  const run: CheckRunRecord = {
    id,
    nodeId: legacyNodeId("CheckRun", id),
    name: input.name,
    headSha,
    status: "queued",
    conclusion: null,
    startedAt: now,
    completedAt: null,
    externalId: null,
    detailsUrl: null,
    output: { title: null, summary: null, text: null },
  };
  applyFields(run, input, now);
  repo.checkRuns.set(id, run);
  return created(renderCheckRun(req.world, repo, run));
};

const updateCheckRun = (req: RouteRequest) => {
  const repo = repoOf(req);
  const run = repo.checkRuns.get(Number(req.params.check_run_id));
  if (!run) throw notFound();
  applyFields(run, parseBody(fields.omit({ head_sha: true }).partial(), req.body), req.world.clock.now());
  return reply(200, renderCheckRun(req.world, repo, run));
};

export const checkRoutes: Route[] = [
  { method: "POST", route: "/repos/{owner}/{repo}/check-runs", status: [201], handle: createCheckRun },
  {
    method: "PATCH",
    route: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    status: [200],
    handle: updateCheckRun,
  },
];
