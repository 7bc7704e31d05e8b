import { type Actor, isBot } from "./bots.js";
import { matchesAny } from "./glob.js";
import type { Settings } from "./settings.js";

/** Why activity in a repository is not evidence (the career repo itself, an excluded repo), or undefined. */
export const whyRepoIgnored = (
  repo: { name: string; full_name: string },
  careerRepo: string,
  settings: Settings,
): string | undefined => {
  if (repo.full_name.toLowerCase() === careerRepo.toLowerCase()) return "the career repo itself";
  if (matchesAny(repo.name, settings.excluded_repos) || matchesAny(repo.full_name, settings.excluded_repos)) {
    return `excluded repository ${repo.full_name}`;
  }
  return undefined;
};

/** Why an actor's activity is not evidence (bots, AI reviewers, configured logins), or undefined. */
export const whyActorIgnored = (actor: Actor, settings: Settings): string | undefined =>
  isBot(actor, settings) ? `bot ${actor.login}` : undefined;
