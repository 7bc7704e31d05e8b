import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake in how a command was called: printed as one line with the command's usage, exit 2. */
export class UsageError extends Error {}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export const parse = <O extends Options>(argv: string[], options: O, allowPositionals = false) => {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split("\n")[0] : String(e));
  }
};
