import type { EvidenceItem } from "../domain/evidence.js";
import type { QuarterLedger } from "../domain/ledger.js";
import { ledgerPath, pendingPath, profilePath, shardFolder } from "../domain/paths.js";
import { type Quarter, quarterLabel, quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { type SyncCheckpoint, streamKey } from "../domain/sync-checkpoint.js";
import { commitFiles } from "../github/batch-commit.js";
import { type CareerRead, isStatus, readCareerFiles } from "../github/career-files.js";
import {
  type HistoryKind,
  type HistoryScope,
  historyPages,
  moreReviews,
  type StreamPosition,
} from "../github/history.js";
import { historySubjects, reviewOverflow } from "../sources/history.js";
import { batchShards, type ShardBatch } from "./coalesce.js";
import type { UseCaseContext } from "./context.js";
import { personState, quarterLedger } from "./person.js";
import { type Credit, creditsOf, eachPerson, readFor, refusedNow } from "./pipeline.js";
import { keepAside, type RecordStatus, recordEvidence } from "./record-evidence.js";
import { syncGoalIssue } from "./sync-goal-issue.js";
import { previewCredit, type SyncPreview, summarisePreview } from "./sync-preview.js";

export const HISTORY_KINDS: readonly HistoryKind[] = ["authored", "reviewed", "closed"];

/** The stream name of an organisation-wide search, in progress lines and the checkpoint. */
export const EVERYONE = "everyone";

/** People per read of the career repo: one GraphQL query stays well inside GitHub's limits. */
const PEOPLE_PER_READ = 50;

/**
 * What recording needs of each credit, in one request: the profile and that quarter's ledger files.
 * Earlier quarters (which a goal issue's view needs) are not read: the working set stays small.
 */
const readForRecording = (ctx: UseCaseContext, credits: readonly Credit[]): Promise<CareerRead> => {
  const files = credits.flatMap((c) => {
    const q = quarterLabel(c.quarter);
    return [profilePath(c.login), ledgerPath(c.login, q), pendingPath(c.login, q)];
  });
  const folders = credits.map((c) => shardFolder(c.login, quarterLabel(c.quarter)));
  return readCareerFiles(ctx.github, ctx.config.career, files, undefined, "RungsSyncRead", folders);
};

/** Attempts at one batched commit while other writers (the app) move the branch. */
const SYNC_COMMIT_ATTEMPTS = 8;

/** Items held before they are recorded (and the checkpoint moves on): memory stays flat at any size. */
export const FLUSH_AT = 5000;

export interface SyncRequest {
  /** People to sync, as their profiles spell them. */
  logins: readonly string[];
  /** Everyone with a profile: searched organisation-wide (one request per 100 items, however many people). */
  everyone: boolean;
  since: number;
  until: number;
  dryRun: boolean;
}

export interface SyncProgress {
  items: number;
  /** 0..1 over every person's streams. */
  done: number;
  login: string;
  kind: HistoryKind;
}

export interface SyncHooks {
  checkpoint: SyncCheckpoint;
  saveCheckpoint(checkpoint: SyncCheckpoint): void;
  progress(p: SyncProgress): void;
  waiting(ms: number, why: string): void;
}

export interface SyncResult {
  /** Evidence items found in the window for the people synced. */
  items: number;
  searches: number;
  points: number;
  /** Person and quarter whose ledger changed (written, or kept aside). */
  changed: { login: string; quarter: string; status: RecordStatus }[];
  /** Dry run: what would change, per person, quarter and criterion. */
  preview?: SyncPreview[];
  /** Windows with more results than search reaches even at one second: those beyond 1,000 were not read. */
  capped: number;
  /** Search results that could not be read as their source's payload (logged with the reason). */
  unreadable: number;
}

class SyncRefused extends Error {}
/** The sync stopped where it can resume from (its checkpoint): nothing of the failed step was written. */
export class SyncStopped extends Error {}

/**
 * Records one person's quarter exactly as a webhook would (pipeline.ts creditPerson), without the goal
 * issue; says whether the quarter has a goal issue to bring up to date afterwards.
 */
const recordCredit = async (
  ctx: UseCaseContext,
  credit: Credit,
  read: CareerRead,
): Promise<{ status: RecordStatus | "ignored"; goalIssue: boolean }> => {
  const { login } = credit;
  const q = quarterLabel(credit.quarter);
  const items = credit.items.map((i) => ctx.signer.sign(i, login, q));
  const state = personState(ctx.config, login, read, ctx);
  if (state.status === "no-profile") return { status: "ignored", goalIssue: false };
  if (state.status === "broken-profile") {
    await keepAside(
      ctx,
      quarterLedger(undefined, login, q),
      items,
      state.problems,
      read.head,
      `profile people/${login}/profile.md does not parse`,
      read.files,
    );
    return { status: "kept-aside", goalIssue: false };
  }
  const ledger = quarterLedger(state.files, login, q);
  const recorded = await recordEvidence(ctx, ledger, items, read.files, read.head);
  return { status: recorded.status, goalIssue: goalIssueOf(ctx, credit, ledger) };
};

/** Whether a changed quarter's goal issue is brought up to date after the sync (the current one is opened). */
const goalIssueOf = (ctx: UseCaseContext, credit: Credit, ledger: QuarterLedger): boolean => {
  const head = ledger.head.parsed?.ok ? ledger.head.parsed.value : undefined;
  const current =
    quarterLabel(quarterOf(ctx.now(), calendarOf(ctx.config.settings))) === quarterLabel(credit.quarter);
  // A claim in flight means another instance is opening it: bring it up to date too.
  return current || (head?.goal_issue ?? null) !== null || head?.goal_issue_claim !== undefined;
};

/**
 * Brings a goal issue up to date after its ledger changed: one that exists is re-rendered, and the current
 * quarter's is opened when there is evidence (recordCredit says which; an earlier quarter without one is
 * not opened after the fact).
 */
const refreshGoalIssue = async (ctx: UseCaseContext, login: string, quarter: Quarter): Promise<void> => {
  const read = await readFor(ctx, [{ login, quarter }], "RungsSyncGoalIssue");
  const state = personState(ctx.config, login, read, ctx);
  if (state.status !== "ok") return;
  const ledger = quarterLedger(state.files, login, quarterLabel(quarter));
  await syncGoalIssue(ctx, {
    login,
    quarter,
    profile: state.profile,
    person: state.files,
    ledger,
    files: read.files,
    wrote: new Map(),
  });
};

/**
 * `rungs sync`: every person's merged pull requests, reviews and closed issues of a window, read through
 * search, made into evidence by the same sources as webhooks and recorded through the same ledger writes
 * (so syncing again, or after the webhooks, changes nothing); then the goal issues whose ledger changed.
 *
 *  1. per person and kind, page through search (github/history.ts), resuming from the checkpoint;
 *  2. each result becomes its webhook's payload and facts (sources/history.ts), then evidence;
 *  3. every FLUSH_AT items, record them (or, dry run, plan them) and move the checkpoint on;
 *  4. re-render the goal issues of every quarter that changed.
 */
export const syncHistory = async (
  ctx: UseCaseContext,
  request: SyncRequest,
  hooks: SyncHooks,
): Promise<SyncResult> => {
  const wanted = new Set(request.logins.map((l) => l.toLowerCase()));
  const checkpoint = hooks.checkpoint;
  const result: SyncResult = { items: 0, searches: 0, points: 0, changed: [], capped: 0, unreadable: 0 };
  const changed = new Map<
    string,
    { login: string; quarter: Quarter; status: RecordStatus; goalIssue: boolean }
  >();
  const preview = new Map<string, Map<string, EvidenceItem>>();
  const recordedAt = new Date(ctx.now()).toISOString();
  let buffer: { login: string; item: EvidenceItem }[] = [];

  const flush = async () => {
    if (buffer.length === 0) return;
    const credits = creditsOf(ctx, buffer);
    buffer = [];
    const logins = [...new Set(credits.map((c) => c.login.toLowerCase()))];
    for (let i = 0; i < logins.length; i += PEOPLE_PER_READ) {
      const some = new Set(logins.slice(i, i + PEOPLE_PER_READ));
      await record(credits.filter((c) => some.has(c.login.toLowerCase())));
    }
  };

  const note = (credit: Credit, status: RecordStatus, goalIssue: boolean) => {
    const key = `${credit.login.toLowerCase()}/${quarterLabel(credit.quarter)}`;
    const had = changed.get(key)?.goalIssue ?? false;
    changed.set(key, { login: credit.login, quarter: credit.quarter, status, goalIssue: goalIssue || had });
  };

  /**
   * Up to PEOPLE_PER_READ people's evidence in one commit (one content write however many files, a
   * compare-and-swap on the branch), as the app's backlog does; anyone whose files need care (no or a
   * broken profile, a broken shard, kept-aside evidence) is recorded the direct way.
   */
  const record = async (credits: Credit[]) => {
    // People whose commit failed with a 5xx: it may have landed after all (then a retry finds their
    // items recorded and has nothing to commit for them, but they did change).
    const maybe = new Map<string, ShardBatch["landed"][number]>();
    const keyOf = (c: Credit) => `${c.login.toLowerCase()}/${quarterLabel(c.quarter)}`;
    for (let attempt = 1; ; attempt++) {
      const read = await readForRecording(ctx, credits);
      if (refusedNow(ctx, read))
        throw new SyncRefused("the career repo is no longer private: nothing more is written");
      if (request.dryRun)
        return eachPerson(ctx, credits, async (credit) => previewCredit(ctx, credit, read, preview));
      const signed = credits.map((c) => {
        const q = quarterLabel(c.quarter);
        return { ...c, items: c.items.map((i) => ctx.signer.sign(i, c.login, q)) };
      });
      const batch = batchShards(ctx, signed, read);
      if (batch.files.size && read.head) {
        const message = `rungs sync: evidence for ${batch.landed.length} ${batch.landed.length === 1 ? "person" : "people"} (${batch.files.size} files)`;
        // A 5xx may or may not have applied the commit: reading again and merging again is safe either way
        // (the commit is a compare-and-swap on the branch head).
        const oid = await commitFiles(ctx.github, ctx.config.career, read.head, batch.files, message).catch(
          (e: unknown) => {
            if (!isStatus(e, 500, 502, 503, 504) || attempt >= SYNC_COMMIT_ATTEMPTS) {
              const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
              const unsure = isStatus(e, 500, 502, 503, 504)
                ? "it may or may not have landed"
                : "nothing of it was written";
              throw new SyncStopped(`the evidence commit failed (${why}); ${unsure}`);
            }
            for (const l of batch.landed) maybe.set(keyOf(l.credit), l);
            return undefined;
          },
        );
        if (oid === undefined) {
          // Someone else committed since the read (or GitHub failed): read again and merge again.
          if (attempt >= SYNC_COMMIT_ATTEMPTS)
            throw new SyncStopped(`the career repo's branch kept moving (${attempt} attempts)`);
          await ctx.sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + ctx.random()));
          continue;
        }
        for (const { credit, ledger } of batch.landed)
          note(credit, "written", goalIssueOf(ctx, credit, ledger));
      }
      // Nothing left to commit for them now: an earlier attempt's commit landed despite its 5xx.
      const now = new Set([...batch.landed.map((l) => keyOf(l.credit)), ...batch.direct.map(keyOf)]);
      for (const [key, { credit, ledger }] of maybe)
        if (!now.has(key)) note(credit, "written", goalIssueOf(ctx, credit, ledger));
      const careful = new Set(batch.direct);
      await eachPerson(
        ctx,
        credits.filter((_, k) => careful.has(signed[k] as Credit)),
        async (credit) => {
          const { status, goalIssue } = await recordCredit(ctx, credit, read);
          if (status === "written" || status === "kept-aside") note(credit, status, goalIssue);
        },
      );
      return;
    }
  };

  // A dry run records nothing, so it must not tell a later real run that anything is done.
  const save = (key: string, position: StreamPosition | "done") => {
    if (request.dryRun) return;
    checkpoint.streams[key] = position;
    hooks.saveCheckpoint(checkpoint);
  };

  // Everyone: three searches over the whole organisation; named people: three each.
  const merged = { from: request.since, to: request.until };
  const scopes: { login: string; scope: HistoryScope }[] = request.everyone
    ? [{ login: EVERYONE, scope: { everyone: true, merged } }]
    : request.logins.map((login) => ({ login, scope: { login } }));
  const streams = scopes.flatMap((s) => HISTORY_KINDS.map((kind) => ({ ...s, kind })));
  for (const [index, { login, scope, kind }] of streams.entries()) {
    const key = streamKey(login, kind);
    const saved = checkpoint.streams[key];
    if (saved === "done") continue;
    // A review is found through its pull request's last update, which may come after the window.
    const until = kind === "reviewed" ? Math.max(request.until, ctx.now()) : request.until;
    const start: StreamPosition = saved ?? { next: request.since };
    const pages = historyPages(
      ctx.github,
      { kind, owner: ctx.config.owner, scope, since: request.since, until },
      start,
      {
        now: ctx.now,
        sleep: ctx.sleep,
        waiting: hooks.waiting,
        capped: (window, count) => {
          result.capped++;
          ctx.log.warn(
            { login, kind, from: new Date(window.from).toISOString(), count },
            "more results in one second than search reaches: those past 1,000 are not read",
          );
        },
      },
    );
    for await (const { page, position } of pages) {
      result.searches++;
      result.points += page.rate?.cost ?? 0;
      for (const node of page.nodes) {
        const overflow = reviewOverflow(node);
        const extra = overflow
          ? await moreReviews(ctx.github, overflow.id, "login" in scope ? scope.login : null, overflow.after)
          : undefined;
        for (const subject of historySubjects(kind, node, extra)) {
          if (!subject.ok) {
            result.unreadable++;
            ctx.log.warn({ subject: subject.what, problem: subject.problem }, "search result skipped");
            continue;
          }
          if (subject.ignored(ctx.config)) continue;
          const made = (await subject.evidence(ctx.github, ctx.config, recordedAt)) ?? [];
          for (const m of made) {
            const at = Date.parse(m.item.at);
            if (!wanted.has(m.login.toLowerCase()) || at < request.since || at > request.until) continue;
            buffer.push(m);
            result.items++;
          }
        }
      }
      if (buffer.length >= FLUSH_AT) {
        await flush();
        save(key, position);
      }
      const span = Math.max(1, until - request.since);
      const within = Math.min(1, Math.max(0, (position.next - request.since) / span));
      hooks.progress({ items: result.items, done: (index + within) / streams.length, login, kind });
    }
    await flush();
    save(key, "done");
  }

  if (request.dryRun) {
    result.preview = await summarisePreview(ctx, preview);
    return result;
  }
  const touched = [...changed.values()].sort(
    (a, b) =>
      a.login.localeCompare(b.login) || quarterLabel(a.quarter).localeCompare(quarterLabel(b.quarter)),
  );
  for (const c of touched) if (c.goalIssue) await refreshGoalIssue(ctx, c.login, c.quarter);
  result.changed = touched.map((c) => ({
    login: c.login,
    quarter: quarterLabel(c.quarter),
    status: c.status,
  }));
  return result;
};

export { SyncRefused };
