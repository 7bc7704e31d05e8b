import { readFileSync } from "node:fs";
import { loadCareerRepo } from "../../domain/career-repo.js";
import { formatProblem } from "../../domain/problem.js";
import { canonicalLogin } from "../../domain/profile.js";
import { parseQuarterLabel, quarterOf } from "../../domain/quarter.js";
import { buildReport, calendarOf, reportJson } from "../../domain/report.js";
import { signer } from "../../domain/signature.js";
import { renderReportText } from "../../render/report-text.js";
import { readForPerson } from "../career-checkout.js";
import { type Command, parse, UsageError } from "../command.js";
import { bundledLadder, isDirectory } from "../files.js";

export const report: Command = {
  name: "report",
  summary: "compute progress toward the next level and promotion readiness from a career-repo checkout",
  usage: `rungs report --career DIR --login LOGIN [--quarter YYYY-Qn] [--json] [--signing-key-file FILE]

  --career DIR       a career-repo checkout (ledgers under people/<login>/evidence/)
  --login LOGIN      whose progress; only their files and the organisation's are read
  --quarter YYYY-Qn  which quarter (default: the current one in the career repo's time zone)
  --json             print {"login","level","next","quarter","criteria":[{"id","kind","scope","value","target","met"}],
                     "ready","readiness":{"ready","needed":{"quarters","of"},"window":[{"quarter","status"}]},
                     "items":{"counted","claimed","unverified"}}
  --signing-key-file FILE
                     the app's evidence signing key (or set RUNGS_SIGNING_KEY); without it no observed
                     item can be verified, so none counts (for \`rungs simulate\` output: rungs-simulate)

Problems in the person's own files are listed on stderr and those files left out; problems in other
people's profiles are skipped with one line on stderr (rungs validate lists them all).`,
  async run(argv, io) {
    const { values } = parse(argv, {
      career: { type: "string" },
      login: { type: "string" },
      quarter: { type: "string" },
      json: { type: "boolean", default: false },
      "signing-key-file": { type: "string" },
    });
    if (!values.career) throw new UsageError("--career DIR is required");
    if (!values.login) throw new UsageError("--login LOGIN is required");
    if (!isDirectory(values.career)) throw new UsageError(`--career ${values.career}: not a directory`);
    const quarter = values.quarter === undefined ? undefined : parseQuarterLabel(values.quarter);
    if (values.quarter !== undefined && !quarter)
      throw new UsageError(`--quarter ${values.quarter}: expected YYYY-Qn, e.g. 2026-Q4`);
    const wanted = values.login;
    const keyFile = values["signing-key-file"];
    const key = keyFile ? readFileSync(keyFile, "utf8").trim() : process.env.RUNGS_SIGNING_KEY;
    const files = readForPerson(values.career, wanted);
    const loaded = loadCareerRepo(files, bundledLadder(), [wanted], key ? signer(key) : undefined);
    if (!loaded.repo) {
      for (const p of loaded.problems) io.err(formatProblem(p));
      io.err("rungs report: the organisation's settings or ladder have problems; fix them first");
      return 1;
    }
    const { organisation, people } = loaded.repo;
    const login = canonicalLogin(
      new Map([...organisation.profiles, ...organisation.brokenProfiles].map(([l]) => [l, true])),
      wanted,
    );
    const own = loaded.problems.filter((p) =>
      p.file.toLowerCase().startsWith(`people/${login.toLowerCase()}/`),
    );
    for (const p of own) io.err(formatProblem(p));
    const others = [...organisation.brokenProfiles].filter(([l]) => l !== login).length;
    if (others)
      io.err(
        `rungs report: skipped ${others} other ${others === 1 ? "person's profile" : "people's profiles"} with problems (rungs validate lists them)`,
      );
    const person = people.get(login);
    const r = buildReport(
      {
        settings: organisation.settings,
        ladder: organisation.ladder,
        profiles: organisation.profiles,
        items: (l, q) => (l === login ? person?.ledgers.get(q)?.items : undefined),
        uncounted: (l, q) => {
          const ledger = l === login ? person?.ledgers.get(q) : undefined;
          return {
            claimed: ledger?.claimed ?? [],
            unverified: ledger?.unverified ?? [],
            rejected: ledger?.rejected ?? [],
            excluded: ledger?.excluded ?? [],
          };
        },
        goals: (l, q) => (l === login ? person?.goals.get(q) : undefined),
      },
      login,
      quarter ?? quarterOf(Date.now(), calendarOf(organisation.settings)),
    );
    if ("error" in r) {
      io.err(`rungs report: ${r.error}`);
      return 1;
    }
    if (r.unverified.length)
      io.err(
        `rungs report: ${r.unverified.length} item${r.unverified.length === 1 ? "" : "s"} in ${r.quarter} could not be verified and ${r.unverified.length === 1 ? "does" : "do"} not count${key ? " (typed, copied or edited by hand)" : ": no signing key (set RUNGS_SIGNING_KEY or --signing-key-file)"}`,
      );
    io.out(values.json ? JSON.stringify(reportJson(r), null, 2) : renderReportText(r));
    return 0;
  },
};
