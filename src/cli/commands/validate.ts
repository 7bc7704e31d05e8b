import { existsSync, statSync } from "node:fs";
import { loadCareerRepo } from "../../domain/career-repo.js";
import { loadLadder } from "../../domain/ladder/load.js";
import { formatProblem } from "../../domain/problem.js";
import { type Command, parse, UsageError } from "../command.js";
import { bundledLadder, readTree } from "../files.js";

export const validate: Command = {
  name: "validate",
  summary: "check a career-repo checkout (or the bundled ladder) and list every problem",
  usage: `rungs validate [DIR]

  DIR   a career-repo checkout: .github/rungs.yml, optional ladder/, people/<login>/…
        Without DIR, validates the bundled ladder.

Prints one "path:line:col: message" line per problem and exits 1, or a one-line summary and exits 0.`,
  async run(argv, io) {
    const { positionals } = parse(argv, {}, true);
    if (positionals.length > 1) throw new UsageError(`expected at most one DIR, got ${positionals.length}`);
    const dir = positionals[0];
    if (dir === undefined) {
      const r = loadLadder(bundledLadder());
      if (!r.ok) {
        for (const p of r.problems) io.out(formatProblem(p));
        return 1;
      }
      const criteria = [...r.value.levels.values()].reduce((n, l) => n + l.criteria.length, 0);
      io.out(`ladder ok: ${r.value.levels.size} levels, ${criteria} criteria`);
      return 0;
    }
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir}: no such directory`);
    const r = loadCareerRepo(readTree(dir), bundledLadder());
    if (!r.repo || r.problems.length) {
      for (const p of r.problems) io.out(formatProblem(p));
      io.err(`${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in ${dir}`);
      return 1;
    }
    const { organisation, people } = r.repo;
    const ledgers = [...people.values()].reduce((n, p) => n + p.ledgers.size, 0);
    io.out(
      `${dir}: valid career repo: ${organisation.profiles.size} people, ${organisation.ladder.levels.size} levels, ${ledgers} quarter ledgers`,
    );
    return 0;
  },
};
