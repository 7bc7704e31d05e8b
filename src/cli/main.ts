import { type Command, type Io, UsageError } from "./command.js";
import { report } from "./commands/report.js";
import { simulate } from "./commands/simulate.js";
import { validate } from "./commands/validate.js";

const commands: Command[] = [validate, report, simulate];

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
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
  ].join("\n");

export const runCli = async (argv: string[], io: Io): Promise<number> => {
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
    return await command.run(rest, io);
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
    throw e;
  }
};

const io: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

const isMain = process.argv[1] !== undefined && /rungs(\.js)?$|cli[/\\]main\.[jt]s$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      io.err(`rungs: internal error: ${e instanceof Error ? e.message : String(e)}`);
      io.err("This is a bug in Rungs, not in your input; please report it with the command you ran.");
      process.exitCode = 70;
    },
  );
}
