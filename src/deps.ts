import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundledLadder, projectRoot } from "./cli/files.js";
import { loadPacketTemplate } from "./packet-template.js";
import { signingKeyFrom } from "./signing-key.js";
import { sharedStateFrom } from "./store/budget-from-env.js";
import { CONFIG_TTL_MS } from "./usecases/config-cache.js";
import type { AppDeps, Templates } from "./usecases/context.js";

export const loadTemplates = (): Templates => ({
  goalIssue: readFileSync(join(projectRoot(), "templates", "goal-issue.md"), "utf8"),
  packet: loadPacketTemplate(),
});

/** The real world: wall clock, Math.random jitter, real sleeps. Tests and `simulate` pass their own. */
export const productionDeps = (): AppDeps => ({
  bundledLadder: bundledLadder(),
  templates: loadTemplates(),
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  // A push that changes the config moves its generation on for every instance; the TTL only bounds a
  // push delivery lost on the way (docs/scale.md).
  configTtlMs: CONFIG_TTL_MS,
  // Empty while the app is being set up (no private key yet): the app then records nothing and says why.
  signingKey: signingKeyFrom(process.env) ?? "",
  // GitHub's content limits per installation, config generations and person leases, shared across
  // instances through REDIS_URL (docs/scale.md).
  ...sharedStateFrom(process.env, () => Date.now()),
});
