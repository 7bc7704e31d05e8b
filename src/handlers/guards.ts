import { isBot } from "../domain/bots.js";
import { matchesAny } from "../domain/glob.js";
import type { Settings } from "../domain/settings.js";
import type { RungsConfig } from "../github/config.js";

/** Why an event's activity is not evidence, or undefined when it is. */
export const whyIgnored = (
  config: RungsConfig,
  repo: { name: string; full_name: string },
  actor: { login: string; type?: string },
): string | undefined => {
  const settings: Settings = config.settings;
  if (isBot(actor, settings)) return `bot ${actor.login}`;
  if (repo.full_name.toLowerCase() === `${config.career.owner}/${config.career.repo}`.toLowerCase())
    return "the career repo itself";
  if (matchesAny(repo.name, settings.excluded_repos) || matchesAny(repo.full_name, settings.excluded_repos)) {
    return `excluded repository ${repo.full_name}`;
  }
  return undefined;
};
