import type { EvidenceItem } from "../domain/evidence.js";
import type { Quarter } from "../domain/quarter.js";
import { buildReport, type Report } from "../domain/report.js";
import type { UseCaseContext } from "./context.js";
import type { PersonState } from "./person.js";

/**
 * A person's report for a quarter from their files as read (the goal issue's own view is built the same
 * way in sync-goal-issue.ts), optionally with items not recorded yet (a dry run's).
 */
export const personReport = (
  ctx: UseCaseContext,
  state: Extract<PersonState, { status: "ok" }>,
  login: string,
  quarter: Quarter,
  label: string,
  extra: readonly EvidenceItem[] = [],
): Report | undefined => {
  const report = buildReport(
    {
      settings: ctx.config.settings,
      ladder: ctx.config.ladder,
      profiles: new Map(ctx.config.profiles).set(login, state.profile),
      items: (l, q) => {
        if (l !== login) return undefined;
        const own = state.files.ledgers.get(q)?.items;
        return q === label && extra.length ? [...(own ?? []), ...extra] : own;
      },
      uncounted: (l, q) => {
        const of = l === login ? state.files.ledgers.get(q) : undefined;
        return {
          claimed: of?.claimed ?? [],
          unverified: of?.unverified ?? [],
          rejected: of?.rejected ?? [],
          excluded: of?.excluded ?? [],
        };
      },
      goals: (l, q) => (l === login ? state.files.goals.get(q) : undefined),
    },
    login,
    quarter,
  );
  return "error" in report ? undefined : report;
};
