import type { z } from "zod";
import type { EvidenceItem } from "../domain/evidence.js";
import { whyRepoIgnored } from "../domain/scope.js";
import type { ExtraSelection } from "../github/career-files.js";
import type { RungsConfig } from "../github/config.js";
import type { GitHub } from "../github/types.js";

/** Why activity in a repository is not evidence (the career repo itself, an excluded repo), or undefined. */
export const repoIgnored = (
  repo: { name: string; full_name: string },
  config: RungsConfig,
): string | undefined =>
  whyRepoIgnored(repo, `${config.career.owner}/${config.career.repo}`, config.settings);

/** Who a delivery credits, and when it happened (which decides the quarter). */
export interface CreditTarget {
  login: string;
  at: string;
}

/**
 * One kind of evidence, declared: which event brings it, the payload fields it needs, why a delivery
 * is not evidence, who it credits, the facts it reads from GitHub, and the items it makes. The pipeline
 * (usecases/pipeline.ts) runs any of them the same way, so a new kind of evidence is one file.
 */
export interface EvidenceSource<P, F> {
  /** The webhook event and action, as Probot names it. */
  event: "pull_request.closed" | "pull_request_review.submitted" | "issues.closed" | "push";
  payload: z.ZodType<P>;
  /** The name of the event's one GraphQL read, as GitHub's logs and the request log show it. */
  operation: string;
  /** Why this delivery is not evidence (decided from the payload alone), or undefined. */
  ignored(payload: P, config: RungsConfig): string | undefined;
  /** The people it credits; none means nothing to record. */
  credits(payload: P, config: RungsConfig): CreditTarget[];
  /** What else to read from GitHub, in the same GraphQL request as the career files. */
  selection?(payload: P): ExtraSelection;
  /** Facts from that read (and any paging it needs); undefined when the subject is gone. */
  facts(github: GitHub, payload: P, data: Record<string, unknown>): Promise<F | undefined>;
  /** The items, per credited person. Pure. */
  items(
    payload: P,
    facts: F,
    config: RungsConfig,
    recordedAt: string,
  ): { login: string; item: EvidenceItem }[];
  /** Whether the subject lives in a repository where counted items may be labelled (opt-in tagging). */
  taggable?(payload: P): { owner: string; repo: string; teamOnly: boolean } | undefined;
}
