import type { FaultInjector } from "../faults/injector.js";
import { faultReply } from "../faults/responses.js";
import type { World } from "../state/world.js";
import type { RequestLogEntry } from "../types.js";
import { isContentCreating } from "./content.js";
import { DOCS_URL, githubError, HttpError } from "./errors.js";
import { isMutatingRest, repoOfPath } from "./log.js";
import { API_ORIGIN, canonicalPath, isRedirect, methodAfterRedirect } from "./redirects.js";
import { type IncomingRequest, readRequest } from "./request.js";
import { matchRoute, type Route, type RouteMatch, type RouteReply } from "./router.js";

export interface Server {
  world: World;
  routes: Route[];
  faults: FaultInjector;
  log: RequestLogEntry[];
}

/**
 * The sandbox as a `fetch`: every request is matched, maybe faulted, answered, and logged. Redirects are
 * followed as fetch follows them (unless `redirect: "manual"` or `"error"`), each hop answered and logged
 * like any request: an Octokit client reaches a moved issue or renamed repository as it would on GitHub.
 */
export const createFetch = (server: Server): typeof globalThis.fetch => {
  let served = 0;
  return async (input, init) => {
    let incoming: IncomingRequest | undefined;
    try {
      incoming = await readRequest(input, init);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const requestId = requestIdFor(server.world.seed, ++served);
      const url = String(input instanceof Request ? input.url : input);
      server.log.push({
        method: init?.method ?? "GET",
        route: url,
        url,
        mutating: false,
        status: error.status,
      });
      return toResponse(server, { status: error.status, body: error.body }, "core", requestId);
    }
    const mode = init?.redirect ?? (input instanceof Request ? input.redirect : "follow");
    let response = await serveOne(server, incoming, requestIdFor(server.world.seed, ++served));
    let hops = 0;
    for (;;) {
      const location = response.headers.get("location");
      if (!isRedirect(response.status) || !location || mode === "manual") break;
      if (mode === "error") throw new TypeError("fetch failed", { cause: new Error("unexpected redirect") });
      if (++hops > MAX_REDIRECTS)
        throw new TypeError("fetch failed", { cause: new Error("redirect count exceeded") });
      const next = methodAfterRedirect(response.status, incoming.method);
      incoming = {
        method: next.method,
        url: new URL(location, incoming.url),
        body: next.keepBody ? incoming.body : undefined,
      };
      response = await serveOne(server, incoming, requestIdFor(server.world.seed, ++served));
    }
    if (hops > 0) {
      Object.defineProperties(response, {
        redirected: { value: true },
        url: { value: incoming.url.href },
      });
    }
    return response;
  };
};

/** fetch gives up after 20 redirects. */
const MAX_REDIRECTS = 20;

const serveOne = async (server: Server, incoming: IncomingRequest, requestId: string): Promise<Response> => {
  const { method, url } = incoming;
  const ours = url.origin === API_ORIGIN;
  const canonical = ours ? canonicalPath(server.world, method, url) : { pathname: url.pathname };
  const match = ours
    ? ((canonical.reply ? undefined : matchRoute(server.routes, method, canonical.pathname)) ??
      matchRoute(server.routes, method, url.pathname))
    : undefined;
  const route = match ? `${method} ${match.route.route}` : `${method} ${ours ? url.pathname : url.href}`;
  const entry: RequestLogEntry = {
    method,
    route: shared(route),
    url: url.href,
    mutating: isMutatingRest(method, canonical.pathname),
    status: 0,
  };
  const repo = repoOfPath(canonical.pathname);
  if (repo) entry.repo = shared(repo);

  let reply: RouteReply;
  try {
    const routed = new URL(url);
    routed.pathname = canonical.pathname;
    reply = await answer(server, { ...incoming, url: routed }, match, route, canonical.reply);
  } catch (error) {
    entry.status = 500;
    server.log.push(entry);
    throw error;
  }
  Object.assign(entry, reply.log, { status: reply.status });
  if (entry.repo !== undefined) entry.repo = shared(entry.repo);
  if (entry.operation !== undefined) entry.operation = shared(entry.operation);
  server.log.push(entry);
  return toResponse(server, reply, match?.route.resource ?? "core", requestId);
};

/** Log strings seen before (route templates, repositories, operations), so a long log holds one copy each. */
const seen = new Map<string, string>();
const SEEN_LIMIT = 10_000;

const shared = (text: string): string => {
  const known = seen.get(text);
  if (known !== undefined) return known;
  if (seen.size < SEEN_LIMIT) seen.set(text, text);
  return text;
};

const answer = async (
  server: Server,
  incoming: IncomingRequest,
  match: RouteMatch | undefined,
  route: string,
  /** An answer decided before routing (a repository's former name); faults still come first. */
  preset?: RouteReply,
): Promise<RouteReply> => {
  const { world } = server;
  const decision = server.faults.decide(incoming.method, route);
  if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
  if (decision.failWith) {
    return faultReply(decision.failWith, { now: world.clock.now(), installationId: world.installation.id });
  }
  if (preset) return preset;
  if (!match) return noRoute(incoming);
  if (isContentCreating(incoming)) {
    const taken = world.contentLimits.take(world.clock.now());
    if (!taken.ok)
      return faultReply(
        { kind: "secondary-rate-limit", retryAfter: taken.retryAfterSeconds },
        { now: world.clock.now(), installationId: world.installation.id },
      );
  }
  try {
    refuseArchivedWrite(world, incoming);
    return await match.route.handle({
      world,
      method: match.route.method,
      url: incoming.url,
      params: match.params,
      query: incoming.url.searchParams,
      body: incoming.body,
    });
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.body, headers: error.headers };
    throw error;
  }
};

/** An archived repository is read-only: GitHub answers every write to it 403. */
const refuseArchivedWrite = (world: World, { method, url }: IncomingRequest): void => {
  if (!isMutatingRest(method, url.pathname)) return;
  const full = repoOfPath(url.pathname);
  if (full && world.repo(full)?.info.archived)
    throw githubError(403, "Repository was archived so is read-only.");
};

// A gap in the sandbox must never look like GitHub's own 404: the message names what was asked for.
const noRoute = ({ method, url }: IncomingRequest): RouteReply => {
  const where = url.origin === API_ORIGIN ? url.pathname : url.href;
  return {
    status: 404,
    body: { message: `sandbox: no route for ${method} ${where}`, documentation_url: DOCS_URL, status: "404" },
  };
};

const toResponse = (
  server: Server,
  reply: RouteReply,
  resource: "core" | "graphql",
  requestId: string,
): Response => {
  const now = server.world.clock.now();
  const rate = server.world.rateLimits.take(resource, now);
  const headers = {
    "content-type": "application/json; charset=utf-8",
    date: new Date(now).toUTCString(),
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": requestId,
    "x-ratelimit-limit": String(rate.limit),
    "x-ratelimit-remaining": String(rate.remaining),
    "x-ratelimit-reset": String(rate.reset),
    "x-ratelimit-used": String(rate.used),
    "x-ratelimit-resource": resource,
    ...reply.headers,
  };
  const body = reply.body === undefined ? null : JSON.stringify(reply.body);
  return new Response(body, { status: reply.status, headers });
};

/** Looks like GitHub's "CA4B:3D2F:1A2B3C:1B2C3D:65A1B2C3", derived from the seed and a counter. */
const requestIdFor = (seed: number, n: number): string => {
  const hex = (value: number, width: number) => (value >>> 0).toString(16).toUpperCase().padStart(width, "0");
  return `${hex(seed & 0xffff, 4)}:${hex(n >>> 16, 4)}:${hex(n, 6)}:${hex(seed * 31 + n, 6)}:${hex(n * 2654435761, 8)}`;
};
