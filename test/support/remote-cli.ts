import type { CliDeps } from "../../src/cli/deps.js";
import { runCli } from "../../src/cli/main.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { mulberry32 } from "../../src/sandbox/prng.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";

/** What a run of a command that talks to GitHub printed, and every wait it asked for (never really waited). */
export interface RemoteRun {
  code: number;
  out: string;
  err: string;
  sleeps: number[];
  progress: string;
}

/**
 * Runs the real CLI in-process against the in-memory GitHub: its fetch, its clock, seeded randomness and
 * sleeps that return at once (each is recorded, and moves the sandbox clock on as the wait would). The environment holds a token and the simulate signing
 * key unless `env` says otherwise.
 */
export const runAgainst = async (
  sandbox: Sandbox,
  argv: string[],
  opts: {
    env?: Record<string, string | undefined>;
    fetch?: typeof globalThis.fetch;
    isTTY?: boolean;
    /** Whether each sleep moves the sandbox clock on, as real time would pass (default true). */
    advanceClock?: boolean;
  } = {},
): Promise<RemoteRun> => {
  const out: string[] = [];
  const err: string[] = [];
  const sleeps: number[] = [];
  let progress = "";
  const deps: CliDeps = {
    fetch: opts.fetch ?? sandbox.fetch,
    env: opts.env ?? { GITHUB_TOKEN: "ghs_sandbox", RUNGS_SIGNING_KEY: SIMULATE_SIGNING_KEY },
    now: () => sandbox.clock.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      if (opts.advanceClock ?? true) sandbox.clock.advance(ms);
    },
    random: mulberry32(3),
    progress: {
      isTTY: opts.isTTY ?? false,
      write: (text) => {
        progress += text;
      },
    },
  };
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, deps);
  return { code, out: out.join("\n"), err: err.join("\n"), sleeps, progress };
};
