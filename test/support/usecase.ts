import type { Probot } from "probot";
import { bundledLadder } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import { signer } from "../../src/domain/signature.js";
import { loadConfig } from "../../src/github/config.js";
import type { GitHub } from "../../src/github/types.js";
import { mulberry32 } from "../../src/sandbox/prng.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import { BoundedSet } from "../../src/usecases/bounded-set.js";
import type { UseCaseContext } from "../../src/usecases/context.js";
import { INSTALLATION_ID } from "./events.js";
import type { Harness } from "./harness.js";

/**
 * A use-case context on the harness's in-memory GitHub, for use-cases not wired to an event yet: the
 * installation's client of a real Probot, the organisation's config read afresh, the sandbox's clock.
 */
export const useCaseContext = async (h: Harness, deliveryId = "test-delivery"): Promise<UseCaseContext> => {
  const probot = h.probots[0] as Probot;
  const github = (await probot.auth(INSTALLATION_ID)) as GitHub;
  const loaded = await loadConfig(github, "acme", bundledLadder());
  if (!loaded.ok) throw new Error(`config does not load: ${loaded.problems[0]?.message}`);
  const lines: { level: string; msg: string; fields: object }[] = [];
  const at = (level: string) => (fields: object, msg: string) => {
    lines.push({ level, msg, fields });
  };
  return {
    github,
    config: loaded.config,
    log: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    deliveryId,
    now: () => h.sandbox.clock.now(),
    random: mulberry32(3),
    sleep: () => Promise.resolve(),
    templates: loadTemplates(),
    memo: new BoundedSet(1000),
    signer: signer(SIMULATE_SIGNING_KEY),
  };
};
