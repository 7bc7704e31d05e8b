import { careerRepoRefusal } from "../domain/career-repo.js";
import type { EvidenceItem } from "../domain/evidence.js";
import { type Ledger, type QuarterLedger, withPacket } from "../domain/ledger.js";
import { formatProblem } from "../domain/problem.js";
import { type Quarter, quarterLabel, quarterOf, quarterStart, shiftQuarter } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { criteriaCountedBy, tagLabel } from "../domain/tagging.js";
import { type CareerRead, readCareerFile, readCareerFiles } from "../github/career-files.js";
import { addLabels } from "../github/labels.js";
import { updateCareerFile } from "../github/ledger-store.js";
import type { EvidenceSource } from "../sources/source.js";
import { deferCredit } from "./coalesce.js";
import type { UseCaseContext } from "./context.js";
import { personReads, personState, quarterLedger } from "./person.js";
import { refreshOpenPacket } from "./promotion-packet.js";
import { keepAside, type RecordStatus, recordEvidence, writeDeps } from "./record-evidence.js";
import { reportOnce } from "./report-problems.js";
import { headFormat, syncGoalIssue } from "./sync-goal-issue.js";

/** Evidence for one person in one quarter. */
export interface Credit {
  login: string;
  quarter: Quarter;
  items: EvidenceItem[];
  /** Re-render the goal issue even when the ledger is unchanged (goals, profile or a ledger were edited). */
  refresh?: boolean;
}

/** Groups items by person and by the quarter in which each happened. */
export const creditsOf = (
  ctx: UseCaseContext,
  items: readonly { login: string; item: EvidenceItem }[],
): Credit[] => {
  const calendar = calendarOf(ctx.config.settings);
  const credits = new Map<string, Credit>();
  for (const { login, item } of items) {
    const quarter = quarterOf(Date.parse(item.at), calendar);
    const key = `${login.toLowerCase()}/${quarterLabel(quarter)}`;
    const credit = credits.get(key) ?? { login, quarter, items: [] };
    credit.items.push(item);
    credits.set(key, credit);
  }
  return [...credits.values()];
};

/** Reads, in one request, every career file the credits need, plus a source's own selection. */
export const readFor = async (
  ctx: UseCaseContext,
  credits: readonly Pick<Credit, "login" | "quarter">[],
  operation: string,
  selection?: Parameters<typeof readCareerFiles>[3],
): Promise<CareerRead> => {
  // Held from before the read: what this delivery renders from then on is nobody else's to change.
  await ctx.leases?.take(credits.map((c) => c.login));
  const reads = credits.map((c) => personReads(ctx.config, c.login, c.quarter));
  return readCareerFiles(
    ctx.github,
    ctx.config.career,
    reads.flatMap((r) => r.files),
    selection,
    operation,
    reads.flatMap((r) => r.folders),
    ctx.blobsByOid ?? false,
  );
};

/** The career repo turned public or internal since the config was cached: nothing more is written. */
export const refusedNow = (ctx: UseCaseContext, read: CareerRead): boolean => {
  const refusal = read.visibility ? careerRepoRefusal(read.visibility, ctx.config.settings) : undefined;
  if (refusal) ctx.log.error({ career: ctx.config.career.repo }, `${refusal}: nothing is written`);
  return refusal !== undefined;
};

/**
 * Records one credit and keeps that person's goal issue current. A problem in the person's own files
 * (profile, ledger) keeps their evidence aside; it never stops anyone else's.
 */
export const creditPerson = async (
  ctx: UseCaseContext,
  unsigned: Credit,
  read: CareerRead,
): Promise<RecordStatus | "ignored" | "deferred"> => {
  const { login } = unsigned;
  const q = quarterLabel(unsigned.quarter);
  // Everything the app records carries its signature, bound to the person and the quarter.
  const credit = { ...unsigned, items: unsigned.items.map((i) => ctx.signer.sign(i, login, q)) };
  const state = personState(ctx.config, login, read, ctx);
  if (state.status === "no-profile") {
    ctx.log.debug({ login, quarter: q, reason: "no profile in the career repo" }, "ignored");
    return "ignored";
  }
  if (state.status === "broken-profile") {
    if (credit.items.length)
      await keepAside(
        ctx,
        quarterLedger(undefined, login, q),
        credit.items,
        state.problems,
        read.head,
        `profile people/${login}/profile.md does not parse`,
        read.files,
      );
    return "kept-aside";
  }
  if (state.files.problems.length) {
    // Each broken file of the person is left out (its items do not count) and said where to fix.
    const lines = state.files.problems.map(formatProblem);
    ctx.log.error(
      { login, quarter: q, problems: lines },
      `files of ${login} have problems; they are left out until fixed`,
    );
    await reportOnce(
      ctx.github,
      ctx.memo,
      ctx.config.career,
      read.head,
      `Files of ${login} have problems: they do not count until fixed`,
      lines,
    );
  }
  const ledger = quarterLedger(state.files, login, q);
  // While the write budget is short, evidence waits for a batched commit (usecases/coalesce.ts).
  if (await deferCredit(ctx, credit, ledger)) return "deferred";
  const recorded = await recordEvidence(ctx, ledger, credit.items, read.files, read.head);
  if (recorded.status === "written") await refreshLaterQuarter(ctx, credit);
  if (recorded.status === "written" || credit.refresh) {
    await syncGoalIssue(ctx, {
      login,
      quarter: credit.quarter,
      profile: state.profile,
      person: state.files,
      ledger: recorded.ledger,
      files: read.files,
      wrote: recorded.wrote,
    });
  }
  if (recorded.status === "written") await refreshPacketOf(ctx, login, state.files.ledgers.values());
  return recorded.status;
};

/**
 * New evidence re-runs the person's open promotion packet (verified again, its check re-run). Which
 * packet is open is recorded in the quarter's ledger head by `/promote`, so nobody else pays a request;
 * a packet found closed is forgotten. The evidence is recorded whatever happens here.
 */
const refreshPacketOf = async (
  ctx: UseCaseContext,
  login: string,
  ledgers: Iterable<QuarterLedger>,
): Promise<void> => {
  // The latest quarter that recorded a packet: an older record may name one closed since.
  const marked = [...ledgers]
    .filter((l) => l.head.parsed?.ok && l.head.parsed.value.packet)
    .sort((a, b) => (a.quarter < b.quarter ? 1 : -1))[0];
  const packet = marked?.head.parsed?.ok ? marked.head.parsed.value.packet : undefined;
  if (!marked || !packet) return;
  try {
    const outcome = await refreshOpenPacket(ctx, login, {
      target: packet.target,
      template: ctx.templates.packet,
    });
    if (outcome.status !== "no-packet") return;
    await updateCareerFile<Ledger>(
      writeDeps(ctx),
      marked.head.path,
      headFormat(login, marked.quarter),
      await readCareerFile(ctx.github, ctx.config.career, marked.head.path),
      (head) => (head.packet?.number === packet.number ? withPacket(head, undefined) : head),
      `rungs: ${login}'s promotion packet #${packet.number} is closed`,
    );
  } catch (e) {
    ctx.log.error(
      { login, packet: packet.number, error: e instanceof Error ? e.message.split("\n")[0] : String(e) },
      "the promotion packet could not be refreshed; it will be with the next evidence or /refresh",
    );
  }
};

/**
 * Evidence that arrives late for an earlier quarter may also sit in the next one (an issue closed,
 * reopened and closed again across a quarter's end, delivered out of order). It counts in the earlier
 * quarter only (report.ts countedItems), so the next quarter's goal issue is re-rendered without it.
 */
const refreshLaterQuarter = async (ctx: UseCaseContext, credit: Credit): Promise<void> => {
  const calendar = calendarOf(ctx.config.settings);
  const next = shiftQuarter(credit.quarter, 1);
  if (quarterStart(next, calendar) > ctx.now()) return;
  const read = await readFor(ctx, [{ login: credit.login, quarter: next }], "RungsLaterQuarter");
  const state = personState(ctx.config, credit.login, read, ctx);
  if (state.status !== "ok") return;
  const keys = new Set(credit.items.map((i) => i.key));
  const later = state.files.ledgers.get(quarterLabel(next));
  if (!later?.items.some((i) => keys.has(i.key))) return;
  await creditPerson(ctx, { login: credit.login, quarter: next, items: [], refresh: true }, read);
};

/** Opt-in: label a counted PR or issue with its criteria, in private repositories only (never internal or public). */
const tag = async (
  ctx: UseCaseContext,
  login: string,
  item: EvidenceItem,
  where: { owner: string; repo: string; teamOnly: boolean },
  deferred: boolean,
) => {
  if (!ctx.config.settings.privacy.tagging || !where.teamOnly) return;
  if (item.kind !== "pull_request" && item.kind !== "issue") return;
  const level = ctx.config.ladder.levels.get(ctx.config.profiles.get(login)?.level ?? "");
  if (!level) return;
  const labels = criteriaCountedBy(level, item).map(tagLabel);
  // Evidence waiting for a batched commit waits with its labels: the budget is short now.
  if (deferred && ctx.writes && labels.length) {
    const { owner, repo } = where;
    ctx.writes.backlog.addLabels({ owner, repo, number: item.number, labels, since: ctx.now() });
    return;
  }
  await addLabels(ctx.github, where, item.number, labels);
};

/**
 * Credits each person on their own: one person's failure is logged in one line and never stops the
 * others; the delivery then fails (so GitHub can redeliver it) once everyone else is recorded.
 */
export const eachPerson = async (
  ctx: UseCaseContext,
  credits: readonly Credit[],
  run: (credit: Credit) => Promise<void>,
): Promise<void> => {
  const failures: unknown[] = [];
  for (const credit of credits) {
    try {
      await run(credit);
    } catch (e) {
      failures.push(e);
      ctx.log.error(
        {
          login: credit.login,
          quarter: quarterLabel(credit.quarter),
          error: e instanceof Error ? e.message.split("\n")[0] : String(e),
        },
        "could not record this person's evidence; everyone else's goes on",
      );
    }
  }
  if (failures.length)
    throw new AggregateError(failures, `${failures.length} of ${credits.length} people not recorded`);
};

/** Runs one evidence source on a delivery: ignore, read, facts, items, record, goal issue. */
export const runSource =
  <P, F>(source: EvidenceSource<P, F>) =>
  async (ctx: UseCaseContext, payload: P): Promise<void> => {
    const reason = source.ignored(payload, ctx.config);
    if (reason) return ctx.log.debug({ reason }, "ignored");
    const calendar = calendarOf(ctx.config.settings);
    const targets = source.credits(payload, ctx.config).map((t) => ({
      login: t.login,
      quarter: quarterOf(Date.parse(t.at), calendar),
    }));
    if (targets.length === 0) return;
    const read = await readFor(ctx, targets, source.operation, source.selection?.(payload));
    if (refusedNow(ctx, read)) return;
    const facts = await source.facts(ctx.github, payload, read.data);
    if (facts === undefined)
      return ctx.log.warn({ event: source.event }, "subject not found through GraphQL; skipped");
    const made = source.items(payload, facts, ctx.config, new Date(ctx.now()).toISOString());
    await eachPerson(ctx, creditsOf(ctx, made), async (credit) => {
      const status = await creditPerson(ctx, credit, read);
      const where = source.taggable?.(payload);
      // Deferred evidence is recorded with the next batched commit: it is labelled now, like written.
      if ((status === "written" || status === "deferred") && where)
        for (const item of credit.items) await tag(ctx, credit.login, item, where, status === "deferred");
    });
  };
