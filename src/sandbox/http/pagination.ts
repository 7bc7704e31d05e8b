import type { RouteRequest } from "./router.js";

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/**
 * One page of a list, with GitHub's `Link` header (prev, next, last, first) when there is more than one.
 * Like GitHub's, the links address the repository by id: /repositories/{id}/… (fixture "paginate-issues").
 */
export const paginate = <T>(all: T[], req: RouteRequest): Page<T> => {
  const perPage = clamp(
    Number(req.query.get("per_page") ?? DEFAULT_PER_PAGE),
    1,
    MAX_PER_PAGE,
    DEFAULT_PER_PAGE,
  );
  const page = clamp(Number(req.query.get("page") ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const base = new URL(req.url);
  const repo = req.world.repo(`${req.params.owner}/${req.params.repo}`);
  if (repo) base.pathname = base.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, `/repositories/${repo.info.id}`);
  const link = (n: number, rel: string) => {
    const url = new URL(base);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(n));
    links.push(`<${url.href}>; rel="${rel}"`);
  };
  if (page > 1) link(Math.min(page - 1, last), "prev");
  if (page < last) link(page + 1, "next");
  if (page < last) link(last, "last");
  if (page > 1) link(1, "first");
  return { items, headers: links.length > 0 ? { link: links.join(", ") } : {} };
};

const clamp = (value: number, min: number, max: number, fallback: number): number =>
  Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
