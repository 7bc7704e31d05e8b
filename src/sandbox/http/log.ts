/**
 * Writes are what a dry run must not do: any non-GET request to a repository or organization.
 * Minting an installation token is not a write to anything the user owns.
 */
export const isMutatingRest = (method: string, pathname: string): boolean =>
  method !== "GET" && method !== "HEAD" && (pathname.startsWith("/repos/") || pathname.startsWith("/orgs/"));

/** "owner/name" for paths under /repos/{owner}/{repo}. */
export const repoOfPath = (pathname: string): string | undefined => {
  const match = /^\/repos\/([^/]+)\/([^/]+)/.exec(pathname);
  return match ? `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}` : undefined;
};
