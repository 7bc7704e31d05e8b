import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EDITED, NO_TEXT } from "../../src/domain/learning-note.js";
import { weekOfQuarter } from "../../src/domain/quarter.js";
import { push } from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";

// Every harness checks the write fence when its test finishes (see test/support/harness.ts).
let h: Harness;

/** The git blob sha of a file's content, as `git hash-object` computes it. */
const blob = (text: string) =>
  createHash("sha1")
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest("hex");

const noteText = (topic: string) =>
  `---\ntags: [${topic}]\n---\n# ${topic}\n\nWhat I learned about ${topic}, and where it bit us in production.\n`;

const seconds = (iso: string) => Date.parse(iso) / 1000;

/** The weeks of 2026-Q4 (0–12, the sample's calendar: Europe/Berlin, January start) holding alice's notes. */
const noteWeeks = () =>
  [
    ...new Set(
      (h.ledger("alice")?.items ?? [])
        .filter((i) => i.kind === "learning_note")
        .map((i) =>
          weekOfQuarter(Date.parse(i.at), { year: 2026, q: 4 }, { startMonth: 1, timeZone: "Europe/Berlin" }),
        ),
    ),
  ].sort((a, b) => a - b);

const PUSHED_AT = "2026-12-10T17:00:00Z";

describe("learning notes are dated when GitHub received the push", () => {
  it("notes pushed in December with commits backdated to October fill December's week only", async () => {
    h = await harness();
    // GitHub receives the push on 10 December: that is when the delivery reaches the app, too.
    h.sandbox.clock.set(Date.parse(PUSHED_AT) + 5_000);
    const topics = ["indexes", "caching", "tracing"];
    const commits = topics.map((topic, k) => ({
      at: `2026-10-${String(5 + 7 * k).padStart(2, "0")}T08:00:00Z`,
      files: { [`people/alice/learning/${topic}.md`]: noteText(topic) },
    }));
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-19T08:00:00Z",
        pushedAt: seconds(PUSHED_AT),
        after: "d".repeat(40),
        commits,
        files: Object.assign({}, ...commits.map((c) => c.files)),
      }),
    );

    const items = h.ledger("alice")?.items ?? [];
    expect(items.map((i) => [i.key, i.at, i.kind === "learning_note" && i.path])).toEqual(
      topics
        .map((t) => [
          `learning:${blob(noteText(t))}`,
          "2026-12-10T17:00:00.000Z",
          `people/alice/learning/${t}.md`,
        ])
        .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    // Week 11 of the quarter (7–13 December), not weeks 1–3 of October.
    expect(noteWeeks()).toEqual([10]);
    expect(h.goalIssues("alice")[0]?.body).toMatch(/`weekly-learning` \| 1 \|/);
  });

  it("an ISO pushed_at (older payloads) is read too; without pushed_at the app's clock dates the push", async () => {
    h = await harness();
    h.sandbox.clock.set(Date.parse("2026-11-02T10:00:00Z"));
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-01T08:00:00Z",
        pushedAt: "2026-11-02T09:59:58Z",
        after: "e".repeat(40),
        files: { "people/alice/learning/queues.md": noteText("queues") },
      }),
    );
    h.sandbox.clock.set(Date.parse("2026-11-20T10:00:00Z"));
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-01T09:00:00Z",
        pushedAt: null,
        after: "f".repeat(40),
        files: { "people/alice/learning/retries.md": noteText("retries") },
      }),
    );
    expect(
      h
        .ledger("alice")
        ?.items.map((i) => [i.title, i.at])
        .sort(),
    ).toEqual([
      ["queues", "2026-11-02T09:59:58.000Z"],
      ["retries", "2026-11-20T10:00:00.000Z"],
    ]);
  });
});

describe("a learning note needs text beyond its title", () => {
  it("a title-only or headings-only note is ignored with a reason; the note with text beside it counts", async () => {
    h = await harness();
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-07T08:00:00Z",
        after: "a".repeat(40),
        files: {
          "people/alice/learning/todo.md": "# Kafka\n",
          "people/alice/learning/outline.md": "---\ntags: [dns]\n---\n# DNS\n## Why\n## How\n",
          "people/alice/learning/dns.md": noteText("dns"),
        },
      }),
    );
    expect(h.ledger("alice")?.items.map((i) => i.title)).toEqual(["dns"]);
    expect(h.logs.filter((l) => l.msg === "ignored").map((l) => [l.path, l.reason])).toEqual([
      ["people/alice/learning/todo.md", NO_TEXT],
      ["people/alice/learning/outline.md", NO_TEXT],
    ]);
    expect(NO_TEXT).toBe("learning note has no text beyond its title");
  });

  it("a title-only note alone writes nothing", async () => {
    h = await harness();
    const before = h.sandbox.requests.filter((r) => r.mutating).length;
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-07T08:00:00Z",
        after: "b".repeat(40),
        files: { "people/alice/learning/todo.md": "# Kafka\n\n" },
      }),
    );
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.goalIssues("alice")).toEqual([]);
    expect(h.sandbox.requests.filter((r) => r.mutating).length).toBe(before);
    expect(h.debugReasons()).toEqual([NO_TEXT]);
  });
});

describe("a learning note counts once", () => {
  it("a rename or move in a later push is the same note; so is an edit at the same path", async () => {
    h = await harness();
    const text = noteText("indexes");
    const first = push({
      pusher: "alice",
      at: "2026-10-07T08:00:00Z",
      after: "1".repeat(40),
      files: { "people/alice/learning/indexes.md": text },
    });
    await h.deliver(first);
    const recorded = h.ledger("alice")?.items;
    expect(recorded).toEqual([
      expect.objectContaining({
        key: `learning:${blob(text)}`,
        at: "2026-10-07T08:00:00.000Z",
        path: "people/alice/learning/indexes.md",
      }),
    ]);

    // A month later, moved into a folder: removed at one path, added at another, the same content.
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-11-09T08:00:00Z",
        after: "2".repeat(40),
        files: { "people/alice/learning/indexes.md": null, "people/alice/learning/db/indexes.md": text },
      }),
    );
    expect(h.ledger("alice")?.items).toEqual(recorded);

    // Moved back and edited: a new blob at a path where a note already counts this quarter.
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-11-16T08:00:00Z",
        after: "3".repeat(40),
        files: {
          "people/alice/learning/db/indexes.md": null,
          "people/alice/learning/indexes.md": `${text}\nPartial indexes too.\n`,
        },
      }),
    );
    expect(h.ledger("alice")?.items).toEqual(recorded);
    expect(h.debugReasons()).toEqual([EDITED]);

    // The first push redelivered after all that: read as that push's commit holds it, the same note.
    await h.deliver({ ...first, id: "first-push-again" });
    expect(h.ledger("alice")?.items).toEqual(recorded);
    expect(noteWeeks()).toEqual([0]);
    expect(h.sandbox.readFile(CAREER, "people/alice/learning/indexes.md")).toBe(
      `${text}\nPartial indexes too.\n`,
    );
  });

  it("a note added and removed within one push does not count", async () => {
    h = await harness();
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-07T09:00:00Z",
        after: "4".repeat(40),
        commits: [
          { at: "2026-10-07T08:00:00Z", files: { "people/alice/learning/oops.md": noteText("oops") } },
          { at: "2026-10-07T09:00:00Z", files: { "people/alice/learning/oops.md": null } },
        ],
        files: { "people/alice/learning/oops.md": null },
      }),
    );
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.debugReasons()).toEqual(["learning note is no longer in the pushed commit"]);
  });
});
