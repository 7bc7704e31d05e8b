import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunction } from "probot";

export const HEALTH_PATH = "/healthz";

/**
 * `GET /healthz` → 200 `{"status":"ok"}`, for load balancers and container health checks: the process is
 * up and serving HTTP. It says nothing about GitHub (an outage there must not take every replica out).
 */
export const healthRoute = (req: IncomingMessage, res: ServerResponse): boolean => {
  const path = (req.url ?? "").split("?")[0];
  if (path !== HEALTH_PATH || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const body = JSON.stringify({ status: "ok" });
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
};

/** The app with its health route: Probot 14 hands `addHandler` to an app function its server runs. */
export const withHealthRoute =
  (appFn: ApplicationFunction): ApplicationFunction =>
  async (app, options) => {
    options.addHandler(healthRoute);
    await appFn(app, options);
  };
