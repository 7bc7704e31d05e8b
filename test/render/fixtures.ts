import type { EvidenceItem } from "../../src/domain/evidence.js";

/** The n-th merged small feature of 2026-Q4, a minute after the one before. */
export const pr = (n: number, title = `feat: change ${n}`): EvidenceItem => ({
  kind: "pull_request",
  key: `PR_${n}`,
  at: new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString(),
  title,
  url: `https://github.com/acme/web/pull/${n}`,
  provenance: { source: "observed", recorded_at: "2026-10-01T00:00:00Z" },
  repo: "acme/web",
  number: n,
  labels: ["feature"],
  additions: 10,
  deletions: 1,
  changed_files: 1,
  class: "feature",
  small: true,
  review_rounds: 1,
  reviewed: true,
  hours_to_merge: 2,
  closes: [],
});
