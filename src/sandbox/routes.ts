import { graphqlRoute } from "./graphql/route.js";
import type { Route } from "./http/router.js";
import { appRoutes } from "./rest/app.js";
import { checkRoutes } from "./rest/checks.js";
import { commentRoutes } from "./rest/comments.js";
import { contentRoutes } from "./rest/contents.js";
import { gitRoutes } from "./rest/git.js";
import { hookDeliveryRoutes } from "./rest/hook-deliveries.js";
import { issueRoutes } from "./rest/issues.js";
import { labelRoutes } from "./rest/labels.js";
import { pullListRoutes } from "./rest/pull-lists.js";
import { pullRoutes } from "./rest/pulls.js";
import { repoRoutes } from "./rest/repos.js";
import { teamRoutes } from "./rest/teams.js";

/** Every REST route the sandbox answers. */
export const REST_ROUTES: Route[] = [
  ...appRoutes,
  ...repoRoutes,
  ...contentRoutes,
  ...gitRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...labelRoutes,
  ...pullRoutes,
  ...pullListRoutes,
  ...checkRoutes,
  ...teamRoutes,
  ...hookDeliveryRoutes,
];

export const ALL_ROUTES: Route[] = [...REST_ROUTES, graphqlRoute];

export interface ServedRoute {
  method: string;
  route: string;
  status: number[];
}

/**
 * The REST routes served and the statuses each answers by design. scripts/openapi-subset.ts extracts GitHub's
 * response schema for each of these into schema/github-openapi-subset.json; tests check every response against it.
 * POST /graphql is not here: GitHub's OpenAPI description does not cover GraphQL.
 */
export const SERVED_ROUTES: ServedRoute[] = REST_ROUTES.map(({ method, route, status }) => ({
  method,
  route,
  status,
}));
