import type { RateResource } from "../state/rate-limits.js";
import type { World } from "../state/world.js";
import type { RequestLogEntry } from "../types.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteRequest {
  world: World;
  method: Method;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the request log should say beyond what the path tells (GraphQL fills these). */
  log?: Partial<Pick<RequestLogEntry, "repo" | "mutating" | "operation">>;
}

export interface Route {
  method: Method;
  /** Path template as in GitHub's OpenAPI description, e.g. "/repos/{owner}/{repo}/issues". */
  route: string;
  /** Statuses this route answers by design; each has a response schema in GitHub's OpenAPI description. */
  status: number[];
  resource?: RateResource;
  handle(req: RouteRequest): RouteReply | Promise<RouteReply>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

// A trailing {path} or {ref} takes the rest of the URL, slashes included ("docs/a.md", "heads/feature/x").
const GREEDY = new Set(["path", "ref"]);

/** Finds the route for a request; among several, the one with the most literal segments wins. */
export const matchRoute = (routes: Route[], method: string, pathname: string): RouteMatch | undefined => {
  const segments = pathname.split("/").slice(1).map(decodeSegment);
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.route, segments);
    if (!params) continue;
    const literals = route.route.split("/").filter((s) => s !== "" && !s.startsWith("{")).length;
    if (!best || literals > best.literals) best = { match: { route, params }, literals };
  }
  return best?.match;
};

const matchTemplate = (template: string, segments: string[]): Record<string, string> | undefined => {
  const parts = template.split("/").slice(1);
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    const isLast = i === parts.length - 1;
    if (name && isLast && GREEDY.has(name)) {
      if (segments.length < parts.length)
        return name === "path" && segments.length === i ? { ...params, path: "" } : undefined;
      params[name] = segments.slice(i).join("/");
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (!name) {
      if (segment !== part) return undefined;
      continue;
    }
    // Numbers and ids are digits on GitHub; "comments" is not an issue number.
    if ((name.endsWith("_number") || name.endsWith("_id")) && !/^\d+$/.test(segment)) return undefined;
    params[name] = segment;
  }
  return segments.length === parts.length ? params : undefined;
};

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
