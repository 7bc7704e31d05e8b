import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { emitterEventNames } from "@octokit/webhooks";
import { z } from "zod";
import { isWellFormed } from "../sandbox/git/hash.js";

/**
 * Why a `files` key of a delivery would not name a file inside the repository, or undefined when it does.
 * Paths are relative to the repository's root, separated by "/", with no empty, "." or ".." segment: the
 * sandbox stores them as given and `--out` writes them below `repo/`, so anything else could leave it.
 */
export const repoPathProblem = (path: string): string | undefined => {
  if (path === "") return "is empty";
  if (/\p{Cc}/u.test(path)) return "holds a control character (NUL, newline, …)";
  if (path.includes("\\")) return 'holds a backslash; separate folders with "/"';
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path))
    return "is absolute; give it relative to the repository's root";
  const segments = path.split("/");
  if (segments.includes("..")) return 'has a ".." segment';
  if (segments.includes(".")) return 'has a "." segment';
  if (segments.includes("")) return "has an empty segment (a doubled or trailing /)";
  return undefined;
};

/** A value from the input, quoted and cut short enough for one line of a message. */
const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

const isoDateTime = z.iso.datetime({ offset: true });
/** The latest instant a JavaScript date holds, in seconds: epoch timestamps beyond it are not dates. */
const MAX_EPOCH_SECONDS = 8.64e12;

/** Keys whose values are times in GitHub's payloads: `merged_at`, `created_at`, `head_commit.timestamp`, … */
const isTimeKey = (key: string) => key.endsWith("_at") || key === "timestamp";

/**
 * The first time in a payload that is not one: an ISO 8601 date-time string (or, as push payloads give
 * some, whole epoch seconds), or null. Walks without recursion, so a deeply nested payload cannot
 * overflow the stack here.
 */
export const badTime = (payload: unknown): { path: string; value: unknown } | undefined => {
  const pending: { key: string; value: unknown; path: string }[] = [
    { key: "", value: payload, path: "payload" },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { key, value, path } = next;
    if (isTimeKey(key) && (typeof value === "string" || typeof value === "number")) {
      const ok =
        typeof value === "string"
          ? isoDateTime.safeParse(value).success && Number.isFinite(Date.parse(value))
          : Number.isInteger(value) && Math.abs(value) <= MAX_EPOCH_SECONDS;
      if (!ok) return { path, value };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const children = Array.isArray(value)
      ? value.map((v, i) => ({ key: "", value: v, path: `${path}[${i}]` }))
      : Object.entries(value).map(([k, v]) => ({ key: k, value: v, path: `${path}.${k}` }));
    // Last pushed, first popped: the payload is checked in the order it is written.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) pending.push(child);
    }
  }
  return undefined;
};

/** One line of an events file: what GitHub delivers, plus optional file contents for a push. */
export const Delivery = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    payload: z.record(z.string(), z.unknown()),
    files: z.record(z.string(), z.string().nullable()).optional(),
  })
  .superRefine((d, ctx) => {
    for (const path of Object.keys(d.files ?? {})) {
      const problem = repoPathProblem(path);
      if (problem)
        ctx.addIssue({
          code: "custom",
          path: ["files", path],
          message: `files: ${shown(path)} leaves the repository: it ${problem}`,
        });
    }
    const time = badTime(d.payload);
    if (time)
      ctx.addIssue({
        code: "custom",
        path: ["payload"],
        message: `${time.path}: ${shown(time.value)} is not a date-time; expected ISO 8601, e.g. 2026-10-05T15:00:00Z`,
      });
  });
export type Delivery = z.infer<typeof Delivery>;

const KNOWN = new Set<string>(emitterEventNames.filter((n) => !n.includes(".")));

export type ParsedLine = { line: number; delivery: Delivery } | { line: number; error: string };

/** One line of JSON Lines as a delivery, or a message naming what is wrong with it. */
const parseLine = (raw: string, line: number): ParsedLine[] => {
  if (!raw.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return [{ line, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` }];
  }
  const r = Delivery.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    // Checks of the line's content (file paths, times) say all there is to say.
    if (issue?.code === "custom") return [{ line, error: issue.message }];
    const where = issue?.path.length ? issue.path.join(".") : "line";
    const what = issue?.code === "unrecognized_keys" ? `unknown member "${issue.keys[0]}"` : issue?.message;
    return [{ line, error: `${where}: ${what}; expected {"id", "name", "payload", "files"?}` }];
  }
  if (!KNOWN.has(r.data.name)) return [{ line, error: `unknown event "${r.data.name}"` }];
  return [{ line, delivery: r.data }];
};

/** About this many characters of whole lines are compressed together. */
const PIECE_CHARS = 1 << 20;

interface Piece {
  encoding: "utf8" | "utf16le";
  bytes: Buffer;
}

const pack = (text: string): Piece => {
  const encoding = isWellFormed(text) ? "utf8" : "utf16le";
  return { encoding, bytes: deflateRawSync(Buffer.from(text, encoding)) };
};

const unpack = ({ encoding, bytes }: Piece): string[] => inflateRawSync(bytes).toString(encoding).split("\n");

/** Bytes read from an events file at a time. */
const READ_BYTES = 1 << 20;

/** A UTF-8 file's text in consecutive parts, read a megabyte at a time (as `readFileSync(path, "utf8")`). */
function* fileText(path: string): Generator<string> {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const decoder = new StringDecoder("utf8");
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      yield decoder.write(buffer.subarray(0, n));
    yield decoder.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of a JSON Lines text (as `text.split("\n")` gives them), held compressed in pieces of about a
 * megabyte of whole lines: a stream of webhook deliveries is repetitive (every payload repeats its
 * repository and accounts), so a 200 MB events file takes a few megabytes. The text is kept exactly: a
 * piece that is not well-formed UTF-16 (a lone surrogate) is stored as UTF-16.
 */
export class PackedLines {
  private constructor(private readonly pieces: Piece[]) {}

  /** The lines of a text given in consecutive parts; the text itself is never held whole. */
  static of(parts: Iterable<string>): PackedLines {
    const pieces: Piece[] = [];
    // What is read since the last cut, in parts: each part is searched once, and a long line is joined
    // once (never re-scanned or copied with every read).
    let held: string[] = [];
    let heldChars = 0;
    for (const part of parts) {
      const cut = part.lastIndexOf("\n");
      if (cut !== -1 && heldChars + cut >= PIECE_CHARS) {
        held.push(part.slice(0, cut));
        pieces.push(pack(held.join("")));
        const rest = part.slice(cut + 1);
        held = [rest];
        heldChars = rest.length;
      } else {
        held.push(part);
        heldChars += part.length;
      }
    }
    pieces.push(pack(held.join("")));
    return new PackedLines(pieces);
  }

  /** An events file's lines, read a megabyte at a time: its text is never in memory all at once. */
  static fromFile(path: string): PackedLines {
    return PackedLines.of(fileText(path));
  }

  /** Every line in order, one piece decompressed at a time. */
  *lines(): Generator<string> {
    for (const piece of this.pieces) yield* unpack(piece);
  }

  /** Every line in order, each piece let go once decompressed: afterwards no lines are left. */
  *drain(): Generator<string> {
    for (let piece = this.pieces.shift(); piece; piece = this.pieces.shift()) yield* unpack(piece);
  }
}

/**
 * The deliveries of JSON Lines one at a time, each bad line as a message naming what is wrong: a line is
 * parsed only when it is reached, so a long stream never holds more than one parsed delivery.
 */
export function* deliveryLines(lines: Iterable<string>): Generator<ParsedLine> {
  let line = 0;
  for (const raw of lines) yield* parseLine(raw, ++line);
}

/** Splits JSON Lines into deliveries, each bad line turned into a message naming what is wrong. */
export const parseDeliveries = (text: string): ParsedLine[] => [...deliveryLines(text.split("\n"))];
