import { canonicalLogin } from "../../domain/profile.js";
import { openOrRefreshPacket } from "../../usecases/promotion-packet.js";
import { type Command, parse, UsageError } from "../command.js";
import { careerContext, cliLogger, parseRepo, reportingFailures } from "../remote.js";

export const packet: Command = {
  name: "packet",
  summary: "open or refresh an engineer's promotion packet: a pull request in the career repo",
  usage: `rungs packet --repo OWNER/CAREERS --login LOGIN [--target LEVEL] [--dry-run] [--verbose]

  --repo OWNER/CAREERS  the organisation's career repo
  --login LOGIN         whose packet (their profile must be in the career repo)
  --target LEVEL        only for a change of track (a role change, e.g. IC4 → M1); default: the next level
  --dry-run             print the packet as it would be written; write nothing
  --verbose             say what was done on stderr

Asking again refreshes the same pull request (a packet closed without merging is reopened); it never
opens another. Every counted item is verified against GitHub, and the "Rungs readiness" check on the
packet's head commit says whether readiness holds and what is missing.

Auth: GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (the app's installation on the repo's owner). Evidence is
verified with RUNGS_SIGNING_KEY (or the key derived from PRIVATE_KEY), as the app signs it.`,
  async run(argv, io, deps) {
    const { values } = parse(argv, {
      repo: { type: "string" },
      login: { type: "string" },
      target: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
    });
    const repo = parseRepo(values.repo);
    if (!values.login) throw new UsageError("--login LOGIN is required");
    const wanted = values.login;
    return reportingFailures(io, "packet", repo, deps, async () => {
      const ctx = await careerContext(repo, deps, cliLogger(io, "packet", values.verbose), "packet");
      const login = canonicalLogin(ctx.config.profiles, wanted);
      if (!ctx.config.profiles.has(login))
        throw new UsageError(
          `--login ${wanted}: no profile in ${repo.owner}/${repo.repo} (people/${wanted}/profile.md)`,
        );
      const outcome = await openOrRefreshPacket(ctx, login, {
        target: values.target,
        dryRun: values["dry-run"],
        requestedBy: "rungs packet",
      });
      switch (outcome.status) {
        case "refused":
          io.err(`rungs packet: ${outcome.message}`);
          return 1;
        case "dry-run":
          io.out(outcome.text);
          io.err(`rungs packet: dry run of ${outcome.path}; nothing was written`);
          return 0;
        default:
          io.out(
            `${outcome.status} #${outcome.number} ${outcome.url}: ${outcome.verdict.ready ? "ready" : "not ready"} for ${outcome.target.to}`,
          );
          for (const m of outcome.verdict.missing)
            io.out(`  missing ${m.id}: short in ${m.short.map((s) => s.quarter).join(", ")}`);
          return 0;
      }
    });
  },
};
