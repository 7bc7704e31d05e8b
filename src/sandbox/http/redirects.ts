import type { World } from "../state/world.js";
import { githubError, HttpError } from "./errors.js";
import type { RouteReply } from "./router.js";

export const API_ORIGIN = "https://api.github.com";

/** Where GitHub's "Moved Permanently" answers point (the body of a 301 or 307 from api.github.com). */
export const REDIRECT_DOCS_URL =
  "https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects";

/**
 * GitHub's answer for something that moved: `Location` and a body naming the new URL. Reads are answered
 * 301; for a renamed repository other methods are answered 307 (recorded in @octokit/fixtures, scenario
 * "rename-repository"), so a client following the redirect repeats the write at the new place.
 */
export const movedPermanently = (location: string, status: 301 | 307 = 301): HttpError =>
  new HttpError(
    status,
    { message: "Moved Permanently", url: location, documentation_url: REDIRECT_DOCS_URL },
    { location },
  );

export interface Canonical {
  /** The path routes are matched against: /repositories/{id}/… becomes /repos/{owner}/{name}/…. */
  pathname: string;
  /** Set when the request must be answered without reaching a route (a former name, an unknown id). */
  reply?: RouteReply;
}

const toReply = (error: HttpError): RouteReply => ({
  status: error.status,
  body: error.body,
  headers: error.headers,
});

/**
 * GitHub's repository addressing beyond /repos/{owner}/{repo}: /repositories/{id}/… reaches a repository by
 * id (pagination links use it), and a repository's former name (renamed or transferred) redirects there.
 */
export const canonicalPath = (world: World, method: string, url: URL): Canonical => {
  const { pathname } = url;
  const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(pathname);
  if (byId) {
    const repo = world.repoById(Number(byId[1]));
    if (!repo) return { pathname, reply: toReply(githubError(404, "Not Found")) };
    return { pathname: `/repos/${repo.info.owner}/${repo.info.name}${byId[2] ?? ""}` };
  }
  const byName = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!byName) return { pathname };
  const fullName = `${decode(byName[1]!)}/${decode(byName[2]!)}`;
  if (world.repo(fullName)) return { pathname };
  const moved = world.renamedRepo(fullName);
  if (!moved) return { pathname };
  const location = `${API_ORIGIN}/repositories/${moved.info.id}${byName[3] ?? ""}${url.search}`;
  const read = method === "GET" || method === "HEAD";
  return { pathname, reply: toReply(movedPermanently(location, read ? 301 : 307)) };
};

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export const isRedirect = (status: number): boolean => REDIRECTS.has(status);

/**
 * The method a fetch client repeats after a redirect (WHATWG fetch, "HTTP-redirect fetch"): 303 turns
 * anything but HEAD into GET, and 301/302 turn POST into GET; everything else keeps its method and body.
 */
export const methodAfterRedirect = (
  status: number,
  method: string,
): { method: string; keepBody: boolean } => {
  if ((status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
    return { method: "GET", keepBody: false };
  }
  return { method, keepBody: true };
};
