import { z } from "zod";
import { isStatus } from "./career-files.js";
import { TIMELINE_NODES } from "./pull-request-facts.js";
import type { GitHub } from "./types.js";

/**
 * An engineer's history through GraphQL search: merged pull requests they authored, pull requests they
 * reviewed, issues assigned to them and closed as completed. Each page carries everything a source needs
 * nested in it (the same facts a webhook's read fetches), so 100 items cost one request.
 */
export type HistoryKind = "authored" | "reviewed" | "closed";

/** Search results past this many are unreachable on GitHub, whatever `issueCount` says. */
export const SEARCH_CAP = 1000;
export const PAGE_SIZE = 100;
/**
 * Timeline items per pull request in the search page. Each costs its commit's `parents` a request in
 * GitHub's point count, so 30 (most pull requests have fewer) keeps a page near 35 points; a longer
 * timeline is paged on its own (pull-request-facts.ts).
 */
const TIMELINE_FIRST = 30;
const TIMELINE_TYPES = "[PULL_REQUEST_REVIEW, PULL_REQUEST_COMMIT, HEAD_REF_FORCE_PUSHED_EVENT]";

const REPOSITORY = `repository { name nameWithOwner isPrivate visibility owner { login } defaultBranchRef { name } }`;

/** Reviews of a pull request; by one person (`$login`) or, when it is null, by everyone. */
const REVIEWS = `reviews(first: 100, author: $login) {
          pageInfo { hasNextPage endCursor }
          nodes { ...RungsReview }
        }`;

/**
 * What each result carries. Searching a whole organisation, a merged pull request brings its reviews too,
 * so one page serves its author and every reviewer.
 */
const selection = (kind: HistoryKind, everyone: boolean): string => {
  switch (kind) {
    case "authored":
      return `... on PullRequest {
        id number title url createdAt mergedAt isDraft additions deletions changedFiles baseRefName
        author { __typename login }
        ${REPOSITORY}
        labels(first: 100) { nodes { name } }
        files(first: 100) { nodes { path } }
        timelineItems(first: ${TIMELINE_FIRST}, itemTypes: ${TIMELINE_TYPES}) {
          pageInfo { hasNextPage endCursor }
          ${TIMELINE_NODES}
        }
        closingIssuesReferences(first: 25) { nodes { id } }
        ${everyone ? REVIEWS : ""}
      }`;
    case "reviewed":
      return `... on PullRequest {
        id number title isDraft
        author { __typename login }
        ${REPOSITORY}
        ${REVIEWS}
      }`;
    case "closed":
      return `... on Issue {
        id number title url closedAt stateReason
        author { __typename login }
        ${REPOSITORY}
        labels(first: 100) { nodes { name } }
        assignees(first: 25) { nodes { __typename login } }
        closedByPullRequestsReferences(first: 25, includeClosedPrs: true) { nodes { merged author { login } } }
      }`;
  }
};

const REVIEW_FRAGMENT = `fragment RungsReview on PullRequestReview {
  id body state submittedAt url author { __typename login } comments { totalCount }
}`;

const OPERATIONS: Record<HistoryKind, string> = {
  authored: "RungsSyncPullRequests",
  reviewed: "RungsSyncReviews",
  closed: "RungsSyncIssues",
};

const searchQuery = (kind: HistoryKind, everyone: boolean): string => {
  const reviews = kind === "reviewed" || (kind === "authored" && everyone);
  return `query ${OPERATIONS[kind]}($q: String!, $first: Int!, $after: String${reviews ? ", $login: String" : ""}) {
  rateLimit { cost remaining resetAt }
  search(type: ISSUE, query: $q, first: $first, after: $after) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes {
      ${selection(kind, everyone)}
    }
  }
}${reviews ? `\n${REVIEW_FRAGMENT}` : ""}`;
};

/** GitHub's search dates, to the second. */
export const searchTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Whose history a stream reads: one person's (few requests for a named few), or everyone's in the
 * organisation at once (one request per 100 items however many people: the way to sync an organisation).
 */
export type HistoryScope = { login: string } | { everyone: true; merged: { from: number; to: number } };

const isEveryone = (scope: HistoryScope): scope is Extract<HistoryScope, { everyone: true }> =>
  "everyone" in scope;

/** The search string of one kind and scope in one window (inclusive, to the second). */
export const historySearch = (
  kind: HistoryKind,
  owner: string,
  scope: HistoryScope,
  window: { from: number; to: number },
): string => {
  const range = `${searchTime(window.from)}..${searchTime(window.to)}`;
  const person = isEveryone(scope) ? undefined : scope.login;
  switch (kind) {
    case "authored":
      return `is:pr is:merged ${person ? `author:${person} ` : ""}org:${owner} merged:${range}`;
    // A review leaves no date to search by: the pull request was updated when it was reviewed, or later.
    // Everyone's: pull requests merged in the window already brought their reviews along.
    case "reviewed":
      return isEveryone(scope)
        ? `is:pr org:${owner} updated:${range} -merged:${searchTime(scope.merged.from)}..${searchTime(scope.merged.to)}`
        : `is:pr reviewed-by:${person} org:${owner} updated:${range}`;
    case "closed":
      return `is:issue is:closed reason:completed ${person ? `assignee:${person} ` : ""}org:${owner} closed:${range}`;
  }
};

const RateLimit = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.string() }).nullable();
const SearchPage = z.object({
  rateLimit: RateLimit,
  search: z.object({
    issueCount: z.number(),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.unknown()),
  }),
});

export interface HistoryPage {
  issueCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  /** Raw nodes: sources/history.ts reads them. */
  nodes: unknown[];
  rate: { cost: number; remaining: number; resetAt: number } | undefined;
}

/** One page of one search. */
export const searchPage = async (
  github: GitHub,
  kind: HistoryKind,
  scope: HistoryScope,
  vars: { q: string; first: number; after: string | null },
): Promise<HistoryPage> => {
  const everyone = isEveryone(scope);
  const reviews = kind === "reviewed" || (kind === "authored" && everyone);
  const login = everyone ? null : scope.login;
  const data = SearchPage.parse(
    await github.graphql(searchQuery(kind, everyone), reviews ? { ...vars, login } : vars),
  );
  const rate = data.rateLimit;
  return {
    issueCount: data.search.issueCount,
    hasNextPage: data.search.pageInfo.hasNextPage,
    endCursor: data.search.pageInfo.endCursor,
    nodes: data.search.nodes,
    rate: rate
      ? { cost: rate.cost, remaining: rate.remaining, resetAt: Date.parse(rate.resetAt) }
      : undefined,
  };
};

const MORE_REVIEWS = `query RungsSyncMoreReviews($id: ID!, $login: String, $after: String!) {
  pr: node(id: $id) {
    ... on PullRequest {
      reviews(first: 100, after: $after, author: $login) {
        pageInfo { hasNextPage endCursor }
        nodes { ...RungsReview }
      }
    }
  }
}
${REVIEW_FRAGMENT}`;

const ReviewPage = z.object({
  pr: z
    .object({
      reviews: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(z.unknown()),
      }),
    })
    .nullable(),
});

/** The rest of the reviews of one pull request (a person's, or everyone's), when the page's 100 overflowed. */
export const moreReviews = async (
  github: GitHub,
  prId: string,
  login: string | null,
  after: string,
): Promise<unknown[]> => {
  const found: unknown[] = [];
  let cursor: string | null = after;
  for (let n = 0; cursor && n < 50; n++) {
    const answer: unknown = await github.graphql(MORE_REVIEWS, { id: prId, login, after: cursor });
    const page = ReviewPage.parse(answer).pr;
    if (!page) break;
    found.push(...page.reviews.nodes);
    cursor = page.reviews.pageInfo.hasNextPage ? page.reviews.pageInfo.endCursor : null;
  }
  return found;
};

/** Where a stream stands: everything before `next` is done; within `[next, cursor.to]` up to `cursor.after`. */
export interface StreamPosition {
  next: number;
  cursor?: { to: number; after: string };
}

/** A search that failed with a 502 or a timeout at every page size, or hit a limit it cannot get past. */
export class HistoryInterrupted extends Error {}

export interface StreamDeps {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Told each wait for the points to come back. */
  waiting?(ms: number, why: string): void;
  /** Told when a window holds more than search reaches even at one second (its overflow is lost). */
  capped?(window: { from: number; to: number }, issueCount: number): void;
}

/** Results a window is sized for: under the cap with room for denser stretches. */
const WINDOW_TARGET = 900;

/** Consecutive failed attempts at one page (the page size halves each time) before a sync stops. */
export const MAX_PAGE_FAILURES = 5;
/** A search is not started with fewer points left than this: the window resets first. */
const POINTS_RESERVE = 100;

const isTimeout = (e: unknown): boolean =>
  isStatus(e, 500, 502, 503, 504) ||
  (e instanceof Error && /timed? ?out|ETIMEDOUT|ECONNRESET|socket hang up/i.test(e.message));

const Limited = z.object({
  errors: z.array(z.object({ type: z.string().optional() })),
  headers: z.record(z.string(), z.union([z.string(), z.number()]).optional()).optional(),
});

/** GraphQL's primary limit answers 200 with a RATE_LIMITED error: how long until the window resets. */
const rateLimitedFor = (e: unknown, now: number): number | undefined => {
  const r = Limited.safeParse(e);
  if (!r.success || !r.data.errors.some((x) => x.type === "RATE_LIMITED")) return undefined;
  const reset = Number(r.data.headers?.["x-ratelimit-reset"]) * 1000;
  return Number.isFinite(reset) ? Math.max(1000, reset - now + 1000) : 60_000;
};

/**
 * Pages of one kind of history (a person's, or the organisation's) over [since, until], oldest window
 * first. A window whose search finds more than 1,000 is halved until it does not, and the next window is
 * sized from the last one's density; a 502 or timeout halves the page size; when the points run low the
 * stream waits for the window to reset. Each page comes with the position to resume after it.
 */
export async function* historyPages(
  github: GitHub,
  spec: { kind: HistoryKind; owner: string; scope: HistoryScope; since: number; until: number },
  start: StreamPosition,
  deps: StreamDeps,
): AsyncGenerator<{ page: HistoryPage; position: StreamPosition }> {
  let position = start;
  let span = Math.max(1000, spec.until - position.next + 1000);
  while (position.next <= spec.until) {
    const from = position.next;
    const to = position.cursor?.to ?? Math.min(spec.until, from + span - 1000);
    let after = position.cursor?.after ?? null;
    let first = PAGE_SIZE;
    let failures = 0;
    for (;;) {
      const q = historySearch(spec.kind, spec.owner, spec.scope, { from, to });
      let page: HistoryPage;
      try {
        page = await searchPage(github, spec.kind, spec.scope, { q, first, after });
      } catch (e) {
        const limited = rateLimitedFor(e, deps.now());
        if (limited !== undefined && failures < MAX_PAGE_FAILURES) {
          failures++;
          deps.waiting?.(limited, "GraphQL rate limit");
          await deps.sleep(limited);
          continue;
        }
        if (!isTimeout(e)) throw e;
        failures++;
        if (failures >= MAX_PAGE_FAILURES)
          throw new HistoryInterrupted(
            `GitHub failed ${failures} times in a row on a search page (down to ${first} per page): ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
          );
        first = Math.max(1, Math.floor(first / 2));
        continue;
      }
      failures = 0;
      if (page.rate && page.rate.remaining < POINTS_RESERVE) {
        const ms = Math.max(1000, page.rate.resetAt - deps.now() + 1000);
        deps.waiting?.(ms, "GraphQL points nearly used up");
        await deps.sleep(ms);
      }
      if (after === null && page.issueCount > SEARCH_CAP && to > from) {
        // Too many to reach: halve the window, as many times at once as its count says (if results were
        // spread evenly), and try its first part; a part still over the cap is halved again.
        const halvings = Math.max(1, Math.ceil(Math.log2(page.issueCount / WINDOW_TARGET)));
        span = Math.max(1000, Math.floor((to - from + 1000) / 2 ** halvings / 1000) * 1000);
        break;
      }
      if (after === null && page.issueCount > SEARCH_CAP) deps.capped?.({ from, to }, page.issueCount);
      const more = page.hasNextPage && page.endCursor !== null;
      position =
        more && page.endCursor ? { next: from, cursor: { to, after: page.endCursor } } : { next: to + 1000 };
      yield { page, position };
      if (!more) {
        // The next window sized to hold about WINDOW_TARGET at this one's density: fewer part-full pages.
        const grow = page.issueCount > 0 ? WINDOW_TARGET / page.issueCount : 4;
        span = Math.max(span, Math.floor((span * Math.min(4, grow)) / 1000) * 1000);
        break;
      }
      after = page.endCursor;
    }
  }
}
