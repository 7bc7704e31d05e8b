import { combineItems, EvidenceItem } from "../domain/evidence.js";
import {
  addToLedger,
  emptyShard,
  type LedgerShard,
  parseShard,
  planShardWrites,
  type QuarterLedger,
  serializeShard,
} from "../domain/ledger.js";
import { formatProblem, type Problem } from "../domain/problem.js";
import type { CareerFiles } from "../github/career-files.js";
import {
  deleteCareerFile,
  type FileFormat,
  updateCareerFile,
  type WriteDeps,
} from "../github/ledger-store.js";
import type { UseCaseContext } from "./context.js";
import { reportOnce } from "./report-problems.js";

/**
 * The incoming items as they end up in a file, signed: a review that became teaching was changed by the
 * merge, so it is signed again (evidence.ts combineItems drops the stale signature).
 */
export const signingFor = (ctx: UseCaseContext, login: string, quarter: string) => ({
  verified: (item: EvidenceItem) => ctx.signer.verify(item, login, quarter),
  signed: <L extends { items: EvidenceItem[] }>(file: L, incoming: readonly EvidenceItem[]): L => {
    const keys = new Set(incoming.map((i) => i.key));
    let changed = false;
    const items = file.items.map((i) => {
      if (!keys.has(i.key) || ctx.signer.verify(i, login, quarter)) return i;
      changed = true;
      return ctx.signer.sign(i, login, quarter);
    });
    return changed ? { ...file, items } : file;
  },
});

export type RecordStatus = "written" | "unchanged" | "kept-aside";

export interface Recorded {
  status: RecordStatus;
  /** The quarter's ledger with what this event added. */
  ledger: QuarterLedger;
  /** Blob shas of the files this event wrote, for telling whether the ledger moved on since. */
  wrote: Map<string, string>;
}

export const shardFormat = (login: string, quarter: string, name: string): FileFormat<LedgerShard> => ({
  parse: (path, text) => parseShard(path, text, { login, quarter }),
  empty: () => emptyShard(login, quarter),
  serialize: (shard) => serializeShard(shard, name),
});

const countsOf = (items: readonly EvidenceItem[]): string => {
  const n = new Map<string, number>();
  for (const i of items) n.set(i.kind, (n.get(i.kind) ?? 0) + 1);
  return [...n].map(([k, v]) => `+${v} ${k.replace("_", " ")}`).join(", ");
};

export const writeDeps = (ctx: UseCaseContext): WriteDeps => ({
  github: ctx.github,
  career: {
    owner: ctx.config.career.owner,
    repo: ctx.config.career.repo,
    defaultBranch: ctx.config.career.defaultBranch,
  },
  random: ctx.random,
  sleep: ctx.sleep,
});

/** Only what the ledger can be read back with is recorded; anything else is logged and dropped. */
const readable = (ctx: UseCaseContext, items: readonly EvidenceItem[]): EvidenceItem[] =>
  items.filter((item) => {
    const r = EvidenceItem.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      ctx.log.warn(
        { delivery: ctx.deliveryId, field: issue?.path.join("."), problem: issue?.message },
        "evidence item is not recordable; skipped",
      );
    }
    return r.success;
  });

/**
 * Never overwrite what a person broke: keep the evidence beside it, in the quarter's pending file,
 * until it is fixed (then the next event for that person merges it in), and say where to look.
 */
export const keepAside = async (
  ctx: UseCaseContext,
  ledger: QuarterLedger,
  items: readonly EvidenceItem[],
  problems: readonly Problem[],
  head: string | undefined,
  what: string,
  files: CareerFiles,
): Promise<void> => {
  const { login, quarter } = ledger;
  const lines = problems.map(formatProblem);
  ctx.log.error({ login, quarter, problems: lines }, `${what}; evidence kept aside until it is fixed`);
  const path = ledger.pending.path;
  const { verified, signed } = signingFor(ctx, login, quarter);
  await updateCareerFile(
    writeDeps(ctx),
    path,
    shardFormat(login, quarter, "pending"),
    files.get(path) ?? { path },
    // Like a shard: a typed copy is replaced, and a review that now teaches is signed again.
    (l) => signed(addToLedger(l, items, verified), items),
    `rungs: evidence for ${login} in ${quarter} kept aside (${what})`,
  );
  await reportOnce(
    ctx.github,
    ctx.memo,
    ctx.config.career,
    head,
    `${what}: new evidence is kept in ${path}`,
    lines,
  );
};

/**
 * Records items in a person's quarter exactly once: each into the shard of its day (compare-and-swap),
 * together with anything kept aside earlier. Recording only records: the goal issue is kept by
 * sync-goal-issue.ts.
 */
export const recordEvidence = async (
  ctx: UseCaseContext,
  ledger: QuarterLedger,
  incoming: readonly EvidenceItem[],
  files: CareerFiles,
  head: string | undefined,
): Promise<Recorded> => {
  const { login, quarter } = ledger;
  const { verified, signed } = signingFor(ctx, login, quarter);
  const items = readable(ctx, incoming);
  // Only what the app itself kept aside comes back: an item typed into the pending file is never signed.
  const pending = (ledger.pending.parsed?.ok ? ledger.pending.parsed.value.items : []).filter(verified);
  const plan = planShardWrites(ledger, [...items, ...pending]);
  const wrote = new Map<string, string>();
  const landed: EvidenceItem[] = [];
  const blocked = [...plan.blocked];
  // Problems of files as read were reported with the person; only a file broken since is new here.
  const problems: Problem[] = [];
  for (const write of plan.writes) {
    const result = await updateCareerFile(
      writeDeps(ctx),
      write.path,
      shardFormat(login, quarter, write.name),
      files.get(write.path) ?? { path: write.path },
      (shard) => signed(addToLedger(shard, write.items, verified), write.items),
      `rungs: evidence for ${login} in ${quarter} (${countsOf(write.items)})`,
    );
    if (result.status === "broken") {
      blocked.push(...write.items);
      problems.push(...result.problems);
      continue;
    }
    landed.push(...write.items);
    if (result.status === "written") {
      wrote.set(write.path, result.sha);
      ctx.log.info(
        { login, quarter, items: write.items.length, attempts: result.attempts },
        "evidence recorded",
      );
    }
  }
  if (blocked.length) {
    // Anything the pending file does not already hold as it is (a review that now teaches is new).
    const fresh = blocked.filter((i) => {
      const had = pending.find((p) => p.key === i.key);
      return !had || combineItems(had, i) !== had;
    });
    if (fresh.length)
      await keepAside(ctx, ledger, fresh, problems, head, "a ledger file does not parse", files);
  } else if (ledger.pending.sha && pending.length) {
    await deleteCareerFile(
      writeDeps(ctx),
      ledger.pending.path,
      ledger.pending.sha,
      `rungs: merge kept-aside evidence into the ${quarter} ledger`,
    );
  }
  const status: RecordStatus = blocked.length ? "kept-aside" : wrote.size ? "written" : "unchanged";
  if (status === "unchanged") ctx.log.debug({ login, quarter }, "evidence already recorded");
  const keys = new Set(landed.map((i) => i.key));
  const after: QuarterLedger = {
    ...ledger,
    items: addToLedger({ items: ledger.items }, landed).items,
    // A real item that replaced a forged or typed copy is no longer shown as that copy.
    unverified: ledger.unverified.filter((i) => !keys.has(i.key)),
    claimed: ledger.claimed.filter((i) => !keys.has(i.key)),
  };
  return { status, ledger: after, wrote };
};
