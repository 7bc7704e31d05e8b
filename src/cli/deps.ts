/**
 * What the commands that talk to GitHub take from the world, so tests run them against the in-memory
 * GitHub with a frozen clock and sleeps that do not wait.
 */
export interface CliDeps {
  fetch: typeof globalThis.fetch;
  env: Readonly<Record<string, string | undefined>>;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  /** Where a one-line progress display goes, and whether it is a terminal (else plain lines on stderr). */
  progress: { isTTY: boolean; write(text: string): void };
}

/** The real world: the network, the process's environment and clock, stderr. */
export const processDeps = (): CliDeps => ({
  fetch: globalThis.fetch,
  env: process.env,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
  progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) },
});
