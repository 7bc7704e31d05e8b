import { type EvidenceItem, type LearningNoteItem, observed } from "./evidence.js";
import { LEARNING_NOTE } from "./paths.js";

/**
 * A learning note counts when at least this many characters of text remain once its YAML frontmatter,
 * its markdown headings and all whitespace are taken out (docs/metrics.md#criteria): a title alone is
 * not a note.
 */
export const LEARNING_NOTE_MIN_CHARS = 40;

export const NO_TEXT = "learning note has no text beyond its title";
export const GONE = "learning note is no longer in the pushed commit";
export const EDITED = "a learning note at this path already counts this quarter";

/** The last instant a JavaScript Date holds. */
const MAX_DATE = 8.64e15;

/**
 * When GitHub received a push, from the payload's `repository.pushed_at` (seconds since the epoch; a
 * date-time on older payloads), as an ISO date-time; undefined when it is missing or unreadable.
 */
export const pushedAtOf = (pushedAt: number | string | null | undefined): string | undefined => {
  const ms =
    typeof pushedAt === "number"
      ? pushedAt * 1000
      : typeof pushedAt === "string"
        ? Date.parse(pushedAt)
        : NaN;
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_DATE ? new Date(ms).toISOString() : undefined;
};

/** When GitHub received a push (`pushedAtOf`), or the app's clock (`now`, ms) when the payload does not say. */
export const pushInstant = (pushedAt: number | string | null | undefined, now: number): string =>
  pushedAtOf(pushedAt) ?? new Date(now).toISOString();

const FRONTMATTER = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t].*)?$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * The text of a note beyond its title: without a leading YAML frontmatter block, markdown headings
 * (`# Title` and `Title` underlined with `===` or `---`) and whitespace. Counted in characters.
 */
export const noteText = (text: string): string => {
  const body = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(FRONTMATTER, "");
  const lines = body.split("\n");
  const kept = lines.filter((line, i) => {
    if (ATX_HEADING.test(line)) return false;
    const next = lines[i + 1];
    if (line.trim() !== "" && next !== undefined && SETEXT_UNDERLINE.test(next)) return false;
    const previous = lines[i - 1];
    return !(SETEXT_UNDERLINE.test(line) && previous !== undefined && previous.trim() !== "");
  });
  return kept.join("").replace(/\s+/g, "");
};

/** A note file as pushed: its blob (absent when it is gone from the pushed commit) and the push's instant. */
export interface PushedNote {
  path: string;
  /** The note's content in the pushed commit; undefined when the push does not hold it any more. */
  text: string | undefined;
  /** The git blob sha of that content. */
  blobOid: string | undefined;
  /** When GitHub received the push (ISO 8601, see `pushInstant`): every note of one push shares it. */
  pushedAt: string;
  url: string;
  recordedAt: string;
}

export type LearningNoteVerdict =
  | { login: string; item: LearningNoteItem; reason?: undefined }
  | { reason: string; login?: string; item?: undefined };

/**
 * A learning note added to the career repo: evidence for the person whose folder it is in, dated by the
 * push and keyed by the blob of its content, so a note renamed or moved with the same content is the
 * same item. A note without text beyond its title does not count.
 */
export const learningNoteItem = (note: PushedNote): LearningNoteVerdict => {
  const m = LEARNING_NOTE.exec(note.path);
  if (!m?.[1] || !m[2]) return { reason: "not a learning note" };
  const login = m[1];
  if (note.text === undefined || !note.blobOid) return { login, reason: GONE };
  if ([...noteText(note.text)].length < LEARNING_NOTE_MIN_CHARS) return { login, reason: NO_TEXT };
  return {
    login,
    item: {
      kind: "learning_note",
      key: `learning:${note.blobOid}`,
      at: new Date(Date.parse(note.pushedAt)).toISOString(),
      title: m[2].replace(/\.md$/, "").replace(/[-_]+/g, " "),
      url: note.url,
      path: note.path,
      provenance: observed(note.recordedAt),
    },
  };
};

/**
 * Why a new note item does not count given the items already recorded for the person in its quarter:
 * a learning note recorded under another key at the same path is the same note edited since (a new
 * blob), so it does not count again. Undefined when it counts (the same key merges as a set).
 */
export const alreadyCounted = (
  existing: readonly EvidenceItem[],
  item: LearningNoteItem,
): string | undefined =>
  existing.some((e) => e.kind === "learning_note" && e.path === item.path && e.key !== item.key)
    ? EDITED
    : undefined;
