import { type Command, escapeControls, type Io, terminalIo, UsageError } from "./command.js";
import { heal } from "./commands/heal.js";
import { init } from "./commands/init.js";
import { packet } from "./commands/packet.js";
import { report } from "./commands/report.js";
import { openQuarter, progress } from "./commands/schedule.js";
import { simulate } from "./commands/simulate.js";
import { sync } from "./commands/sync.js";
import { validate } from "./commands/validate.js";
import { type CliDeps, processDeps } from "./deps.js";

const commands: Command[] = [init, validate, report, simulate, sync, heal, openQuarter, progress, packet];

const FS_REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "is a directory, expected a file",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ELOOP: "too many symbolic links",
  ENOSPC: "no space left on the device",
};

/** A file-system error names a path the user gave or holds: say which and why, without a stack trace. */
const fileSystemProblem = (e: unknown): string | undefined => {
  if (!(e instanceof Error) || !("code" in e) || typeof e.code !== "string") return undefined;
  const reason = FS_REASONS[e.code];
  const path = "path" in e && typeof e.path === "string" ? e.path : undefined;
  return reason && path ? `${path}: ${reason}` : undefined;
};

const help = () =>
  [
    "rungs: career ladder goals backed by evidence from GitHub",
    "",
    "Usage: rungs <command> [options]   (rungs <command> --help for details)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
  ].join("\n");

/** A file nested too deeply or too large for a recursive reader (YAML, JSON, validation) to get through. */
const isStackOverflow = (e: unknown): e is RangeError =>
  e instanceof RangeError && /maximum call stack size exceeded/i.test(e.message);

export const runCli = async (argv: string[], rawIo: Io, deps: CliDeps = processDeps()): Promise<number> => {
  // The one place output is made safe for a terminal: everything below prints through `io`.
  const io = terminalIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`rungs: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io, deps);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rungs ${command.name}: ${e.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    const fs = fileSystemProblem(e);
    if (fs) {
      io.err(`rungs ${command.name}: ${fs}`);
      return 1;
    }
    if (isStackOverflow(e)) {
      io.err(
        `rungs ${command.name}: an input is nested too deeply or holds too many items to be read (${e.message}); look for a very long list or deep nesting in its files`,
      );
      return 1;
    }
    throw e;
  }
};

/**
 * Standard output and error. A stream whose reader went away (`rungs validate | head -1`) is written no
 * more: the command finishes quietly with its own exit status, with no EPIPE stack.
 */
const processIo = (): Io => {
  const closed = new Set<NodeJS.WriteStream>();
  const writer = (stream: NodeJS.WriteStream) => {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (e.code !== "EPIPE" && !closed.has(process.stderr))
        process.stderr.write(`rungs: cannot write output: ${escapeControls(e.message)}\n`);
      if (e.code !== "EPIPE") process.exitCode = 74;
    });
    return (line: string) => {
      if (!closed.has(stream) && !stream.destroyed) stream.write(`${line}\n`);
    };
  };
  return { out: writer(process.stdout), err: writer(process.stderr) };
};

const isMain = process.argv[1] !== undefined && /rungs(\.js)?$|cli[/\\]main\.[jt]s$/.test(process.argv[1]);
if (isMain) {
  const io = terminalIo(processIo());
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode ??= code;
    },
    (e: unknown) => {
      io.err(`rungs: internal error: ${e instanceof Error ? e.message : String(e)}`);
      io.err("This is a bug in Rungs, not in your input; please report it with the command you ran.");
      process.exitCode = 70;
    },
  );
}
