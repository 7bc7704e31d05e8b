import { parseQuarterLabel, quarterOf } from "../../domain/quarter.js";
import { calendarOf } from "../../domain/report.js";
import { openQuarter as openQuarterUseCase, postProgress } from "../../usecases/schedule.js";
import { type Command, parse, UsageError } from "../command.js";
import { careerContext, cliLogger, parseRepo, reportingFailures } from "../remote.js";

const AUTH = `Auth: GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (the app's installation on the repo's owner).`;

export const openQuarter: Command = {
  name: "open-quarter",
  summary: "open every engineer's goal issue for a quarter and close last quarter's with a summary",
  usage: `rungs open-quarter --repo OWNER/CAREERS [--quarter YYYY-Qn]

  --repo OWNER/CAREERS  the organisation's career repo
  --quarter YYYY-Qn     which quarter (default: the current one in the career repo's time zone)
  --verbose             print each step

Idempotent: an issue already open is left as it is, and last quarter's summary is posted once.
${AUTH}`,
  async run(argv, io, deps) {
    const { values } = parse(argv, {
      repo: { type: "string" },
      quarter: { type: "string" },
      verbose: { type: "boolean", default: false },
    });
    const repo = parseRepo(values.repo);
    const wanted = values.quarter === undefined ? undefined : parseQuarterLabel(values.quarter);
    if (values.quarter !== undefined && !wanted)
      throw new UsageError(`--quarter ${values.quarter}: expected YYYY-Qn, e.g. 2026-Q4`);
    return reportingFailures(io, "open-quarter", repo, deps, async () => {
      const ctx = await careerContext(
        repo,
        deps,
        cliLogger(io, "open-quarter", values.verbose),
        "open-quarter",
      );
      const quarter = wanted ?? quarterOf(deps.now(), calendarOf(ctx.config.settings));
      const r = await openQuarterUseCase(ctx, quarter);
      for (const login of r.opened) io.out(`opened: ${login}`);
      for (const c of r.closed) io.out(`closed #${c.number} (${c.login}'s last quarter) with a summary`);
      for (const s of r.skipped) io.err(`rungs open-quarter: skipped ${s.login}: ${s.why}`);
      io.out(
        `${r.opened.length} goal issues opened, ${r.alreadyOpen.length} already open, ${r.closed.length} of last quarter closed`,
      );
      return 0;
    });
  },
};

export const progress: Command = {
  name: "progress",
  summary: "post the 1:1 check-in comment on each open goal issue, when something changed",
  usage: `rungs progress --repo OWNER/CAREERS

  --repo OWNER/CAREERS  the organisation's career repo
  --verbose             print each step

Each open goal issue gets a comment with what changed since the last check-in (evidence, criteria,
readiness); nothing is posted where nothing changed. Meant to run every other week.
${AUTH}`,
  async run(argv, io, deps) {
    const { values } = parse(argv, {
      repo: { type: "string" },
      verbose: { type: "boolean", default: false },
    });
    const repo = parseRepo(values.repo);
    return reportingFailures(io, "progress", repo, deps, async () => {
      const ctx = await careerContext(repo, deps, cliLogger(io, "progress", values.verbose), "progress");
      const r = await postProgress(ctx);
      for (const p of r.posted) io.out(`posted on #${p.number} (${p.login})`);
      for (const s of r.skipped) io.err(`rungs progress: skipped #${s.number}: ${s.why}`);
      io.out(
        `${r.posted.length} check-ins posted, ${r.unchanged.length} goal issues unchanged since the last`,
      );
      return 0;
    });
  },
};
