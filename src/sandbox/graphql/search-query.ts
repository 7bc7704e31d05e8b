import { TypedGraphqlError } from "./errors.js";

/** A time range of a search qualifier (`merged:A..B`, `closed:>=A`, …), inclusive, ms since the epoch. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The issue-search qualifiers the sandbox understands; anything else in a query fails loudly. */
export interface IssueSearch {
  kind?: "pr" | "issue";
  states: ("open" | "closed" | "merged")[];
  author?: string;
  reviewedBy?: string;
  assignee?: string;
  /** Owners (org:/user:) and repositories (repo:o/n), lower-cased; empty means everywhere. */
  owners: string[];
  repos: string[];
  reason?: "completed" | "not planned";
  merged?: TimeRange;
  /** `-merged:A..B`: not merged in that range (unmerged, or merged outside it). */
  notMerged?: TimeRange;
  closed?: TimeRange;
  created?: TimeRange;
  updated?: TimeRange;
}

const DAY_MS = 86_400_000;

const invalid = (message: string) => new TypedGraphqlError("INVALID_QUERY", message);

/** A date (the whole day, UTC) or a date-time (that second) as a range. */
const instant = (text: string, qualifier: string): TimeRange => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const from = Date.parse(`${text}T00:00:00Z`);
    if (!Number.isNaN(from)) return { from, to: from + DAY_MS - 1 };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return { from: at, to: at + 999 };
  }
  throw invalid(`sandbox: search qualifier ${qualifier}:${text} has an unreadable date "${text}"`);
};

/** `A..B`, `A..*`, `*..B`, `>=A`, `>A`, `<=B`, `<B` or one date. */
const range = (text: string, qualifier: string): TimeRange => {
  const between = /^(.+)\.\.(.+)$/.exec(text);
  if (between) {
    const [, a = "*", b = "*"] = between;
    return {
      from: a === "*" ? Number.NEGATIVE_INFINITY : instant(a, qualifier).from,
      to: b === "*" ? Number.POSITIVE_INFINITY : instant(b, qualifier).to,
    };
  }
  const compare = /^(>=|>|<=|<)(.+)$/.exec(text);
  if (compare) {
    const [, op, value = ""] = compare;
    const at = instant(value, qualifier);
    if (op === ">=") return { from: at.from, to: Number.POSITIVE_INFINITY };
    if (op === ">") return { from: at.to + 1, to: Number.POSITIVE_INFINITY };
    if (op === "<=") return { from: Number.NEGATIVE_INFINITY, to: at.to };
    return { from: Number.NEGATIVE_INFINITY, to: at.from - 1 };
  }
  return instant(text, qualifier);
};

/** Splits on spaces, keeping a quoted value (`reason:"not planned"`) whole. */
const tokens = (query: string): string[] =>
  [...query.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ""));

/**
 * Parses GitHub issue-search syntax as far as the sandbox models it. Free text, `sort:` and any other
 * qualifier are refused by name, so a search the sandbox would answer wrongly never answers at all.
 */
export const parseIssueSearch = (query: string): IssueSearch => {
  const search: IssueSearch = { states: [], owners: [], repos: [] };
  for (const token of tokens(query)) {
    const colon = token.indexOf(":");
    if (colon <= 0) throw invalid(`sandbox: free-text search ("${token}") is not implemented`);
    const qualifier = token.slice(0, colon).toLowerCase();
    const value = token.slice(colon + 1);
    if (qualifier === "-merged") {
      search.notMerged = range(value, "merged");
      continue;
    }
    switch (qualifier) {
      case "is":
      case "type":
        if (value === "pr" || value === "issue") search.kind = value;
        else if (value === "open" || value === "closed" || value === "merged") search.states.push(value);
        else throw invalid(`sandbox: search qualifier ${token} is not implemented`);
        break;
      case "author":
        search.author = value.toLowerCase();
        break;
      case "reviewed-by":
        search.reviewedBy = value.toLowerCase();
        break;
      case "assignee":
        search.assignee = value.toLowerCase();
        break;
      case "org":
      case "user":
        search.owners.push(value.toLowerCase());
        break;
      case "repo":
        search.repos.push(value.toLowerCase());
        break;
      case "reason":
        if (value === "completed" || value === "not planned") search.reason = value;
        else throw invalid(`sandbox: search qualifier ${token} is not implemented`);
        break;
      case "merged":
      case "closed":
      case "created":
      case "updated":
        search[qualifier] = range(value, qualifier);
        break;
      default:
        throw invalid(`sandbox: search qualifier ${qualifier}: is not implemented`);
    }
  }
  return search;
};
