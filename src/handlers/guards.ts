import type { Actor } from "../domain/bots.js";
import { whyActorIgnored, whyRepoIgnored } from "../domain/scope.js";
import type { RungsConfig } from "../github/config.js";

type Repo = { name: string; full_name: string };

const careerOf = (config: RungsConfig) => `${config.career.owner}/${config.career.repo}`;

/** Why a repository's activity is not evidence, or undefined when it is (rules: domain/scope.ts). */
export const repoIgnored = (config: RungsConfig, repo: Repo): string | undefined =>
  whyRepoIgnored(repo, careerOf(config), config.settings);

/** Why these actors' activity in a repository is not evidence, or undefined when it is. */
export const whyIgnored = (config: RungsConfig, repo: Repo, ...actors: Actor[]): string | undefined => {
  for (const actor of actors) {
    const reason = whyActorIgnored(actor, config.settings);
    if (reason) return reason;
  }
  return repoIgnored(config, repo);
};
