import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * The key observed evidence is signed with (docs/metrics.md#trust). `RUNGS_SIGNING_KEY` if set (keep it
 * when rotating the app's private key, or old evidence stops verifying); otherwise derived from the
 * app's private key, which every instance already holds and no person does.
 */
export const signingKeyFrom = (env: NodeJS.ProcessEnv): string | undefined => {
  if (env.RUNGS_SIGNING_KEY) return env.RUNGS_SIGNING_KEY;
  const pem =
    env.PRIVATE_KEY ?? (env.PRIVATE_KEY_PATH ? readFileSync(env.PRIVATE_KEY_PATH, "utf8") : undefined);
  return pem
    ? createHmac("sha256", pem.replace(/\\n/g, "\n").trim())
        .update("rungs-evidence-signing-v1")
        .digest("base64url")
    : undefined;
};

/** `rungs simulate` signs with this well-known key: a simulation proves nothing, so its key is no secret. */
export const SIMULATE_SIGNING_KEY = "rungs-simulate";
