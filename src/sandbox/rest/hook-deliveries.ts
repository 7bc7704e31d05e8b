import { githubError, notFound } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import type { HookDeliveryRecord } from "../state/hook-deliveries.js";
import { isoSeconds } from "../time.js";
import { reply } from "./lookup.js";

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

const render = (d: HookDeliveryRecord) => ({
  id: d.id,
  guid: d.guid,
  delivered_at: isoSeconds(d.deliveredAt),
  redelivery: d.redelivery,
  duration: d.duration,
  status: d.status,
  status_code: d.statusCode,
  event: d.event,
  action: d.action,
  installation_id: d.installationId,
  repository_id: d.repositoryId,
});

const perPageOf = (req: RouteRequest): number => {
  const n = Number(req.query.get("per_page") ?? DEFAULT_PER_PAGE);
  return Number.isInteger(n) ? Math.min(MAX_PER_PAGE, Math.max(1, n)) : DEFAULT_PER_PAGE;
};

/**
 * The app's webhook deliveries, newest first, paged by an opaque cursor in the `Link` header as GitHub
 * does (`cursor=v1_<id>`: the next page starts below that delivery id). `status=success|failure` filters.
 */
const listDeliveries = (req: RouteRequest) => {
  const status = req.query.get("status");
  if (status !== null && status !== "success" && status !== "failure")
    throw githubError(422, "Validation Failed", {
      errors: [{ resource: "HookDelivery", field: "status", code: "invalid" }],
    });
  const cursor = req.query.get("cursor");
  const below = cursor ? /^v1_(\d+)$/.exec(cursor)?.[1] : undefined;
  if (cursor && below === undefined) throw githubError(400, `Invalid cursor: ${cursor}`);
  const ok = (d: HookDeliveryRecord) => d.statusCode >= 200 && d.statusCode < 300;
  const all = [...req.world.hookDeliveries.all]
    .reverse()
    .filter((d) => below === undefined || d.id < Number(below))
    .filter((d) => status === null || (status === "success") === ok(d));
  const perPage = perPageOf(req);
  const page = all.slice(0, perPage);
  const last = page.at(-1);
  const headers: Record<string, string> = {};
  if (all.length > perPage && last) {
    const next = new URL(req.url);
    next.searchParams.set("per_page", String(perPage));
    next.searchParams.set("cursor", `v1_${last.id}`);
    headers.link = `<${next.href}>; rel="next"`;
  }
  return reply(200, page.map(render), headers);
};

/** Asks GitHub to send a delivery again: answered 202, and the new attempt is recorded with its outcome. */
const redeliver = async (req: RouteRequest) => {
  const { hookDeliveries, clock } = req.world;
  const original = hookDeliveries.all.find((d) => d.id === Number(req.params.delivery_id));
  if (!original) throw notFound();
  const statusCode = hookDeliveries.redeliver
    ? await hookDeliveries.redeliver({
        guid: original.guid,
        event: original.event,
        payload: original.payload,
      })
    : 0;
  hookDeliveries.record({
    guid: original.guid,
    event: original.event,
    payload: original.payload,
    statusCode,
    at: clock.now(),
    redelivery: true,
  });
  return reply(202, {});
};

/** The app's own webhook's deliveries (app JWT; the sandbox does not check it). */
export const hookDeliveryRoutes: Route[] = [
  { method: "GET", route: "/app/hook/deliveries", status: [200], handle: listDeliveries },
  {
    method: "POST",
    route: "/app/hook/deliveries/{delivery_id}/attempts",
    status: [202],
    handle: redeliver,
  },
];
