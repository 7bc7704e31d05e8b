/**
 * Review rounds of a merged pull request. Definition: docs/metrics.md#review-rounds.
 *
 * Rounds come from which commit each human review was made on, never from commit dates (the author's
 * clock) nor from who pushed: walk the counted reviews in submission order; the first opens round 1, and a
 * later one opens a new round when its commit differs from the previous review's and the code changed
 * between the two. Merging the base branch in ("Update branch") and a force push that kept the tree are
 * not changes.
 */

/** A review as the timeline shows it; `commit` is the oid it was made on (null when GitHub has none). */
export interface Review {
  at: string;
  by: string;
  state: string;
  byBot: boolean;
  commit: string | null;
}

/** One of the pull request's own commits (as listed when it merged), with its parents' oids. */
export interface PrCommit {
  oid: string;
  parents: readonly string[];
}

/** A force push of the head branch; `sameTree` when the after commit has the before commit's tree. */
export interface ForcePush {
  before: string | null;
  after: string | null;
  sameTree: boolean;
}

export interface ReviewHistory {
  author: string;
  mergedAt: string;
  reviews: readonly Review[];
  /** The pull request's commits; their order does not matter (ancestry comes from `parents`). */
  commits: readonly PrCommit[];
  /** Force pushes in timeline order. */
  forcePushes: readonly ForcePush[];
}

const COUNTED_STATES = new Set(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"]);

/** Reviews that count, submitted at or before the merge, in submission order (ties keep their order). */
const countedReviews = (h: ReviewHistory): Review[] => {
  const merged = Date.parse(h.mergedAt);
  const author = h.author.toLowerCase();
  return h.reviews
    .map((r) => ({ r, at: Date.parse(r.at) }))
    .filter(
      ({ r, at }) =>
        !r.byBot &&
        r.by.toLowerCase() !== author &&
        COUNTED_STATES.has(r.state.toUpperCase()) &&
        at <= merged,
    )
    .sort((a, b) => a.at - b.at)
    .map(({ r }) => r);
};

/**
 * Whether a commit only merges commits from outside the pull request into it — GitHub's "Update branch",
 * `git merge main`: two or more parents, at least one of which is not one of the pull request's commits.
 */
export const isBaseMerge = (commit: PrCommit, prCommits: ReadonlySet<string>): boolean =>
  commit.parents.length >= 2 && commit.parents.some((p) => !prCommits.has(p));

type Graph = ReadonlyMap<string, PrCommit>;

/** The commit and every pull request commit it reaches through parents. */
const reach = (graph: Graph, oid: string): Set<string> => {
  const seen = new Set<string>();
  const queue = [oid];
  for (let sha = queue.pop(); sha !== undefined; sha = queue.pop()) {
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(graph.get(sha)?.parents ?? []));
  }
  return seen;
};

/**
 * Whether the code changed from commit `a` to commit `b`. Both among the pull request's commits: a commit
 * reachable from `b` but not from `a` is a change unless it is a base merge (a stale `b`, behind `a`, has
 * none). Otherwise `a` was rewritten away: follow the force push from `a` (a change unless it kept the tree)
 * and go on from its after commit. When nothing links `a` to `b`, the commits between them are gone and a
 * different commit counts as a change.
 */
const changed = (
  graph: Graph,
  pushes: readonly ForcePush[],
  a: string,
  b: string,
  visited: ReadonlySet<string> = new Set(),
): boolean => {
  if (a === b) return false;
  if (graph.has(a) && graph.has(b)) {
    const seen = reach(graph, a);
    const own = new Set(graph.keys());
    return [...reach(graph, b)].some((oid) => {
      const commit = graph.get(oid);
      return !seen.has(oid) && commit !== undefined && !isBaseMerge(commit, own);
    });
  }
  const push = pushes.find((p) => p.before === a);
  if (!push?.after || visited.has(a)) return true;
  return !push.sameTree || changed(graph, pushes, push.after, b, new Set([...visited, a]));
};

export const reviewRounds = (h: ReviewHistory): number => {
  const graph: Graph = new Map(h.commits.map((c) => [c.oid, c]));
  let rounds = 0;
  // The commit the previous review was made on; a review without one is taken to be on the same commit.
  let previous: string | null = null;
  for (const review of countedReviews(h)) {
    if (rounds === 0) rounds = 1;
    else if (
      review.commit !== null &&
      previous !== null &&
      changed(graph, h.forcePushes, previous, review.commit)
    )
      rounds++;
    previous = review.commit ?? previous;
  }
  return rounds;
};

/** Whether a human other than the author reviewed it before it merged (the review-rounds criterion's sample). */
export const wasReviewed = (h: ReviewHistory): boolean => countedReviews(h).length > 0;
