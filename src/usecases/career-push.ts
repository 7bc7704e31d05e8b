import type { z } from "zod";
import { classifyPath } from "../domain/paths.js";
import { parseQuarterLabel, quarterLabel, quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { learningNote } from "../sources/learning-note.js";
import type { Push } from "../sources/payloads.js";
import type { UseCaseContext } from "./context.js";
import { type Credit, creditPerson, creditsOf, readFor, refusedNow } from "./pipeline.js";

/** People whose files one read fetches: a push touching hundreds of profiles is read in slices. */
const PEOPLE_PER_READ = 10;

/** Whose quarter a changed career-repo file concerns: goals, profile and ledger edits re-render it. */
const refreshOf = (ctx: UseCaseContext, path: string): Pick<Credit, "login" | "quarter"> | undefined => {
  const p = classifyPath(path);
  switch (p.kind) {
    case "goals": {
      const quarter = parseQuarterLabel(p.quarter);
      return quarter ? { login: p.login, quarter } : undefined;
    }
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

/**
 * A push to the career repo's default branch: learning notes become evidence for the person whose
 * folder they are in; an edited goals file, profile or ledger re-renders that person's goal issue (and
 * merges evidence kept aside while the file was broken).
 */
export const onCareerPush = async (ctx: UseCaseContext, payload: z.infer<typeof Push>): Promise<void> => {
  const reason = learningNote.ignored(payload, ctx.config);
  if (reason) return ctx.log.debug({ ref: payload.ref, reason }, "ignored");
  const notes = learningNote.items(payload, true, ctx.config, new Date(ctx.now()).toISOString());
  const credits = new Map(
    creditsOf(ctx, notes).map((c) => [`${c.login.toLowerCase()}/${quarterLabel(c.quarter)}`, c]),
  );
  for (const commit of payload.commits) {
    for (const path of [...commit.added, ...commit.modified, ...commit.removed]) {
      const target = refreshOf(ctx, path);
      if (!target) continue;
      const key = `${target.login.toLowerCase()}/${quarterLabel(target.quarter)}`;
      credits.set(key, { ...(credits.get(key) ?? { ...target, items: [] }), refresh: true });
    }
  }
  const all = [...credits.values()];
  for (let i = 0; i < all.length; i += PEOPLE_PER_READ) {
    const batch = all.slice(i, i + PEOPLE_PER_READ);
    const read = await readFor(ctx, batch, "RungsCareerPush");
    if (refusedNow(ctx, read)) return;
    for (const credit of batch) await creditPerson(ctx, credit, read);
  }
};
