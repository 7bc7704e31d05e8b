import type { EvidenceItem } from "../domain/evidence.js";
import { planShardWrites } from "../domain/ledger.js";
import { parseQuarterLabel, quarterLabel } from "../domain/quarter.js";
import type { CareerRead } from "../github/career-files.js";
import type { UseCaseContext } from "./context.js";
import { type PersonState, personState, quarterLedger } from "./person.js";
import { personReport } from "./person-report.js";
import { type Credit, readFor } from "./pipeline.js";

/** What a sync would change in one person's quarter: new items by kind, and each criterion that moves. */
export interface SyncPreview {
  login: string;
  quarter: string;
  added: Record<string, number>;
  criteria: { id: string; title: string; before: number | null; after: number | null; target: number }[];
}

/** Dry run: the items a credit would add to the ledger as it stands (none it already holds). */
export const previewCredit = (
  ctx: UseCaseContext,
  credit: Credit,
  read: CareerRead,
  into: Map<string, Map<string, EvidenceItem>>,
): void => {
  const q = quarterLabel(credit.quarter);
  const state = personState(ctx.config, credit.login, read, ctx);
  if (state.status === "no-profile") return;
  const items = credit.items.map((i) => ctx.signer.sign(i, credit.login, q));
  const ledger = quarterLedger(state.status === "ok" ? state.files : undefined, credit.login, q);
  const plan = planShardWrites(ledger, items);
  const fresh = [...plan.writes.flatMap((w) => w.items), ...plan.blocked];
  if (fresh.length === 0) return;
  const key = `${credit.login}/${q}`;
  const held = into.get(key) ?? new Map<string, EvidenceItem>();
  for (const item of fresh) held.set(item.key, item);
  into.set(key, held);
};

const criteriaOf = (
  ctx: UseCaseContext,
  state: Extract<PersonState, { status: "ok" }>,
  login: string,
  quarter: string,
  extra: readonly EvidenceItem[],
) => {
  const q = parseQuarterLabel(quarter);
  return (q && personReport(ctx, state, login, q, quarter, extra)?.criteria) || [];
};

/** Dry run: per person and quarter, the items that would be added and each criterion's value before and after. */
export const summarisePreview = async (
  ctx: UseCaseContext,
  preview: ReadonlyMap<string, ReadonlyMap<string, EvidenceItem>>,
): Promise<SyncPreview[]> => {
  const out: SyncPreview[] = [];
  for (const key of [...preview.keys()].sort()) {
    const [login = "", quarter = ""] = key.split("/");
    const q = parseQuarterLabel(quarter);
    const items = [...(preview.get(key)?.values() ?? [])];
    if (!q) continue;
    const added: Record<string, number> = {};
    for (const i of items) added[i.kind] = (added[i.kind] ?? 0) + 1;
    const read = await readFor(ctx, [{ login, quarter: q }], "RungsSyncPreview");
    const state = personState(ctx.config, login, read, ctx);
    const before = state.status === "ok" ? criteriaOf(ctx, state, login, quarter, []) : [];
    const after = state.status === "ok" ? criteriaOf(ctx, state, login, quarter, items) : [];
    const criteria = after.flatMap((a) => {
      const b = before.find((c) => c.id === a.id);
      return b && b.value === a.value
        ? []
        : [{ id: a.id, title: a.title, before: b?.value ?? null, after: a.value, target: a.target }];
    });
    out.push({ login, quarter, added, criteria });
  }
  return out;
};
