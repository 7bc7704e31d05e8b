import { loadCareerRepo } from "../../domain/career-repo.js";
import { formatProblem } from "../../domain/problem.js";
import { parseQuarterLabel, quarterOf } from "../../domain/quarter.js";
import { buildReport, calendarOf, reportJson } from "../../domain/report.js";
import { renderReportText } from "../../render/report-text.js";
import { type Command, parse, UsageError } from "../command.js";
import { bundledLadder, isDirectory, readTree } from "../files.js";

export const report: Command = {
  name: "report",
  summary: "compute progress toward the next level and promotion readiness from a career-repo checkout",
  usage: `rungs report --career DIR --login LOGIN [--quarter YYYY-Qn] [--json]

  --career DIR       a career-repo checkout (ledgers under people/<login>/evidence/)
  --login LOGIN      whose progress
  --quarter YYYY-Qn  which quarter (default: the current one in the career repo's time zone)
  --json             print {"login","level","next","quarter","criteria":[{"id","kind","value","target","met"}],"ready"}`,
  async run(argv, io) {
    const { values } = parse(argv, {
      career: { type: "string" },
      login: { type: "string" },
      quarter: { type: "string" },
      json: { type: "boolean", default: false },
    });
    if (!values.career) throw new UsageError("--career DIR is required");
    if (!values.login) throw new UsageError("--login LOGIN is required");
    if (!isDirectory(values.career)) throw new UsageError(`--career ${values.career}: not a directory`);
    const quarter = values.quarter === undefined ? undefined : parseQuarterLabel(values.quarter);
    if (values.quarter !== undefined && !quarter)
      throw new UsageError(`--quarter ${values.quarter}: expected YYYY-Qn, e.g. 2026-Q4`);
    const repo = loadCareerRepo(readTree(values.career), bundledLadder());
    if (!repo.ok) {
      for (const p of repo.problems) io.out(formatProblem(p));
      return 1;
    }
    const { settings, ladder, profiles, ledgers, goals } = repo.value;
    const r = buildReport(
      {
        settings,
        ladder,
        profiles,
        ledger: (login, q) => ledgers.get(`${login}/${q}`),
        goals: (login, q) => goals.get(`${login}/${q}`),
      },
      values.login,
      quarter ?? quarterOf(Date.now(), calendarOf(settings)),
    );
    if ("error" in r) {
      io.err(`rungs report: ${r.error}`);
      return 1;
    }
    io.out(values.json ? JSON.stringify(reportJson(r), null, 2) : renderReportText(r));
    return 0;
  },
};
