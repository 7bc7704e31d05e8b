import { z } from "zod";
import {
  type LearningNoteVerdict,
  learningNoteItem,
  pushedAtOf,
  pushInstant,
} from "../domain/learning-note.js";
import { LEARNING_NOTE } from "../domain/paths.js";
import type { ExtraSelection } from "../github/career-files.js";
import type { RungsConfig } from "../github/config.js";
import { Push } from "./payloads.js";
import type { EvidenceSource } from "./source.js";

type Payload = z.infer<typeof Push>;

/** The notes' blobs in the pushed commit, by path; a path the commit no longer holds is absent. */
export type NoteBlobs = Map<string, { oid: string; text: string }>;

const isCareerDefaultBranch = (p: Payload, config: RungsConfig) =>
  p.repository.name.toLowerCase() === config.career.repo.toLowerCase() &&
  p.ref === `refs/heads/${config.career.defaultBranch}`;

/** The login whose folder a learning note is in. */
export const noteLogin = (path: string): string | undefined => LEARNING_NOTE.exec(path)?.[1];

/**
 * The learning notes a push adds, each path once, in the order the commits add them. A note is the
 * person's own evidence: it counts only when they pushed it themselves (GitHub authenticates the
 * pusher; a commit's author is any email its maker chose); a note someone else drops in does not.
 */
export const addedNotes = (p: Payload): string[] => [
  ...new Set(
    p.commits.flatMap((c) =>
      c.added.filter((path) => {
        const owner = noteLogin(path)?.toLowerCase();
        // The pusher is authenticated; a commit's author is whatever email its maker chose.
        return owner !== undefined && p.sender.login.toLowerCase() === owner;
      }),
    ),
  ),
];

/**
 * The push with `repository.pushed_at` settled once, as an ISO date-time: GitHub's own, or `now` (the
 * app's clock) when the payload has none. Every note of the push is dated by it.
 */
export const withPushInstant = (p: Payload, now: number): Payload => ({
  ...p,
  repository: { ...p.repository, pushed_at: pushInstant(p.repository.pushed_at, now) },
});

/** Reads the notes' blobs (oid and text) as the pushed commit holds them, in the push's one read. */
export const noteSelection = (p: Payload, paths: readonly string[]): ExtraSelection => ({
  declarations: [
    "$notesOwner: String!",
    "$notesRepo: String!",
    ...paths.map((_, i) => `$note${i}: String!`),
  ].join(", "),
  selection: `notes: repository(owner: $notesOwner, name: $notesRepo) {
    __typename
    ${paths.map((_, i) => `note${i}: object(expression: $note${i}) { ... on Blob { oid text } }`).join("\n    ")}
  }`,
  variables: {
    notesOwner: p.repository.owner.login,
    notesRepo: p.repository.name,
    ...Object.fromEntries(paths.map((path, i) => [`note${i}`, `${p.after}:${path}`])),
  },
});

const NotesData = z.object({ notes: z.record(z.string(), z.unknown()).nullable().optional() });
const BlobNode = z.object({ oid: z.string().min(1), text: z.string().nullable().optional() });

/** The blobs `noteSelection(p, paths)` read; a path missing from the commit (or not a file) is absent. */
export const noteBlobs = (paths: readonly string[], data: Record<string, unknown>): NoteBlobs => {
  const notes = NotesData.safeParse(data);
  const found = (notes.success && notes.data.notes) || {};
  const blobs: NoteBlobs = new Map();
  paths.forEach((path, i) => {
    const blob = BlobNode.safeParse(found[`note${i}`]);
    if (blob.success) blobs.set(path, { oid: blob.data.oid, text: blob.data.text ?? "" });
  });
  return blobs;
};

/**
 * Each added note (of `paths`, by default all of them) with its item or the reason it does not count.
 * Dated by `repository.pushed_at`, else by `recordedAt` (the app's clock).
 */
export const noteVerdicts = (
  p: Payload,
  blobs: NoteBlobs,
  config: RungsConfig,
  recordedAt: string,
  paths: readonly string[] = addedNotes(p),
): (LearningNoteVerdict & { path: string })[] => {
  const { career } = config;
  const pushedAt = pushInstant(p.repository.pushed_at, Date.parse(recordedAt));
  return paths.map((path) => {
    const blob = blobs.get(path);
    const url = `https://github.com/${career.owner}/${career.repo}/blob/${career.defaultBranch}/${path}`;
    return {
      path,
      ...learningNoteItem({ path, text: blob?.text, blobOid: blob?.oid, pushedAt, url, recordedAt }),
    };
  });
};

/**
 * A learning note added to `people/<login>/learning/` on the career repo's default branch, dated by
 * when GitHub received the push and keyed by its content's blob (docs/metrics.md#criteria).
 */
export const learningNote: EvidenceSource<Payload, NoteBlobs> = {
  event: "push",
  payload: Push,
  operation: "RungsLearningNotes",
  ignored: (p, config) =>
    isCareerDefaultBranch(p, config) ? undefined : "not the career repo's default branch",
  // A push without `pushed_at` has no date before the app's clock is read: onCareerPush settles it
  // first (withPushInstant), so here such a push credits no one.
  credits: (p) => {
    const at = pushedAtOf(p.repository.pushed_at);
    return addedNotes(p).flatMap((path) => {
      const login = noteLogin(path);
      return at && login ? [{ login, at }] : [];
    });
  },
  selection: (p) => noteSelection(p, addedNotes(p)),
  facts: async (_github, p, data) => noteBlobs(addedNotes(p), data),
  items: (p, blobs, config, recordedAt) =>
    noteVerdicts(p, blobs, config, recordedAt).flatMap((v) =>
      v.item ? [{ login: v.login, item: v.item }] : [],
    ),
};
