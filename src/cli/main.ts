import { type Command, type Io, UsageError } from "./command.js";
import { report } from "./commands/report.js";
import { simulate } from "./commands/simulate.js";
import { validate } from "./commands/validate.js";

const commands: Command[] = [validate, report, simulate];

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
