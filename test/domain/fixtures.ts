/**
 * Builders for the table-driven domain tests: evidence items, ladder levels and profiles built in
 * code (not loaded from files), so each row states exactly the facts it depends on.
 */
import type {
  EvidenceItem,
  IssueItem,
  LearningNoteItem,
  PullRequestItem,
  ReviewItem,
} from "../../src/domain/evidence.js";
import type { Criterion, Ladder, Level, Rule } from "../../src/domain/ladder/schema.js";
import type { Profile } from "../../src/domain/profile.js";

type ManualItem = Extract<EvidenceItem, { kind: "manual" }>;

const provenance = { source: "observed", recorded_at: "2026-10-01T00:00:00Z" } as const;

/** A fixed instant in 2026-Q4 (calendar quarters, UTC), `day` days after 2026-10-01. */
export const dayInQ4 = (day: number, hour = 12): string =>
  new Date(Date.UTC(2026, 9, 1 + day, hour)).toISOString();

let seq = 0;
const nextKey = (prefix: string) => `${prefix}_${++seq}`;

export const pr = (over: Partial<PullRequestItem> = {}): PullRequestItem => ({
  kind: "pull_request",
  key: nextKey("PR"),
  at: dayInQ4(1),
  title: "feat: a thing",
  provenance,
  repo: "acme/web",
  number: 1,
  labels: [],
  additions: 10,
  deletions: 2,
  changed_files: 1,
  class: "feature",
  small: true,
  review_rounds: 1,
  reviewed: true,
  hours_to_merge: 4,
  closes: [],
  ...over,
});

export const review = (over: Partial<ReviewItem> = {}): ReviewItem => ({
  kind: "review",
  key: nextKey("PRR"),
  at: dayInQ4(1),
  title: "review",
  provenance,
  repo: "acme/web",
  number: 1,
  state: "APPROVED",
  pr_author: "ivan",
  teaching: false,
  ...over,
});

export const issue = (over: Partial<IssueItem> = {}): IssueItem => ({
  kind: "issue",
  key: nextKey("I"),
  at: dayInQ4(1),
  title: "an issue",
  provenance,
  repo: "acme/web",
  number: 1,
  labels: [],
  class: "task",
  escalated: false,
  linked_prs: 0,
  assignees: 1,
  ...over,
});

export const note = (over: Partial<LearningNoteItem> = {}): LearningNoteItem => ({
  kind: "learning_note",
  key: nextKey("N"),
  at: dayInQ4(1),
  title: "a note",
  provenance,
  path: "people/alice/learning/note.md",
  ...over,
});

export const manual = (criterion: string, over: Partial<ManualItem> = {}): ManualItem => ({
  kind: "manual",
  key: nextKey("M"),
  at: dayInQ4(1),
  title: "added by hand",
  provenance: { source: "added", by: "dana", recorded_at: "2026-10-01T00:00:00Z" },
  criterion,
  ...over,
});

export const criterion = (id: string, rule: Rule): Criterion => ({
  id,
  title: `Title of ${id}`,
  description: "",
  rule,
});

export const level = (over: Partial<Level> & Pick<Level, "id">): Level => ({
  title: `Title of ${over.id}`,
  track: "ic",
  rank: 0,
  core_question: "?",
  primary_focus: "!",
  next: null,
  track_changes: [],
  consistency: { quarters: 2, of: 3 },
  criteria: [],
  signals: [],
  body: "",
  file: `ladder/${over.id}.md`,
  ...over,
});

export const ladderOf = (...levels: Level[]): Ladder => ({ levels: new Map(levels.map((l) => [l.id, l])) });

/** IC0–IC4 (ranks 0–4) and M1–M3 (ranks 3–5); IC4 ≈ M2. */
export const standardLadder = (): Ladder =>
  ladderOf(
    level({ id: "IC0", rank: 0, next: "IC1" }),
    level({ id: "IC1", rank: 1, next: "IC2" }),
    level({ id: "IC2", rank: 2, next: "IC3" }),
    level({ id: "IC3", rank: 3, next: "IC4" }),
    level({ id: "IC4", rank: 4, next: null, track_changes: ["M1"] }),
    level({ id: "M1", track: "manager", rank: 3, next: "M2" }),
    level({ id: "M2", track: "manager", rank: 4, next: "M3" }),
    level({ id: "M3", track: "manager", rank: 5, next: null }),
  );

export const profile = (login: string, over: Partial<Profile> = {}): Profile => ({
  login,
  level: "IC1",
  manager: null,
  history: [],
  notes: "",
  ...over,
});

export const profilesOf = (...ps: Profile[]): ReadonlyMap<string, Profile> =>
  new Map(ps.map((p) => [p.login, p]));
