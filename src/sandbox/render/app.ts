import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { API, WEB } from "./urls.js";
import { renderUser } from "./user.js";

/** What the sandbox app may do; the installation token carries the same set. */
export const APP_PERMISSIONS = {
  checks: "write",
  contents: "write",
  issues: "write",
  members: "read",
  metadata: "read",
  pull_requests: "write",
} as const;

const APP_EVENTS = ["issues", "issue_comment", "pull_request", "pull_request_review", "push"];

export const renderInstallation = (world: World) => {
  const { installation, app } = world;
  return {
    id: installation.id,
    account: renderUser(world, installation.account.login),
    repository_selection: "all",
    access_tokens_url: `${API}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${API}/installation/repositories`,
    html_url: `${WEB}/organizations/${installation.account.login}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: installation.account.id,
    target_type: installation.account.type,
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: isoSeconds(world.createdAt),
    updated_at: isoSeconds(world.createdAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
};

/** GitHub's `integration`: the app as check runs show it. */
export const renderApp = (world: World) => ({
  id: world.app.id,
  slug: world.app.slug,
  node_id: Buffer.from(`A_sandbox${world.app.id}`).toString("base64"),
  owner: renderUser(world, world.installation.account.login),
  name: world.app.slug,
  description: null,
  external_url: `${WEB}/apps/${world.app.slug}`,
  html_url: `${WEB}/apps/${world.app.slug}`,
  created_at: isoSeconds(world.createdAt),
  updated_at: isoSeconds(world.createdAt),
  permissions: APP_PERMISSIONS,
  events: APP_EVENTS,
});
