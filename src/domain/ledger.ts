import { stringify } from "yaml";
import { z } from "zod";
import { combineItems, EvidenceItem, mergeItems } from "./evidence.js";
import { ledgerPath, pendingPath, shardPath } from "./paths.js";
import { type Checked, failed, ok, type Problem, problemAt } from "./problem.js";
import { type Signer, type Trust, trustOf } from "./signature.js";
import { checkText, parseYaml, type YamlSource, zodProblems } from "./yaml-source.js";

/**
 * The ledger: the system of record for one engineer's evidence in one quarter, on the career repo's
 * default branch. It is split so no file ever nears GitHub's 1 MB contents limit and the work of one
 * event does not grow with the quarter (docs/metrics.md#the-ledger):
 * - `people/<login>/evidence/<Q>.yml`, the head: the goal issue, its claim, and items people add;
 * - `people/<login>/evidence/<Q>/<YYYY-MM-DD>.yml`, shards: what Rungs observed on that (UTC) day,
 *   spilling into `<YYYY-MM-DD>-2.yml`, `-3`, … past SHARD_MAX_ITEMS;
 * - `people/<login>/evidence/<Q>.pending.yml`: evidence kept aside while a shard someone broke is fixed.
 */

/** Items per shard before the next one of the same day is opened (about 30 KB written per event at most). */
export const SHARD_MAX_ITEMS = 60;
/** More items than this in one file is not a ledger Rungs wrote: the file is refused, not parsed. */
export const FILE_MAX_ITEMS = 5_000;

const LedgerFields = {
  login: z.string().min(1),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, "quarters look like 2026-Q4"),
  items: z.array(EvidenceItem).max(FILE_MAX_ITEMS).default([]),
};

/** The head file of a quarter's ledger. */
export const Ledger = z.strictObject({
  ...LedgerFields,
  /** The quarter's goal issue in the career repo, once opened. */
  goal_issue: z.number().int().positive().nullable().default(null),
  /** Which delivery is opening the goal issue, so concurrent instances open exactly one. */
  goal_issue_claim: z.strictObject({ by: z.string(), at: z.iso.datetime({ offset: true }) }).optional(),
  /** The promotion packet opened from this quarter (`/promote`): refreshed when evidence changes. */
  packet: z.strictObject({ number: z.number().int().positive(), target: z.string() }).optional(),
  /** Targets a packet was suggested for in the goal issue, so the suggestion is made once. */
  suggested: z.array(z.string()).optional(),
});
export type Ledger = z.infer<typeof Ledger>;

/** A shard or the pending file: items only. */
export const LedgerShard = z.strictObject(LedgerFields);
export type LedgerShard = z.infer<typeof LedgerShard>;

export const emptyLedger = (login: string, quarter: string): Ledger => ({
  login,
  quarter,
  goal_issue: null,
  items: [],
});

export const emptyShard = (login: string, quarter: string): LedgerShard => ({ login, quarter, items: [] });

/** Whose and which quarter a ledger file must be, from its path. */
export interface LedgerOwner {
  login: string;
  quarter: string;
}

const keyProblems = (file: string, source: YamlSource, items: readonly EvidenceItem[]): Problem[] => {
  const keys = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (keys.has(item.key)) {
      const at = source.locate(["items", i, "key"]);
      return [problemAt(file, `items[${i}].key: duplicate key "${item.key}"`, at.line, at.column)];
    }
    keys.add(item.key);
  }
  return [];
};

/** A file's login and quarter must be the ones its path names, or its items would count for someone else. */
const ownerProblems = (
  file: string,
  source: YamlSource,
  value: { login: string; quarter: string },
  owner: LedgerOwner | undefined,
): Problem[] => {
  if (!owner) return [];
  const problems: Problem[] = [];
  if (value.login.toLowerCase() !== owner.login.toLowerCase()) {
    const at = source.locate(["login"]);
    problems.push(
      problemAt(
        file,
        `login: "${value.login}" is not the folder's person (${owner.login})`,
        at.line,
        at.column,
      ),
    );
  }
  if (value.quarter !== owner.quarter) {
    const at = source.locate(["quarter"]);
    problems.push(
      problemAt(
        file,
        `quarter: "${value.quarter}" is not the file's quarter (${owner.quarter})`,
        at.line,
        at.column,
      ),
    );
  }
  return problems;
};

const parseWith = <S extends typeof Ledger | typeof LedgerShard>(
  schema: S,
  file: string,
  text: string,
  owner: LedgerOwner | undefined,
): Checked<z.infer<S>> => {
  const bad = checkText(file, text);
  if (bad) return failed([bad]);
  const source = parseYaml(file, text);
  if ("message" in source) return failed([source]);
  const result = schema.safeParse(source.data);
  if (!result.success) return failed(zodProblems(source, result.error));
  const value = result.data as z.infer<S>;
  const problems = [...keyProblems(file, source, value.items), ...ownerProblems(file, source, value, owner)];
  return problems.length ? failed(problems) : ok(value);
};

/** Parses a ledger head; with `owner`, its login and quarter must match the path. */
export const parseLedger = (file: string, text: string, owner?: LedgerOwner): Checked<Ledger> =>
  parseWith(Ledger, file, text, owner);

export const parseShard = (file: string, text: string, owner?: LedgerOwner): Checked<LedgerShard> =>
  parseWith(LedgerShard, file, text, owner);

const header = (l: LedgerOwner, what: string) =>
  `# Rungs evidence ledger: ${l.login}, ${l.quarter}${what}.\n` +
  "# Written by Rungs. Add evidence with a command on the goal issue; items typed here are shown, not counted. Definitions: docs/metrics.md\n";

const yaml = (data: object) => stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });

export const serializeLedger = (ledger: Ledger): string => {
  const { goal_issue_claim, packet, suggested, items, ...rest } = ledger;
  return (
    header(ledger, "") +
    yaml({
      ...rest,
      ...(goal_issue_claim ? { goal_issue_claim } : {}),
      ...(packet ? { packet } : {}),
      ...(suggested?.length ? { suggested } : {}),
      items: mergeItems([], items),
    })
  );
};

/** Records the open promotion packet (or, with undefined, that none is open any more). */
export const withPacket = (ledger: Ledger, packet: Ledger["packet"]): Ledger => {
  if (packet?.number === ledger.packet?.number && packet?.target === ledger.packet?.target) return ledger;
  const { packet: _old, ...rest } = ledger;
  return packet ? { ...rest, packet } : rest;
};

/** Records that a packet for `target` was suggested. */
export const withSuggested = (ledger: Ledger, target: string): Ledger =>
  ledger.suggested?.includes(target)
    ? ledger
    : { ...ledger, suggested: [...(ledger.suggested ?? []), target] };

export const serializeShard = (shard: LedgerShard, name: string): string =>
  header(shard, `, ${name}`) + yaml({ ...shard, items: mergeItems([], shard.items) });

/**
 * Adds items as a set; returns the same value when nothing changes. An item already there that is not
 * `trusted` (typed or edited by hand) is replaced by the observed one with its key; a review that taught
 * upgrades the one recorded (evidence.ts combineItems).
 */
export const addToLedger = <L extends { items: EvidenceItem[] }>(
  ledger: L,
  items: readonly EvidenceItem[],
  trusted: (item: EvidenceItem) => boolean = () => true,
): L => {
  const next = new Map(ledger.items.map((i) => [i.key, i]));
  let changed = false;
  for (const item of items) {
    const known = next.get(item.key);
    const merged = !known || !trusted(known) ? item : combineItems(known, item);
    if (merged !== known) {
      next.set(item.key, merged);
      changed = true;
    }
  }
  return changed ? { ...ledger, items: mergeItems([], [...next.values()]) } : ledger;
};

/** One file of a quarter's ledger as read: its blob sha, and its value or what is wrong with it. */
export interface LedgerFileState<T> {
  path: string;
  sha?: string;
  parsed?: Checked<T>;
}

/** A quarter's ledger as read from the career repo: every readable item, and what could not be read. */
export interface QuarterLedger {
  login: string;
  quarter: string;
  head: LedgerFileState<Ledger>;
  shards: (LedgerFileState<LedgerShard> & { name: string })[];
  pending: LedgerFileState<LedgerShard>;
  /** The items that count: observed by the app (signature verified), or confirmed claims. */
  items: EvidenceItem[];
  /** Items claiming to be observed that the app did not write as they stand (typed, copied, edited). */
  unverified: EvidenceItem[];
  /** Items people added, not (yet) confirmed by someone allowed to. */
  claimed: EvidenceItem[];
  /** Claims rejected by someone allowed to judge them (with the reason). */
  rejected: EvidenceItem[];
  /** Items taken out of the count (with who and why); `/include` puts them back. */
  excluded: EvidenceItem[];
  /** Every readable item, whatever its trust. */
  all: EvidenceItem[];
  /** Files that do not parse or are not this person's: their items do not count. */
  problems: Problem[];
}

export interface ReadFile {
  path: string;
  text?: string;
  sha?: string;
}

/** Assembles a quarter's ledger from its files (head, shards under the quarter's folder, pending). */
/**
 * Remembers parsed ledger files by owner, path and blob sha, so a file read again unchanged (the day's
 * shards of a busy quarter, with every event) is not parsed again: the cost of an event stays flat as
 * the ledger grows. A parse is a pure function of those, so a remembered one is the same value.
 */
export interface ParsedFiles {
  /** `size`: the file's text length, what remembering it weighs. */
  head(key: string, size: number, parse: () => Checked<Ledger>): Checked<Ledger>;
  shard(key: string, size: number, parse: () => Checked<LedgerShard>): Checked<LedgerShard>;
}

export const readQuarterLedger = (
  owner: LedgerOwner,
  head: ReadFile | undefined,
  shards: readonly (ReadFile & { name: string })[],
  pending: ReadFile | undefined,
  signer?: Signer,
  parsedFiles?: ParsedFiles,
): QuarterLedger => {
  const problems: Problem[] = [];
  const load = <T>(
    f: ReadFile,
    parse: (p: string, t: string, o: LedgerOwner) => Checked<T>,
    memo: ((key: string, size: number, make: () => Checked<T>) => Checked<T>) | undefined,
  ) => {
    if (f.sha === undefined) return { path: f.path };
    const make = () => parse(f.path, f.text ?? "", owner);
    const key = `${owner.login}/${owner.quarter}:${f.path}@${f.sha}`;
    const parsed = memo ? memo(key, f.text?.length ?? 0, make) : make();
    if (!parsed.ok) problems.push(...parsed.problems);
    return { path: f.path, sha: f.sha, parsed };
  };
  const heads =
    parsedFiles && ((k: string, n: number, m: () => Checked<Ledger>) => parsedFiles.head(k, n, m));
  const shardsMemo =
    parsedFiles && ((k: string, n: number, m: () => Checked<LedgerShard>) => parsedFiles.shard(k, n, m));
  const headState = load(head ?? { path: ledgerPath(owner.login, owner.quarter) }, parseLedger, heads);
  const shardStates = [...shards]
    .sort((a, b) => compareShardNames(a.name, b.name))
    .map((s) => ({ ...load(s, parseShard, shardsMemo), name: s.name }));
  const pendingState = load(
    pending ?? { path: pendingPath(owner.login, owner.quarter) },
    parseShard,
    shardsMemo,
  );
  const readable = [headState, ...shardStates].flatMap((s) => (s.parsed?.ok ? s.parsed.value.items : []));
  return {
    ...owner,
    head: headState,
    shards: shardStates,
    pending: pendingState,
    ...partitionByTrust(readable, owner, signer),
    all: mergeItems([], readable),
    problems,
  };
};

/**
 * Sorts items by trust (signature.ts). A verified item wins over an unverified one with the same key,
 * wherever each sits, so a forged copy can neither count nor hide the real one.
 */
export const partitionByTrust = (
  items: readonly EvidenceItem[],
  owner: LedgerOwner,
  signer: Signer | undefined,
): Pick<QuarterLedger, "items" | "unverified" | "claimed" | "rejected" | "excluded"> => {
  const by: Record<Trust, EvidenceItem[]> = {
    counted: [],
    unverified: [],
    claimed: [],
    rejected: [],
    excluded: [],
  };
  for (const item of items) by[trustOf(item, owner.login, owner.quarter, signer)].push(item);
  // Keys the app vouches for, whatever was decided about them: a copy typed beside them is noise.
  const vouched = new Set([...by.counted, ...by.rejected, ...by.excluded].map((i) => i.key));
  const rest = (xs: EvidenceItem[]) =>
    mergeItems(
      [],
      xs.filter((i) => !vouched.has(i.key)),
    );
  return {
    items: mergeItems([], by.counted),
    unverified: rest(by.unverified),
    claimed: rest(by.claimed),
    rejected: mergeItems([], by.rejected),
    excluded: mergeItems([], by.excluded),
  };
};

/** `2026-10-05` < `2026-10-05-2` < `2026-10-05-10` < `2026-10-06`. */
export const compareShardNames = (a: string, b: string): number => {
  const [, da = a, na = "1"] = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/.exec(a) ?? [];
  const [, db = b, nb = "1"] = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/.exec(b) ?? [];
  return da < db ? -1 : da > db ? 1 : Number(na) - Number(nb);
};

/** The day an item's shard is named by: the UTC date of when it happened. */
export const shardDay = (item: EvidenceItem): string => item.at.slice(0, 10);

export interface ShardWrite {
  path: string;
  name: string;
  items: EvidenceItem[];
}

/**
 * Where new items go: each into the shard of its day, the first of that day with room. Items the
 * quarter already holds are dropped. A shard that does not parse is never a target: such items come
 * back in `blocked`, to be kept aside.
 */
export const planShardWrites = (
  ledger: QuarterLedger,
  items: readonly EvidenceItem[],
): { writes: ShardWrite[]; blocked: EvidenceItem[] } => {
  // Keys already counted as they are; an untrusted copy, or a review that now taught, is written again.
  const counted = new Map(ledger.items.map((i) => [i.key, i]));
  const known = new Set(
    items
      .filter((i) => {
        const had = counted.get(i.key);
        return had !== undefined && combineItems(had, i) === had;
      })
      .map((i) => i.key),
  );
  const fresh = mergeItems([], items).filter((i) => !known.has(i.key));
  const writes = new Map<string, ShardWrite>();
  const blocked: EvidenceItem[] = [];
  const size = new Map(ledger.shards.map((s) => [s.name, s.parsed?.ok ? s.parsed.value.items.length : 0]));
  for (const item of fresh) {
    const day = shardDay(item);
    let target: string | undefined;
    for (let n = 1; target === undefined; n++) {
      const name = n === 1 ? day : `${day}-${n}`;
      const state = ledger.shards.find((s) => s.name === name);
      if (state?.parsed && !state.parsed.ok) {
        target = "";
        break;
      }
      const planned = writes.get(name)?.items.length ?? 0;
      if ((size.get(name) ?? 0) + planned < SHARD_MAX_ITEMS) target = name;
    }
    if (!target) {
      blocked.push(item);
      continue;
    }
    const write = writes.get(target) ?? {
      path: shardPath(ledger.login, ledger.quarter, target),
      name: target,
      items: [],
    };
    write.items.push(item);
    writes.set(target, write);
  }
  return { writes: [...writes.values()], blocked };
};

/** A claim to open the goal issue older than this is abandoned (its instance died) and may be taken over. */
export const CLAIM_TTL_MS = 10 * 60_000;

const liveClaim = (ledger: Ledger, now: number): boolean =>
  ledger.goal_issue_claim !== undefined && now - Date.parse(ledger.goal_issue_claim.at) < CLAIM_TTL_MS;

/**
 * Claims the right to open the quarter's goal issue when none is recorded (or the recorded one,
 * `replacing`, failed the goal-issue check) and no live claim stands. Written with compare-and-swap, so
 * of several racing writers exactly one holds the claim.
 */
export const claimGoalIssue = (ledger: Ledger, token: string, now: number, replacing?: number): Ledger => {
  const open = ledger.goal_issue !== null && ledger.goal_issue !== replacing;
  if (open || liveClaim(ledger, now)) return ledger;
  return { ...ledger, goal_issue: null, goal_issue_claim: { by: token, at: new Date(now).toISOString() } };
};

/** Records the opened goal issue and drops the claim, if this attempt still holds it. */
export const recordGoalIssue = (ledger: Ledger, issue: number, token: string): Ledger => {
  if (ledger.goal_issue !== null || ledger.goal_issue_claim?.by !== token) return ledger;
  const { goal_issue_claim: _claim, ...rest } = ledger;
  return { ...rest, goal_issue: issue };
};
