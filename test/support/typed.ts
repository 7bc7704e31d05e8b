import type { PullRequestItem } from "../../src/domain/evidence.js";
import { serializeShard } from "../../src/domain/ledger.js";

/** A pull request item as someone might type it into a ledger: claims to be observed, has no signature. */
export const typedPullRequest = (over: Partial<PullRequestItem> = {}): PullRequestItem => ({
  kind: "pull_request",
  key: "FORGED_1",
  at: "2026-10-04T10:00:00Z",
  title: "feat: never merged",
  provenance: { source: "observed", recorded_at: "2026-10-04T11:00:00Z" },
  repo: "acme/web",
  number: 999,
  labels: ["feature"],
  additions: 1,
  deletions: 1,
  changed_files: 1,
  class: "feature",
  small: true,
  review_rounds: 1,
  reviewed: true,
  hours_to_merge: 1,
  closes: [],
  ...over,
});

/** A ledger file (shard or pending file) of alice's 2026-Q4 holding typed items: valid YAML, unsigned. */
export const typedLedgerFile = (...items: PullRequestItem[]): string =>
  serializeShard({ login: "alice", quarter: "2026-Q4", items }, "typed");
