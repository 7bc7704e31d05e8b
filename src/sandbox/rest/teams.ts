import { notFound } from "../http/errors.js";
import type { Route } from "../http/router.js";
import { API } from "../render/urls.js";
import { reply } from "./lookup.js";

export const teamRoutes: Route[] = [
  {
    method: "GET",
    route: "/orgs/{org}/teams/{team_slug}/memberships/{username}",
    status: [200, 404],
    handle: (req) => {
      const { org = "", team_slug: slug = "", username = "" } = req.params;
      const members = req.world.teams.get(`${org}/${slug}`.toLowerCase());
      if (!members?.has(username.toLowerCase())) throw notFound();
      return reply(200, {
        url: `${API}/organizations/${req.world.installation.account.id}/team/${slug}/memberships/${username}`,
        role: "member",
        state: "active",
      });
    },
  },
];
