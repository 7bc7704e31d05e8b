import { describe, expect, it } from "vitest";
import type { EvidenceItem, LearningNoteItem } from "../../src/domain/evidence.js";
import {
  alreadyCounted,
  EDITED,
  GONE,
  LEARNING_NOTE_MIN_CHARS,
  learningNoteItem,
  NO_TEXT,
  noteText,
  type PushedNote,
  pushedAtOf,
  pushInstant,
} from "../../src/domain/learning-note.js";

const NOW = Date.UTC(2026, 11, 20, 9, 0);
const BODY = "A B-tree index keeps keys sorted, so range scans are cheap.";
const OID = "a".repeat(40);

const note = (over: Partial<PushedNote> = {}): PushedNote => ({
  path: "people/alice/learning/indexes.md",
  text: `# Indexes\n\n${BODY}\n`,
  blobOid: OID,
  pushedAt: "2026-12-10T17:00:00.000Z",
  url: "https://github.com/acme/careers/blob/main/people/alice/learning/indexes.md",
  recordedAt: "2026-12-10T17:00:05.000Z",
  ...over,
});

describe("pushInstant: when GitHub received the push", () => {
  it.each<[string, number | string | null | undefined, string]>([
    ["epoch seconds, as push payloads send it", 1796922000, "2026-12-10T17:00:00.000Z"],
    ["fractional seconds", 1796922000.5, "2026-12-10T17:00:00.500Z"],
    ["an ISO date-time (older payloads)", "2026-12-10T17:00:00Z", "2026-12-10T17:00:00.000Z"],
    ["an ISO date-time with an offset", "2026-12-10T18:00:00+01:00", "2026-12-10T17:00:00.000Z"],
    ["zero is the epoch, not missing", 0, "1970-01-01T00:00:00.000Z"],
    ["missing: the app's clock", undefined, "2026-12-20T09:00:00.000Z"],
    ["null: the app's clock", null, "2026-12-20T09:00:00.000Z"],
    ["unreadable text: the app's clock", "yesterday", "2026-12-20T09:00:00.000Z"],
    ["seconds as text are not a date-time: the app's clock", "1796922000", "2026-12-20T09:00:00.000Z"],
    ["empty text: the app's clock", "", "2026-12-20T09:00:00.000Z"],
    ["negative: the app's clock", -5, "2026-12-20T09:00:00.000Z"],
    ["not a number: the app's clock", Number.NaN, "2026-12-20T09:00:00.000Z"],
    ["beyond what a date holds: the app's clock", 1e13, "2026-12-20T09:00:00.000Z"],
  ])("%s", (_, pushedAt, expected) => {
    expect(pushInstant(pushedAt, NOW)).toBe(expected);
    expect(pushedAtOf(pushedAt)).toBe(expected === "2026-12-20T09:00:00.000Z" ? undefined : expected);
  });
});

describe("noteText: the text beyond the title", () => {
  it.each<[string, string, string]>([
    ["a heading and a paragraph", "# Indexes\n\nSorted keys.\n", "Sortedkeys."],
    ["headings of every level", "# A\n## B\n###### C\nText\n", "Text"],
    ["a heading indented up to three spaces", "   # A\nText\n", "Text"],
    ["four spaces is code, not a heading", "    # A\n", "#A"],
    ["a hash without a space is text", "#hashtag\n", "#hashtag"],
    ["an empty heading", "#\n##\nText\n", "Text"],
    ["a setext heading (===)", "Indexes\n=======\nText\n", "Text"],
    ["a setext heading (---)", "Indexes\n---\nText\n", "Text"],
    ["frontmatter", "---\ntags: [db, indexes]\ndate: 2026-10-05\n---\n# Indexes\nText\n", "Text"],
    ["frontmatter closed with ...", "---\ntitle: x\n...\nText\n", "Text"],
    [
      "frontmatter with CRLF and a byte-order mark",
      "\uFEFF---\r\ntitle: x\r\n---\r\n# T\r\nText\r\n",
      "Text",
    ],
    ["a rule after a blank line is not frontmatter", "Intro\n\n---\n\nMore\n", "Intro---More"],
    ["frontmatter only at the top (later, a setext heading)", "Text\n\n---\ntitle: x\n---\n", "Text---"],
    ["an unclosed frontmatter stays text", "---\ntitle: x\n", "---title:x"],
    ["whitespace of every kind", " a\tb\u00a0c\n\n d ", "abcd"],
    ["empty", "", ""],
  ])("%s", (_, text, expected) => {
    expect(noteText(text)).toBe(expected);
  });
});

describe("learningNoteItem", () => {
  it("is evidence for the person whose folder the note is in, dated by the push, keyed by its blob", () => {
    expect(learningNoteItem(note())).toEqual({
      login: "alice",
      item: {
        kind: "learning_note",
        key: `learning:${OID}`,
        at: "2026-12-10T17:00:00.000Z",
        title: "indexes",
        url: "https://github.com/acme/careers/blob/main/people/alice/learning/indexes.md",
        path: "people/alice/learning/indexes.md",
        provenance: { source: "observed", recorded_at: "2026-12-10T17:00:05.000Z" },
      },
    });
  });

  it("a rename or move with the same content is the same item; other content is another", () => {
    const moved = learningNoteItem(note({ path: "people/alice/learning/db/b-tree_indexes.md" }));
    expect(moved.item?.key).toBe(learningNoteItem(note()).item?.key);
    expect(moved.item?.title).toBe("db/b tree indexes");
    expect(learningNoteItem(note({ blobOid: "b".repeat(40) })).item?.key).toBe(`learning:${"b".repeat(40)}`);
  });

  const exactly = (n: number) => "x".repeat(n);
  it.each<[string, string, string | undefined]>([
    ["a title only", "# Indexes\n", NO_TEXT],
    ["headings only", "# Indexes\n## Why\n## How\n", NO_TEXT],
    ["frontmatter and a title only", `---\nsummary: ${BODY}\n---\n# Indexes\n`, NO_TEXT],
    ["a setext title only", "Indexes\n=======\n", NO_TEXT],
    ["blank", "  \n\n\t\n", NO_TEXT],
    ["empty", "", NO_TEXT],
    [`${LEARNING_NOTE_MIN_CHARS - 1} characters`, `# T\n${exactly(LEARNING_NOTE_MIN_CHARS - 1)}\n`, NO_TEXT],
    [`${LEARNING_NOTE_MIN_CHARS} characters`, `# T\n${exactly(LEARNING_NOTE_MIN_CHARS)}\n`, undefined],
    [
      "spaces do not count toward the threshold",
      `# T\n${"x ".repeat(LEARNING_NOTE_MIN_CHARS - 1)}\n`,
      NO_TEXT,
    ],
    ["characters, not UTF-16 units", `# T\n${"📚".repeat(LEARNING_NOTE_MIN_CHARS - 1)}\n`, NO_TEXT],
    ["text without a title", `${BODY}\n`, undefined],
    ["text under frontmatter", `---\ntags: [db]\n---\n# Indexes\n${BODY}\n`, undefined],
  ])("%s", (_, text, reason) => {
    const verdict = learningNoteItem(note({ text }));
    expect(verdict.reason).toBe(reason);
    expect(verdict.login).toBe("alice");
    expect(verdict.item === undefined).toBe(reason !== undefined);
  });

  it("a note the pushed commit no longer holds does not count", () => {
    expect(learningNoteItem(note({ text: undefined, blobOid: undefined }))).toEqual({
      login: "alice",
      reason: GONE,
    });
    expect(learningNoteItem(note({ blobOid: "" })).reason).toBe(GONE);
  });

  it.each([
    "people/alice/profile.md",
    "people/alice/learning/notes.txt",
    "people/alice/learning/.md",
    "people//learning/x.md",
    "learning/x.md",
  ])("%s is not a learning note", (path) => {
    expect(learningNoteItem(note({ path }))).toEqual({ reason: "not a learning note" });
  });
});

describe("alreadyCounted: a note edited since it counted", () => {
  const counted = learningNoteItem(note()).item as LearningNoteItem;
  const edited = learningNoteItem(note({ blobOid: "b".repeat(40) })).item as LearningNoteItem;
  const elsewhere = learningNoteItem(
    note({ path: "people/alice/learning/caching.md", blobOid: "c".repeat(40) }),
  ).item as LearningNoteItem;
  const manual: EvidenceItem = {
    kind: "manual",
    key: "manual:x",
    at: counted.at,
    title: "x",
    criterion: "weekly-learning",
    provenance: { source: "added", by: "dana", recorded_at: counted.at },
  };

  it.each<[string, EvidenceItem[], LearningNoteItem, string | undefined]>([
    ["nothing recorded", [], edited, undefined],
    ["another blob at the same path", [counted], edited, EDITED],
    ["the same blob (a redelivery) merges as a set", [counted], counted, undefined],
    ["another path", [elsewhere], edited, undefined],
    ["other kinds of items", [manual], edited, undefined],
  ])("%s", (_, existing, item, reason) => {
    expect(alreadyCounted(existing, item)).toBe(reason);
  });
});
