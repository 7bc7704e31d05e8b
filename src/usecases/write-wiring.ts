import type { GitHub } from "../github/types.js";
import { waitOutRateLimits } from "../github/waits.js";
import { budgetWrites } from "../github/write-budget.js";
import { Backlog } from "../store/backlog.js";
import { DEFAULT_COALESCING, type Writes } from "./coalesce.js";
import type { AppDeps } from "./context.js";

/**
 * The app's write budget, per installation: each installation's client takes every content-creating
 * write from the shared budget, and each installation has one backlog in this process.
 */
export const writeWiring = (deps: AppDeps) => {
  const setting = deps.writeBudget;
  if (!setting) return undefined;
  const backlogs = new Map<number, { backlog: Backlog; owner: string }>();
  const hooked = new WeakSet<GitHub>();
  const budgeted = (github: GitHub, installation: number): void => {
    if (hooked.has(github)) return;
    hooked.add(github);
    budgetWrites(github, {
      budget: setting.budget,
      installation,
      now: deps.now,
      sleep: deps.sleep,
      maxWaitMs: setting.maxWaitMs,
    });
    // Other clients of the installation share GitHub's limits: a refusal anyway is waited out, once more from the budget.
    waitOutRateLimits(github, { now: deps.now, sleep: deps.sleep });
  };
  return {
    budgeted,
    writesFor(github: GitHub, installation: number, owner: string): Writes {
      budgeted(github, installation);
      const entry = backlogs.get(installation) ?? { backlog: new Backlog(), owner };
      backlogs.set(installation, entry);
      return { budget: setting.budget, backlog: entry.backlog, installation, ...DEFAULT_COALESCING };
    },
    /** Installations with writes waiting, and their organisation. */
    waiting(): { installation: number; owner: string }[] {
      return [...backlogs].flatMap(([installation, { backlog, owner }]) => {
        const size = backlog.size();
        return size.items + size.renders + size.labels > 0 ? [{ installation, owner }] : [];
      });
    },
    every: setting.every,
  };
};
