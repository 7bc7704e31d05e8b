import type { World } from "../state/world.js";
import { API, loginPath, WEB } from "./urls.js";

/** GitHub's `simple-user` for a login. */
export const renderUser = (world: World, login: string) => {
  const account = world.accounts.get(login);
  const api = `${API}/users/${loginPath(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: account.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url:
      account.type === "Bot"
        ? `${WEB}/apps/${loginPath(account.login.replace(/\[bot\]$/, ""))}`
        : `${WEB}/${loginPath(account.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
};

export const renderUserOrNull = (world: World, login: string | null) =>
  login ? renderUser(world, login) : null;

/** How GitHub relates an author to a repository; the sandbox knows owners, bots and members. */
export const authorAssociation = (world: World, owner: string, login: string): string => {
  if (login.toLowerCase() === owner.toLowerCase()) return "OWNER";
  return world.accounts.get(login).type === "Bot" ? "NONE" : "MEMBER";
};
