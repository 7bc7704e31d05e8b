import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CliDeps } from "./deps.js";

/** A mistake in how a command was called: printed as one line with the command's usage, exit 2. */
export class UsageError extends Error {}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Text for a terminal: every control character but the line breaks we print (ESC, BEL, CR, tab, DEL,
 * the C1 range, …) becomes a visible escape like `\x1b`, so a file or an event cannot move the cursor,
 * retitle the window or hide a line. Every line the CLI prints goes through this, by `terminalIo`.
 */
export const escapeControls = (text: string): string =>
  // \p{Cc} is exactly C0, DEL and C1; [^\n\P{Cc}] is any of them but the line feed.
  text.replace(/[^\n\P{Cc}]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);

/** `io` with every printed line escaped for a terminal. */
export const terminalIo = (io: Io): Io => ({
  out: (line) => io.out(escapeControls(line)),
  err: (line) => io.err(escapeControls(line)),
});

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** `deps`: the network, environment and clock, for commands that talk to GitHub (cli/deps.ts). */
  run(argv: string[], io: Io, deps: CliDeps): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export const parse = <O extends Options>(argv: string[], options: O, allowPositionals = false) => {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0] : String(e));
  }
};
