import type { WriteBudget } from "../store/write-budget.js";
import type { GitHub } from "./types.js";

/** A content-creating request, as GitHub's secondary limits count it: a write to a repository or organization, or a GraphQL write. */
export const isContentWrite = (options: { method?: string; url?: string; query?: unknown }): boolean => {
  const method = (options.method ?? "GET").toUpperCase();
  const url = options.url ?? "";
  if (method === "GET" || method === "HEAD") return false;
  // A GraphQL write is an operation of type mutation (the document's first keyword).
  if (url === "/graphql")
    return typeof options.query === "string" && /^\s*mutation[\s({]/.test(options.query);
  return url.startsWith("/repos/") || url.startsWith("/orgs/");
};

/** A write waited longer than it may for the budget: the event fails, and is redelivered or reconciled. */
export class WriteBudgetExceeded extends Error {}

export interface BudgetDeps {
  budget: WriteBudget;
  installation: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Longest one write waits for room before its event fails. */
  maxWaitMs: number;
}

/**
 * Every content-creating request of this client first takes a write from the installation's budget,
 * waiting (through the injected sleep) while there is no room; never longer than `maxWaitMs`.
 */
export const budgetWrites = (github: GitHub, deps: BudgetDeps): void => {
  github.hook.before("request", async (options) => {
    if (!isContentWrite(options)) return;
    let waited = 0;
    for (;;) {
      const wait = await deps.budget.take(deps.installation, deps.now());
      if (wait === 0) return;
      if (waited + wait > deps.maxWaitMs)
        throw new WriteBudgetExceeded(
          `write budget of installation ${deps.installation} exhausted: ${options.method} ${options.url} would wait ${Math.ceil((waited + wait) / 1000)} s`,
        );
      waited += wait;
      await deps.sleep(wait);
    }
  });
};
