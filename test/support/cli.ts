import { runCli } from "../../src/cli/main.js";

/** Runs the real CLI in-process with captured output: what a terminal would show, and the exit code. */
export const runRungs = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
};
