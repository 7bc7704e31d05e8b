import { bundledLadder } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder } from "../../src/domain/ladder/load.js";
import type { Profile } from "../../src/domain/profile.js";
import type { Report } from "../../src/domain/report.js";
import { renderGoalIssue } from "../../src/render/goal-issue.js";

/** The bundled ladder, loaded. */
export const ladder = (() => {
  const r = loadLadder(bundledLadder());
  if (!r.ok) throw new Error("bundled ladder");
  return r.value;
})();

export const alice: Profile = { login: "alice", level: "IC0", manager: "dana", history: [], notes: "" };

export const LEDGER_URL = "https://github.com/acme/careers/blob/main/people/alice/evidence/2026-Q4.yml";

/** Alice's IC0 goal issue for a report, as the app renders it. */
export const renderAlice = (report: Report) => {
  const level = ladder.levels.get("IC0");
  if (!level) throw new Error("IC0");
  return renderGoalIssue(report, {
    template: loadTemplates().goalIssue,
    profile: alice,
    level,
    calendar: { startMonth: 1, timeZone: "UTC" },
    ledgerPath: "people/alice/evidence/2026-Q4.yml",
    ledgerUrl: LEDGER_URL,
  });
};

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
