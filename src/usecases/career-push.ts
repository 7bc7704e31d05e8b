import type { z } from "zod";
import type { EvidenceItem } from "../domain/evidence.js";
import { alreadyCounted, pushInstant } from "../domain/learning-note.js";
import { classifyPath } from "../domain/paths.js";
import { parseQuarterLabel, quarterLabel, quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import type { CareerRead } from "../github/career-files.js";
import {
  addedNotes,
  learningNote,
  noteBlobs,
  noteLogin,
  noteSelection,
  noteVerdicts,
  withPushInstant,
} from "../sources/learning-note.js";
import type { Push } from "../sources/payloads.js";
import type { UseCaseContext } from "./context.js";
import { personState, quarterLedger } from "./person.js";
import { type Credit, creditPerson, eachPerson, readFor, refusedNow } from "./pipeline.js";

/** People whose files one read fetches: a push touching hundreds of profiles is read in slices. */
const PEOPLE_PER_READ = 10;

/** Whose quarter a changed career-repo file concerns: goals, profile and ledger edits re-render it. */
const refreshOf = (ctx: UseCaseContext, path: string): Pick<Credit, "login" | "quarter"> | undefined => {
  const p = classifyPath(path);
  switch (p.kind) {
    case "goals":
    case "ledger":
    case "shard":
    case "pending": {
      const quarter = parseQuarterLabel(p.quarter);
      return quarter ? { login: p.login, quarter } : undefined;
    }
    case "profile":
      return { login: p.login, quarter: quarterOf(ctx.now(), calendarOf(ctx.config.settings)) };
    default:
      return undefined;
  }
};

/** Records why each added note that does not count is left out. */
const logIgnored = (ctx: UseCaseContext, verdicts: ReturnType<typeof noteVerdicts>) => {
  for (const v of verdicts)
    if (v.reason) ctx.log.debug({ path: v.path, login: v.login, reason: v.reason }, "ignored");
};

/**
 * The person's new notes for the credit's quarter (the push's), less those at a path where a learning
 * note of theirs already counts in it (the same note edited since: a new blob, so a new key).
 */
const newNotes = (
  ctx: UseCaseContext,
  credit: Credit,
  read: CareerRead,
  verdicts: ReturnType<typeof noteVerdicts>,
): EvidenceItem[] => {
  const mine = verdicts.flatMap((v) =>
    v.item && v.login.toLowerCase() === credit.login.toLowerCase() ? [{ path: v.path, item: v.item }] : [],
  );
  if (mine.length === 0) return [];
  const state = personState(ctx.config, credit.login, read, ctx);
  const existing =
    state.status === "ok" ? quarterLedger(state.files, credit.login, quarterLabel(credit.quarter)).items : [];
  return mine.flatMap(({ path, item }) => {
    const reason = alreadyCounted(existing, item);
    if (!reason) return [item];
    ctx.log.debug({ path, login: credit.login, reason }, "ignored");
    return [];
  });
};

const keyOf = (c: Pick<Credit, "login" | "quarter">) => `${c.login.toLowerCase()}/${quarterLabel(c.quarter)}`;

/**
 * A push to the career repo's default branch: learning notes become evidence for the person whose
 * folder they are in, dated by when GitHub received the push (docs/metrics.md#criteria); an edited goals
 * file, profile or ledger re-renders that person's goal issue (and merges evidence kept aside while the
 * file was broken).
 */
export const onCareerPush = async (ctx: UseCaseContext, payload: z.infer<typeof Push>): Promise<void> => {
  const reason = learningNote.ignored(payload, ctx.config);
  if (reason) return ctx.log.debug({ ref: payload.ref, reason }, "ignored");
  const now = ctx.now();
  const recordedAt = new Date(now).toISOString();
  const push = withPushInstant(payload, now);
  const calendar = calendarOf(ctx.config.settings);
  const credits = new Map<string, Credit>();
  // Every note of the push shares its instant, hence one quarter: a note credit is for that quarter.
  const notesQuarter = quarterOf(Date.parse(pushInstant(push.repository.pushed_at, now)), calendar);
  for (const { login } of learningNote.credits(push, ctx.config)) {
    const target = { login, quarter: notesQuarter };
    credits.set(keyOf(target), credits.get(keyOf(target)) ?? { ...target, items: [] });
  }
  for (const commit of payload.commits) {
    for (const path of [...commit.added, ...commit.modified, ...commit.removed]) {
      const target = refreshOf(ctx, path);
      if (!target) continue;
      const key = keyOf(target);
      credits.set(key, { ...(credits.get(key) ?? { ...target, items: [] }), refresh: true });
    }
  }
  const all = [...credits.values()];
  for (let i = 0; i < all.length; i += PEOPLE_PER_READ) {
    const batch = all.slice(i, i + PEOPLE_PER_READ);
    const logins = new Set(batch.map((c) => c.login.toLowerCase()));
    const paths = addedNotes(push).filter((p) => logins.has(noteLogin(p)?.toLowerCase() ?? ""));
    const selection = paths.length ? noteSelection(push, paths) : undefined;
    const read = await readFor(ctx, batch, "RungsCareerPush", selection);
    if (refusedNow(ctx, read)) return;
    const verdicts = noteVerdicts(push, noteBlobs(paths, read.data), ctx.config, recordedAt, paths);
    logIgnored(ctx, verdicts);
    await eachPerson(ctx, batch, async (credit) => {
      const notes = quarterLabel(credit.quarter) === quarterLabel(notesQuarter);
      const items = notes ? newNotes(ctx, credit, read, verdicts) : [];
      if (items.length || credit.refresh) await creditPerson(ctx, { ...credit, items }, read);
    });
  }
};
