import { createHash } from "node:crypto";
import { judges, mayRun, type Role } from "./authorization.js";
import { type Command, type CommandName, code, type ParsedLine, usageOf } from "./commands.js";
import { type Decision, type EvidenceItem, evidenceRef, mergeItems } from "./evidence.js";
import { canonical, type Signer } from "./signature.js";

/**
 * What the commands of one comment on a goal issue do to that quarter's ledger (docs: README
 * "Commands"). Pure: the files as read in, the files to write and what to answer out.
 *
 * A comment's effect is what it says now: applying a comment first takes away everything it did before
 * (its claims, its decisions), then applies its commands again. So a redelivery changes nothing, an
 * edit replaces the effect and a deletion undoes it. Decisions are ordered by when the comment saying
 * them was last written: a later `/include` is not undone by re-reading an earlier `/exclude`.
 */

/** The comment as GitHub has it now. */
export interface GoalComment {
  id: number;
  /** Its html_url: recorded with every decision, so anyone can see who decided what. */
  url: string;
  author: string;
  /** When it was written (ISO 8601): the time of a claim. */
  createdAt: string;
  /** When this version was written (ISO 8601): the time of its decisions. */
  updatedAt: string;
}

export interface CriterionInfo {
  id: string;
  title: string;
  manual: boolean;
}

/** Whose goal issue, and what its commands may refer to. */
export interface CommandScope {
  login: string;
  quarter: string;
  /** The quarter's first and last instant (ISO 8601): a claim is dated inside its quarter. */
  quarterStart: string;
  quarterEnd: string;
  level: string;
  next: string | null;
  /** The criteria on the path to the next level (what the goal issue tracks). */
  criteria: readonly CriterionInfo[];
  /** The commenter's roles on this engineer's goals (authorization.ts). */
  roles: readonly Role[];
}

/** One file of the quarter's ledger: the head (claims live there) or a shard. */
export interface LedgerFileItems {
  path: string;
  items: readonly EvidenceItem[];
}

export type LineOutcome =
  | { line: number; ok: true; said?: string }
  | { line: number; ok: false; said: string };

export interface CommentEffect {
  /** Files whose items change, with their new items (unchanged files are left out). */
  writes: LedgerFileItems[];
  outcomes: LineOutcome[];
  /** `/focus`: the criteria the engineer works on this quarter (the last `/focus` of the comment). */
  focus?: string[];
  /** `/refresh`, or anything changed: the goal issue is rendered again. */
  refresh: boolean;
  /** `/rungs help` was asked. */
  help: boolean;
  /** `/promote [level]`: open (or refresh) the promotion packet. */
  promote?: { target?: string };
  /** What re-reading (or deleting) the comment took away from an earlier version of it. */
  undone: string[];
}

const isJudge = judges;

/** The key of a claim: the comment it was made in and what it claims, so an edit that changes the link is a new claim. */
export const claimKey = (commentId: number, criterion: string, url: string): string =>
  `manual:${commentId}:${createHash("sha256").update(`${criterion}\n${url}`).digest("hex").slice(0, 12)}`;

const claimPrefix = (commentId: number) => `manual:${commentId}:`;

/** A URL compared as people paste it: no trailing slash, host in lower case. */
const sameUrl = (a: string | undefined, b: string): boolean => {
  if (!a) return false;
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.protocol}//${x.host.toLowerCase()}${x.pathname.replace(/\/+$/, "")}${x.search}${x.hash}`;
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
};

type Slot = "confirmed" | "rejected" | "excluded" | "included";
const OPPOSITE: Record<Slot, Slot> = {
  confirmed: "rejected",
  rejected: "confirmed",
  excluded: "included",
  included: "excluded",
};

const decisionsOf = (item: EvidenceItem): [Slot, Decision][] => {
  const out: [Slot, Decision][] = [];
  if (item.excluded) out.push(["excluded", item.excluded]);
  if (item.included) out.push(["included", item.included]);
  if (item.kind === "manual") {
    if (item.confirmed) out.push(["confirmed", item.confirmed]);
    if (item.rejected) out.push(["rejected", item.rejected]);
  }
  return out;
};

const slotOf = (item: EvidenceItem, slot: Slot): Decision | undefined =>
  slot === "excluded" || slot === "included" ? item[slot] : item.kind === "manual" ? item[slot] : undefined;

const withSlot = (item: EvidenceItem, slot: Slot, d: Decision | undefined): EvidenceItem => {
  const next = { ...item };
  if (slot === "excluded" || slot === "included") {
    if (d) next[slot] = d;
    else delete next[slot];
    return next;
  }
  if (next.kind !== "manual") return item;
  if (d) next[slot] = d;
  else delete next[slot];
  return next;
};

/** What a comment has done to the files: its claims and its decisions, described for a reply. */
const effectsOf = (items: readonly EvidenceItem[], commentId: number): Map<string, string> => {
  const out = new Map<string, string>();
  for (const item of items) {
    if (item.kind === "manual" && item.key.startsWith(claimPrefix(commentId)))
      out.set(`claim:${item.key}`, `the claim \`${evidenceRef(item)}\` for \`${item.criterion}\``);
    for (const [slot, d] of decisionsOf(item))
      if (d.comment === commentId) out.set(`${slot}:${item.key}`, `${VERB[slot]} \`${evidenceRef(item)}\``);
  }
  return out;
};

const NOUN: Record<Slot, string> = {
  confirmed: "confirmation",
  rejected: "rejection",
  excluded: "exclusion",
  included: "inclusion",
};

const VERB: Record<Slot, string> = {
  confirmed: "the confirmation of",
  rejected: "the rejection of",
  excluded: "the exclusion of",
  included: "the inclusion of",
};

/** Where each item sits, so a change goes back to its own file. */
interface Located {
  file: number;
  item: EvidenceItem;
}

/**
 * Applies a comment's commands to the quarter's files. `commands` empty with `deleted` undoes the
 * comment. The signer re-signs items the app vouches for; an item that did not verify before is never
 * signed because of a decision about it (no laundering of typed items), except a claim a judge confirms
 * or rejects, which the app then records as the judge's.
 */
export const applyComment = (
  files: readonly LedgerFileItems[],
  comment: GoalComment,
  commands: readonly ParsedLine[],
  scope: CommandScope,
  signer: Signer,
): CommentEffect => {
  const { login, quarter } = scope;
  const verified = (i: EvidenceItem) => signer.verify(i, login, quarter);
  const sign = (i: EvidenceItem) => signer.sign(i, login, quarter);
  const state: EvidenceItem[][] = files.map((f) => [...f.items]);
  const before = effectsOf(
    files.flatMap((f) => f.items),
    comment.id,
  );

  // 1. Take away what this comment did before; remember its claims' decisions by others.
  const earlierClaims = new Map<string, EvidenceItem>();
  for (const [f, items] of state.entries()) {
    state[f] = items.flatMap((item) => {
      if (item.kind === "manual" && item.key.startsWith(claimPrefix(comment.id))) {
        earlierClaims.set(item.key, item);
        return [];
      }
      const mine = decisionsOf(item).filter(([, d]) => d.comment === comment.id);
      if (mine.length === 0) return [item];
      const trusted = verified(item);
      let next = item;
      for (const [slot] of mine) next = withSlot(next, slot, undefined);
      return [trusted ? sign(next) : next];
    });
  }

  const outcomes: LineOutcome[] = [];
  let focus: string[] | undefined;
  let refresh = false;
  let help = false;
  let promote: { target?: string } | undefined;
  const fail = (line: number, said: string) => outcomes.push({ line, ok: false, said });
  const done = (line: number, said?: string) =>
    outcomes.push(said ? { line, ok: true, said } : { line, ok: true });
  const all = (): Located[] => state.flatMap((items, file) => items.map((item) => ({ file, item })));
  const replace = (at: Located, next: EvidenceItem) => {
    const items = state[at.file] as EvidenceItem[];
    const k = items.findIndex((i) => i.key === at.item.key);
    if (k !== -1) items[k] = next;
  };
  const decision = (reason?: string): Decision => ({
    by: comment.author,
    at: comment.updatedAt,
    ...(reason ? { reason } : {}),
    url: comment.url,
    comment: comment.id,
  });
  /**
   * Sets a decision unless a later opposite one stands (then this comment's version is older news, and
   * says whose decision stands).
   */
  const decide = (at: Located, slot: Slot, d: Decision, resign: boolean): "set" | string => {
    const opposite = slotOf(at.item, OPPOSITE[slot]);
    if (opposite && opposite.at > d.at)
      return `superseded by ${opposite.by}'s later ${NOUN[OPPOSITE[slot]]} (${opposite.at.slice(0, 10)})`;
    const next = withSlot(withSlot(at.item, OPPOSITE[slot], undefined), slot, d);
    replace(at, resign ? sign(next) : next);
    return "set";
  };
  const ambiguous = (ref: string, found: readonly Located[]) =>
    `\`${ref}\` names ${found.length} items (${found
      .map((l) => code(l.item.url ?? l.item.title, 80))
      .join(", ")}); give the link instead`;
  const byRef = (ref: string): Located[] => all().filter((l) => evidenceRef(l.item) === ref);
  const refHelp = "refs are the short codes beside each item in this issue's Evidence section";
  const manualIds = scope.criteria.filter((c) => c.manual).map((c) => c.id);
  const track = scope.next ? `${scope.level} → ${scope.next}` : scope.level;

  const one = (line: number, command: Command) => {
    switch (command.name) {
      case "evidence": {
        const criterion = scope.criteria.find((c) => c.id === command.criterion);
        if (!criterion)
          return fail(
            line,
            `${code(command.criterion)} is not a criterion on ${login}'s path (${track}); evidence can be added for: ${manualIds.map((i) => `\`${i}\``).join(", ") || "none (every criterion is measured from GitHub)"}`,
          );
        if (!criterion.manual)
          return fail(
            line,
            `\`${criterion.id}\` is measured from GitHub automatically; evidence can be added for: ${manualIds.map((i) => `\`${i}\``).join(", ") || "none"}`,
          );
        const twin = all().find(
          (l) =>
            l.item.kind === "manual" &&
            l.item.criterion === criterion.id &&
            sameUrl(l.item.url, command.url) &&
            !l.item.key.startsWith(claimPrefix(comment.id)),
        );
        if (twin)
          return fail(
            line,
            `this link is already recorded for \`${criterion.id}\` as \`${evidenceRef(twin.item)}\``,
          );
        const key = claimKey(comment.id, criterion.id, command.url);
        if (all().some((l) => l.item.key === key))
          return fail(line, "the same link twice in one comment counts once");
        const earlier = earlierClaims.get(key);
        const t = Date.parse(comment.createdAt);
        const at = new Date(
          Math.min(Math.max(t, Date.parse(scope.quarterStart)), Date.parse(scope.quarterEnd)),
        ).toISOString();
        let item: EvidenceItem = {
          kind: "manual",
          key,
          at,
          title: command.note || command.url,
          url: command.url,
          criterion: criterion.id,
          provenance: { source: "added", by: comment.author, recorded_at: comment.createdAt },
        };
        // Decisions others made about this claim stand while it says the same thing (link, criterion and
        // note) and as the app recorded it; a decision typed into the ledger is no decision.
        const same = earlier && verified(earlier) && earlier.title === item.title;
        for (const [slot, d] of same ? decisionsOf(earlier) : [])
          if (d.comment !== comment.id) item = withSlot(item, slot, d);
        if (isJudge(scope.roles) && !(item.kind === "manual" && item.rejected))
          item = withSlot(item, "confirmed", decision());
        (state[0] as EvidenceItem[]).push(sign(item));
        return done(line);
      }
      case "confirm":
      case "reject": {
        const found = byRef(command.ref).filter((l) => l.item.kind === "manual");
        if (found.length === 0)
          return fail(line, `no claim ${code(command.ref)} in ${login}'s ${quarter} evidence (${refHelp})`);
        if (found.length > 1) return fail(line, ambiguous(command.ref, found));
        const target = found[0] as Located;
        // Only a claim the app recorded from a command is judged: a typed one would be signed as typed.
        if (!verified(target.item))
          return fail(
            line,
            `\`${command.ref}\` was typed into the ledger, not added with \`/evidence\`; add it with \`/evidence\` to have it judged`,
          );
        const d = decision(command.name === "reject" ? command.reason : undefined);
        const result = decide(target, command.name === "confirm" ? "confirmed" : "rejected", d, true);
        if (result !== "set") return fail(line, result);
        return done(line);
      }
      case "exclude":
      case "include": {
        const ref = command.target.toLowerCase();
        const isRef = /^[a-z0-9]{4,12}$/.test(ref);
        const found = isRef ? byRef(ref) : all().filter((l) => sameUrl(l.item.url, command.target));
        if (found.length === 0)
          return fail(
            line,
            `nothing in ${login}'s ${quarter} evidence is ${code(command.target, 100)} (give a link or a ref; ${refHelp})`,
          );
        if (isRef && found.length > 1) return fail(line, ambiguous(ref, found));
        const counted = found.filter((l) => verified(l.item) || l.item.kind === "manual");
        if (counted.length === 0)
          return fail(
            line,
            `${code(command.target, 100)} is not as Rungs recorded it (typed or edited by hand), so it does not count anyway`,
          );
        const slot = command.name === "exclude" ? "excluded" : "included";
        const d = decision(command.name === "exclude" ? command.reason : undefined);
        for (const at of counted) {
          const shown = `\`${evidenceRef(at.item)}\``;
          const excluded = at.item.excluded;
          const someoneElse = (x: Decision | undefined) =>
            x !== undefined &&
            x.comment !== comment.id &&
            x.by.toLowerCase() !== comment.author.toLowerCase();
          if (command.name === "include" && !excluded) return fail(line, `${shown} is not excluded`);
          // What a manager, skip-level or admin decided is theirs: the engineer neither undoes it nor takes it over.
          if (!isJudge(scope.roles) && someoneElse(excluded))
            return fail(
              line,
              command.name === "include"
                ? `${shown} was excluded by ${excluded?.by}; only their manager, skip-level or an admin may include it again`
                : `${shown} is already excluded by ${excluded?.by}`,
            );
          const result = decide(at, slot, d, verified(at.item));
          if (result !== "set") return fail(line, `${shown}: ${result}`);
        }
        return done(line);
      }
      case "focus": {
        const unknown = command.criteria.filter((id) => !scope.criteria.some((c) => c.id === id));
        if (unknown.length)
          return fail(
            line,
            `${unknown.map((u) => code(u)).join(", ")} ${unknown.length === 1 ? "is not a criterion" : "are not criteria"} on ${login}'s path (${track}); the criteria are: ${scope.criteria.map((c) => `\`${c.id}\``).join(", ")}`,
          );
        focus = command.criteria;
        return done(line);
      }
      case "refresh":
        refresh = true;
        return done(line);
      case "help":
        help = true;
        return done(line);
      case "promote":
        promote = command.target ? { target: command.target } : {};
        return done(line);
    }
  };

  for (const parsed of commands) {
    if ("error" in parsed) {
      fail(parsed.line, parsed.error);
      continue;
    }
    if (!mayRun(parsed.command.name, scope.roles)) {
      fail(parsed.line, notYours(parsed.command.name));
      continue;
    }
    one(parsed.line, parsed.command);
  }

  const writes = files.flatMap((f, k) => {
    const after = mergeItems([], state[k] as EvidenceItem[]);
    const before = mergeItems([], f.items);
    // Compared field by field, whatever order the fields were read or built in.
    return canonical(after) === canonical(before) ? [] : [{ path: f.path, items: after }];
  });
  const after = effectsOf(state.flat(), comment.id);
  const undone = [...before].filter(([k]) => !after.has(k)).map(([, said]) => said);
  return {
    writes,
    outcomes,
    ...(focus ? { focus } : {}),
    ...(promote ? { promote } : {}),
    refresh: refresh || writes.length > 0,
    help,
    undone,
  };
};

const notYours = (name: CommandName): string =>
  name === "confirm" || name === "reject"
    ? `\`${usageOf(name)}\` is for the engineer's manager, skip-level manager or an admin`
    : `\`${usageOf(name)}\` is not yours to run here`;
