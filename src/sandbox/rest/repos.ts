import type { Route } from "../http/router.js";
import { renderRepository } from "../render/repository.js";
import { reply, repoOf } from "./lookup.js";

export const repoRoutes: Route[] = [
  {
    method: "GET",
    route: "/repos/{owner}/{repo}",
    status: [200, 404],
    handle: (req) => reply(200, renderRepository(req.world, repoOf(req), true)),
  },
];
