import { WEB } from "../render/urls.js";
import type { World } from "../state/world.js";
import type { GqlObject } from "./context.js";

/**
 * An `Actor` (User, Bot or Organization). As on GitHub, a bot's GraphQL login has no "[bot]" suffix:
 * REST says "dependabot[bot]", GraphQL says "dependabot".
 */
export const actorNode = (world: World, login: string): GqlObject => {
  const account = world.accounts.get(login);
  const graphLogin = account.type === "Bot" ? account.login.replace(/\[bot\]$/, "") : account.login;
  const url = account.type === "Bot" ? `${WEB}/apps/${graphLogin}` : `${WEB}/${account.login}`;
  return {
    __typename: account.type,
    id: account.nodeId,
    databaseId: account.id,
    login: graphLogin,
    url,
    resourcePath: url.slice(WEB.length),
    avatarUrl: () => `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
  };
};

export const actorOrNull = (world: World, login: string | null): GqlObject | null =>
  login ? actorNode(world, login) : null;

/** A `User`, or null for bots and organizations (which are not users). */
export const userOrNull = (world: World, login: string | null): GqlObject | null => {
  if (!login) return null;
  return world.accounts.get(login).type === "User" ? actorNode(world, login) : null;
};
