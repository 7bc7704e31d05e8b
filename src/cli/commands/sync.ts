import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { canonicalLogin } from "../../domain/profile.js";
import { checkpointMismatch, emptyCheckpoint, SyncCheckpoint } from "../../domain/sync-checkpoint.js";
import { HistoryInterrupted } from "../../github/history.js";
import { SyncRefused, type SyncResult, SyncStopped, syncHistory } from "../../usecases/sync.js";
import { type Command, type Io, parse, UsageError } from "../command.js";
import { syncProgress } from "../progress.js";
import { CliFailure, careerContext, cliLogger, parseRepo, reportingFailures } from "../remote.js";

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (a whole day, UTC) or an ISO date-time. */
export const parseDate = (flag: string, value: string, end: boolean): number => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(start)) return end ? start + DAY_MS - 1000 : start;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.floor(at / 1000) * 1000;
  }
  throw new UsageError(`${flag} ${value}: expected a date (YYYY-MM-DD) or an ISO date-time`);
};

const readCheckpoint = (file: string, repo: string, since: number, until: number): SyncCheckpoint => {
  if (!existsSync(file)) return emptyCheckpoint(repo, since, until);
  let parsed: ReturnType<typeof SyncCheckpoint.safeParse>;
  try {
    parsed = SyncCheckpoint.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch (e) {
    throw new UsageError(`--checkpoint ${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!parsed.success) throw new UsageError(`--checkpoint ${file}: not a rungs sync checkpoint`);
  const why = checkpointMismatch(parsed.data, repo, since, until);
  if (why) throw new UsageError(`--checkpoint ${file}: ${why}; remove it or name another file`);
  return parsed.data;
};

/** Written beside and renamed into place: an interrupted write never leaves half a checkpoint. */
const writeCheckpoint = (file: string, checkpoint: SyncCheckpoint): void => {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const KIND_WORDS: Record<string, string> = {
  pull_request: "pull request",
  review: "review",
  issue: "issue",
  learning_note: "learning note",
  manual: "manual item",
};

const printResult = (io: Io, r: SyncResult, dryRun: boolean): void => {
  if (dryRun) {
    if (!r.preview?.length) io.out("dry run: nothing would change");
    for (const p of r.preview ?? []) {
      const added = Object.entries(p.added)
        .map(([kind, n]) => `+${plural(n, KIND_WORDS[kind] ?? kind)}`)
        .join(", ");
      io.out(`${p.login} ${p.quarter}: ${added}`);
      for (const c of p.criteria)
        io.out(`  ${c.id}: ${c.before ?? "—"} → ${c.after ?? "—"} (target ${c.target})`);
    }
    io.out("dry run: nothing was written");
  } else {
    for (const c of r.changed)
      io.out(
        `${c.login} ${c.quarter}: ${c.status === "written" ? "recorded" : "kept aside (see the career repo's checks)"}`,
      );
    if (r.changed.length === 0) io.out("nothing new: the ledgers already hold everything found");
  }
  if (r.capped)
    io.err(
      `rungs sync: ${plural(r.capped, "window")} held more than search reaches in one second; the rest was not read`,
    );
  if (r.unreadable)
    io.err(`rungs sync: ${plural(r.unreadable, "search result")} could not be read and were skipped`);
};

export const sync: Command = {
  name: "sync",
  summary: "backfill and reconcile evidence from GitHub's history (merged PRs, reviews, closed issues)",
  usage: `rungs sync --repo OWNER/CAREERS --since DATE [--until DATE] [--login LOGIN …] [--dry-run] [--checkpoint FILE]

  --repo OWNER/CAREERS  the organisation's career repo
  --since DATE          from this day (YYYY-MM-DD, UTC) or date-time
  --until DATE          to the end of this day or date-time (default: now)
  --login LOGIN         only this person (repeatable; default: everyone with a profile)
  --dry-run             print what would change, per person, quarter and criterion; write nothing
  --checkpoint FILE     remember progress here; an interrupted sync run again resumes where it stopped
                        (the file is removed once the sync completes)
  --verbose             print what is recorded as it happens

Auth: GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (the app's installation on the repo's owner). Evidence is
signed with RUNGS_SIGNING_KEY (or the key derived from PRIVATE_KEY), as the app signs it.
Syncing twice, or after the webhooks, changes nothing. Rate limits are waited out, not failed on.`,
  async run(argv, io, deps) {
    const { values } = parse(argv, {
      repo: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      login: { type: "string", multiple: true },
      "dry-run": { type: "boolean", default: false },
      checkpoint: { type: "string" },
      verbose: { type: "boolean", default: false },
    });
    const repo = parseRepo(values.repo);
    if (!values.since) throw new UsageError("--since DATE is required");
    const since = parseDate("--since", values.since, false);
    const until =
      values.until === undefined
        ? Math.floor(deps.now() / 1000) * 1000
        : parseDate("--until", values.until, true);
    if (until < since) throw new UsageError(`--until ${values.until} is before --since ${values.since}`);
    const dryRun = values["dry-run"];
    const file = values.checkpoint;
    const full = `${repo.owner}/${repo.repo}`;
    const checkpoint =
      file && !dryRun ? readCheckpoint(file, full, since, until) : emptyCheckpoint(full, since, until);

    return reportingFailures(io, "sync", repo, deps, async () => {
      const ctx = await careerContext(repo, deps, cliLogger(io, "sync", values.verbose), "sync");
      const profiles = new Map([...ctx.config.profiles].map(([l]) => [l, true]));
      const logins = values.login?.length
        ? values.login.map((wanted) => {
            const login = canonicalLogin(profiles, wanted);
            if (!profiles.has(login))
              throw new UsageError(`--login ${wanted}: no profile in ${full} (people/${wanted}/profile.md)`);
            return login;
          })
        : [...profiles.keys()].sort();
      const progress = syncProgress(io, deps);
      let result: SyncResult;
      try {
        result = await syncHistory(
          ctx,
          { logins, everyone: !values.login?.length, since, until, dryRun },
          {
            checkpoint,
            saveCheckpoint: (c) => {
              if (file) writeCheckpoint(file, c);
            },
            progress: progress.update,
            waiting: (ms, why) => io.err(`rungs sync: waiting ${Math.ceil(ms / 1000)}s: ${why}`),
          },
        );
      } catch (e) {
        progress.done();
        const resume = file
          ? `run the same command again to resume from ${file}`
          : "add --checkpoint FILE to resume where a sync stops";
        if (e instanceof HistoryInterrupted || e instanceof SyncRefused || e instanceof SyncStopped)
          throw new CliFailure(`stopped: ${e.message}; ${resume}`);
        // Some people's evidence could not be recorded (each said why above); everyone else's was.
        if (e instanceof AggregateError) {
          const first =
            e.errors[0] instanceof Error ? e.errors[0].message.split("\n")[0] : String(e.errors[0]);
          throw new CliFailure(`stopped: ${e.message} (first: ${first}); ${resume}`);
        }
        throw e;
      }
      progress.done();
      if (file && !dryRun) rmSync(file, { force: true });
      printResult(io, result, dryRun);
      io.out(
        `${dryRun ? "would sync" : "synced"} ${full} for ${plural(logins.length, "person", "people")}: ${plural(result.items, "item")} found · ${plural(result.searches, "search", "searches")} · ${plural(result.points, "point")} used`,
      );
      return 0;
    });
  },
};
