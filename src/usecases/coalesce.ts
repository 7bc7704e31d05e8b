import type { PersonFiles } from "../domain/career-repo.js";
import type { EvidenceItem } from "../domain/evidence.js";
import { addToLedger, type LedgerShard, planShardWrites, type QuarterLedger } from "../domain/ledger.js";
import type { Profile } from "../domain/profile.js";
import { parseQuarterLabel, quarterLabel } from "../domain/quarter.js";
import { buildReport } from "../domain/report.js";
import { commitFiles } from "../github/batch-commit.js";
import { type CareerRead, isStatus } from "../github/career-files.js";
import { addLabels } from "../github/labels.js";
import type { Backlog } from "../store/backlog.js";
import type { WriteBudget } from "../store/write-budget.js";
import type { UseCaseContext } from "./context.js";
import { type PersonState, personState, quarterLedger } from "./person.js";
import { type Credit, creditPerson, readFor, refusedNow } from "./pipeline.js";
import { shardFormat, signingFor } from "./record-evidence.js";
import { syncGoalIssue } from "./sync-goal-issue.js";

/**
 * How an installation's writes stay inside GitHub's content limits at any size (docs/scale.md): every
 * write takes from a shared budget, and when it runs short, evidence waits in a backlog for one batched
 * ledger commit and goal issues are re-rendered as the budget allows, those whose criteria changed first.
 */
export interface Writes {
  budget: WriteBudget;
  backlog: Backlog;
  installation: number;
  /** Below this much room an event's writes join the backlog instead of going out at once. */
  headroom: number;
  /** The backlog's evidence is committed at least this often (ms) while goal issues wait too. */
  flushEveryMs: number;
  /** People's quarters in one batched commit. */
  peoplePerCommit: number;
}

export const DEFAULT_COALESCING = { headroom: 6, flushEveryMs: 120_000, peoplePerCommit: 100 };

/** Attempts at a batched commit when other writers move the branch meanwhile. */
const COMMIT_ATTEMPTS = 5;

/**
 * Puts an event's new evidence in the backlog instead of writing it now, when the budget is short or a
 * backlog has formed. Anything unusual for the person (kept-aside evidence, a broken shard, a refresh)
 * goes the direct way.
 */
export const deferCredit = async (
  ctx: UseCaseContext,
  credit: Credit,
  ledger: QuarterLedger,
): Promise<boolean> => {
  const writes = ctx.writes;
  if (!writes || credit.refresh || credit.items.length === 0 || ledger.pending.sha) return false;
  const plan = planShardWrites(ledger, credit.items);
  if (plan.writes.length === 0 || plan.blocked.length) return false;
  const backlog = writes.backlog.size();
  if (backlog.items === 0 && (await writes.budget.room(writes.installation, ctx.now())) >= writes.headroom)
    return false;
  writes.backlog.addItems({
    login: credit.login,
    quarter: quarterLabel(credit.quarter),
    items: credit.items,
    since: ctx.now(),
  });
  ctx.log.debug({ login: credit.login, items: credit.items.length }, "evidence waits for a batched commit");
  return true;
};

/** Criteria met in a person's quarter, as their goal issue would show them. */
const metCriteria = (
  ctx: UseCaseContext,
  login: string,
  quarter: string,
  profile: Profile,
  person: PersonFiles,
  items: readonly EvidenceItem[],
): string => {
  const q = parseQuarterLabel(quarter);
  if (!q) return "";
  const report = buildReport(
    {
      settings: ctx.config.settings,
      ladder: ctx.config.ladder,
      profiles: new Map(ctx.config.profiles).set(login, profile),
      items: (l, label) =>
        l !== login ? undefined : label === quarter ? [...items] : person.ledgers.get(label)?.items,
      uncounted: () => ({ claimed: [], unverified: [], rejected: [], excluded: [] }),
      goals: (l, label) => (l === login ? person.goals.get(label) : undefined),
    },
    login,
    q,
  );
  if ("error" in report) return "";
  return report.criteria
    .filter((c) => c.met)
    .map((c) => c.id)
    .join(",");
};

/** Several people's new evidence as the shard files of one commit, and who must go the direct way. */
export interface ShardBatch {
  /** Path → text of every shard file the commit writes. */
  files: Map<string, string>;
  /** Credits whose items are in `files` (with a change), and their state as read. */
  landed: { credit: Credit; state: Extract<PersonState, { status: "ok" }>; ledger: QuarterLedger }[];
  /** Credits whose files need the careful path (no or a broken profile, a broken shard, kept-aside evidence). */
  direct: Credit[];
}

/**
 * Plans one batched commit of several people's evidence from one read: each item into its day's shard
 * (the same set merge as a single write, signed the same way), several credits of one file merged.
 */
export const batchShards = (
  ctx: UseCaseContext,
  credits: readonly Credit[],
  read: CareerRead,
): ShardBatch => {
  const files = new Map<string, string>();
  const shards = new Map<string, LedgerShard>();
  const landed: ShardBatch["landed"] = [];
  const direct: Credit[] = [];
  for (const credit of credits) {
    const q = quarterLabel(credit.quarter);
    const state = personState(ctx.config, credit.login, read, ctx);
    const ledger = state.status === "ok" ? quarterLedger(state.files, credit.login, q) : undefined;
    const plan = ledger ? planShardWrites(ledger, credit.items) : undefined;
    if (state.status !== "ok" || !ledger || !plan || plan.blocked.length || ledger.pending.sha) {
      direct.push(credit);
      continue;
    }
    if (plan.writes.length === 0) continue;
    const { verified, signed } = signingFor(ctx, credit.login, q);
    let changed = false;
    for (const write of plan.writes) {
      const format = shardFormat(credit.login, q, write.name);
      const file = read.files.get(write.path);
      const parsed = file?.sha ? format.parse(write.path, file.text ?? "") : undefined;
      const current = shards.get(write.path) ?? (parsed?.ok ? parsed.value : format.empty());
      const next = signed(addToLedger(current, write.items, verified), write.items);
      if (next === current) continue;
      changed = true;
      shards.set(write.path, next);
      files.set(write.path, format.serialize(next));
    }
    if (changed) landed.push({ credit, state, ledger });
  }
  return { files, landed, direct };
};

/**
 * Commits the backlog's evidence of up to `peoplePerCommit` people in one commit (compare-and-swap on the
 * branch), then queues their goal issues. A person whose files need the careful path (broken, kept aside)
 * is recorded the direct way. If the commit fails, the evidence goes back to the backlog.
 */
export const flushLedgers = async (ctx: UseCaseContext, writes: Writes): Promise<number> => {
  const entries = writes.backlog.takeItems(writes.peoplePerCommit);
  if (entries.length === 0) return 0;
  try {
    const credits: Credit[] = entries.flatMap((e) => {
      const quarter = parseQuarterLabel(e.quarter);
      return quarter ? [{ login: e.login, quarter, items: e.items }] : [];
    });
    for (let attempt = 1; ; attempt++) {
      const read = await readFor(ctx, credits, "RungsBatchRead");
      if (refusedNow(ctx, read) || !read.head) return 0;
      const batch = batchShards(ctx, credits, read);
      const { files, direct } = batch;
      const landed = batch.landed.map(({ credit, state, ledger }) => {
        const q = quarterLabel(credit.quarter);
        const before = metCriteria(ctx, credit.login, q, state.profile, state.files, ledger.items);
        const after = metCriteria(
          ctx,
          credit.login,
          q,
          state.profile,
          state.files,
          addToLedger({ items: ledger.items }, credit.items).items,
        );
        const since = entries[credits.indexOf(credit)]?.since ?? ctx.now();
        return { credit, urgent: before !== after, since };
      });
      if (files.size) {
        const message = `rungs: evidence for ${landed.length} ${landed.length === 1 ? "person" : "people"} (${files.size} files)`;
        const oid = await commitFiles(ctx.github, ctx.config.career, read.head, files, message);
        if (oid === undefined) {
          if (attempt >= COMMIT_ATTEMPTS)
            throw new Error(`batched commit: the branch kept moving (${attempt} attempts)`);
          await ctx.sleep(Math.min(1000, 50 * 2 ** attempt) * (0.5 + ctx.random()));
          continue;
        }
        ctx.log.info({ people: landed.length, files: files.size }, "evidence recorded in one batched commit");
      }
      for (const l of landed)
        writes.backlog.addRender({
          login: l.credit.login,
          quarter: quarterLabel(l.credit.quarter),
          urgent: l.urgent,
          since: l.since,
        });
      const careful: UseCaseContext = { ...ctx, writes: undefined };
      for (const credit of direct) await creditPerson(careful, credit, read);
      return files.size ? 1 : 0;
    }
  } catch (e) {
    for (const entry of entries) writes.backlog.addItems(entry);
    throw e;
  }
};

/** Re-renders one queued goal issue from the ledger as it now stands, leaving it alone if nothing would change. */
export const renderPending = async (
  ctx: UseCaseContext,
  render: { login: string; quarter: string },
): Promise<void> => {
  const quarter = parseQuarterLabel(render.quarter);
  if (!quarter) return;
  const read = await readFor(ctx, [{ login: render.login, quarter }], "RungsPendingRender");
  if (refusedNow(ctx, read)) return;
  const state = personState(ctx.config, render.login, read, ctx);
  if (state.status !== "ok") return;
  await syncGoalIssue(
    { ...ctx, writes: undefined },
    {
      login: render.login,
      quarter,
      profile: state.profile,
      person: state.files,
      ledger: quarterLedger(state.files, render.login, render.quarter),
      files: read.files,
      wrote: new Map(),
    },
    { unlessUnchanged: true },
  );
};

/** Most writes one drain makes, so one event never works through a whole day's backlog. */
const DRAIN_LIMIT = 30;

/**
 * Pays the backlog down while the budget has room now (no waiting): the batched ledger commit when it
 * is due (its oldest evidence waited `flushEveryMs`, or no goal issue waits), else the next goal issue.
 */
export const drainBacklog = async (ctx: UseCaseContext): Promise<void> => {
  const writes = ctx.writes;
  if (!writes) return;
  for (let n = 0; n < DRAIN_LIMIT; n++) {
    if ((await writes.budget.room(writes.installation, ctx.now())) <= 0) return;
    const size = writes.backlog.size();
    const due =
      size.items > 0 &&
      (size.renders === 0 || ctx.now() - (size.oldestItem ?? ctx.now()) >= writes.flushEveryMs);
    if (due) {
      await flushLedgers(ctx, writes);
      continue;
    }
    const render = writes.backlog.takeRender();
    if (!render) {
      const labels = writes.backlog.takeLabels();
      if (!labels) return;
      try {
        await addLabels(ctx.github, { owner: labels.owner, repo: labels.repo }, labels.number, labels.labels);
      } catch (e) {
        // Gone, moved or no longer ours to label: dropped (a label is a courtesy); otherwise tried again.
        if (isStatus(e, 404, 410, 422)) {
          ctx.log.warn({ repo: `${labels.owner}/${labels.repo}`, number: labels.number }, "labels dropped");
          continue;
        }
        writes.backlog.addLabels(labels);
        throw e;
      }
      continue;
    }
    try {
      await renderPending(ctx, render);
    } catch (e) {
      writes.backlog.addRender(render);
      throw e;
    }
  }
};
