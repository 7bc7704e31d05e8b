import { createHash } from "node:crypto";
import { notFound } from "../http/errors.js";
import type { Route, RouteRequest } from "../http/router.js";
import { APP_PERMISSIONS, renderInstallation } from "../render/app.js";
import { isoSeconds } from "../time.js";
import { reply } from "./lookup.js";

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

const requireInstallation = (req: RouteRequest): void => {
  if (Number(req.params.installation_id) !== req.world.installation.id) throw notFound();
};

const isInstalledOn = (req: RouteRequest, owner: string | undefined): boolean =>
  owner?.toLowerCase() === req.world.installation.account.login.toLowerCase();

/** Installation routes. The app's JWT is not checked: the sandbox trusts whoever asks. */
export const appRoutes: Route[] = [
  {
    method: "POST",
    route: "/app/installations/{installation_id}/access_tokens",
    status: [201, 404],
    handle: (req) => {
      requireInstallation(req);
      const n = ++req.world.tokensIssued;
      const token = `ghs_${createHash("sha1").update(`sandbox:${req.world.seed}:${n}`).digest("hex").slice(0, 36)}`;
      return reply(201, {
        token,
        expires_at: isoSeconds(req.world.clock.now() + TOKEN_LIFETIME_MS),
        permissions: APP_PERMISSIONS,
        repository_selection: "all",
      });
    },
  },
  {
    method: "GET",
    route: "/app/installations/{installation_id}",
    status: [200, 404],
    handle: (req) => {
      requireInstallation(req);
      return reply(200, renderInstallation(req.world));
    },
  },
  {
    method: "GET",
    route: "/repos/{owner}/{repo}/installation",
    status: [200, 404],
    handle: (req) => {
      if (
        !req.world.repo(`${req.params.owner}/${req.params.repo}`) ||
        !isInstalledOn(req, req.params.owner)
      ) {
        throw notFound();
      }
      return reply(200, renderInstallation(req.world));
    },
  },
  {
    method: "GET",
    route: "/orgs/{org}/installation",
    status: [200],
    handle: (req) => {
      if (!isInstalledOn(req, req.params.org)) throw notFound();
      return reply(200, renderInstallation(req.world));
    },
  },
];
