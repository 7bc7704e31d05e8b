import matter from "gray-matter";
import { type Document, isMap, isScalar, isSeq, Lexer, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { type Problem, problemAt } from "./problem.js";

/** Parsed YAML that can say on which line each field stands. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Line and column of the field at `path` (or of its nearest existing parent). */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

const MAX_BYTES = 1_000_000;
/** Aliases a file may use; more is how a "billion laughs" file exhausts memory. */
const MAX_ALIASES = 100;
/** Nesting deeper than this is not a file a person wrote by hand. */
const MAX_DEPTH = 64;
/** Problems reported per file: the first ones are enough to fix it, and a flood helps no one. */
export const MAX_PROBLEMS_PER_FILE = 20;

/** Accepts what editors write: a UTF-8 byte-order mark and CRLF or CR line ends. */
export const normalizeText = (text: string): string =>
  (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, "\n");

/**
 * Whether flow collections (`[`, `{`) nest deeper than `limit`. YAML's own lexer (a state machine, no
 * recursion) tells a bracket that opens a collection from one in text, a quote, a comment or a block
 * scalar. It runs only when the text holds that many brackets at all, which ordinary files never do.
 */
const flowDepthOver = (text: string, limit: number): boolean => {
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) brackets++;
  }
  if (brackets <= limit) return false;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      if (++depth > limit) return true;
    } else if ((token === "]" || token === "}") && depth > 0) depth--;
  }
  return false;
};

/** How deeply a parsed value nests, stopping early once past `limit`. */
const depthOver = (value: unknown, limit: number): boolean => {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length) {
    const top = stack.pop() as { v: unknown; d: number };
    if (top.v === null || typeof top.v !== "object") continue;
    if (top.d >= limit) return true;
    for (const child of Object.values(top.v as Record<string, unknown>))
      stack.push({ v: child, d: top.d + 1 });
  }
  return false;
};

/** Rejects what is not a small text file before any parsing, so a binary or huge file gets one clear line. */
export const checkText = (file: string, text: string): Problem | undefined => {
  if (text.length > MAX_BYTES) {
    const size = text.length > 64 * MAX_BYTES ? "over 64 MB" : `${Buffer.byteLength(text, "utf8")} bytes`;
    return problemAt(file, `file is ${size}; at most ${MAX_BYTES} bytes are read`);
  }
  if (text.includes("\u0000"))
    return problemAt(file, "file is binary (contains NUL bytes); expected UTF-8 text");
  if (text.trim() === "") return problemAt(file, "file is empty");
  return undefined;
};

/** Parses YAML; `lineOffset` is how many lines of the file stand before the YAML text. */
export const parseYaml = (file: string, raw: string, lineOffset = 0): YamlSource | Problem => {
  const text = normalizeText(raw);
  // Flow collections nested thousands deep exhaust the parser's memory in ways it cannot report: refuse
  // them from the raw text, before parsing.
  if (flowDepthOver(text, MAX_DEPTH))
    return problemAt(
      file,
      `YAML nested more than ${MAX_DEPTH} levels deep: not a file Rungs reads`,
      1 + lineOffset,
      1,
    );
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length === 0) data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // The yaml library throws on resource limits (aliases) and the engine on runaway recursion.
    const why =
      e instanceof Error && /alias/i.test(e.message)
        ? `more than ${MAX_ALIASES} aliases (*name): a file that expands like this is refused`
        : "too deeply nested to read";
    return problemAt(file, `YAML ${why}`, 1 + lineOffset, 1);
  }
  if (doc.errors.length === 0 && depthOver(data, MAX_DEPTH)) {
    return problemAt(
      file,
      `YAML nested more than ${MAX_DEPTH} levels deep: not a file Rungs reads`,
      1 + lineOffset,
      1,
    );
  }
  const first = doc.errors[0];
  if (first) {
    // prettyErrors is off (messages stay one line), so the position comes from the offset.
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    const reason = first.message.split("\n")[0] ?? first.message;
    return problemAt(file, `YAML syntax error: ${reason}`, pos.line + lineOffset, pos.col);
  }
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  return {
    file,
    data,
    locate(path) {
      let node: unknown = doc.contents;
      let best = at(0);
      if (node && typeof node === "object" && "range" in node) best = at((node as Node).range?.[0] ?? 0);
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          if (!pair) return best;
          const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
          if (keyRange) best = at(keyRange[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === "number") {
          const item = node.items[key];
          if (!item) return best;
          const range = (item as Node).range;
          if (range) best = at(range[0]);
          node = item;
        } else {
          return best;
        }
      }
      return best;
    },
  };
};

export interface MarkdownSource extends YamlSource {
  body: string;
  /** Line of the file on which the body starts. */
  bodyLine: number;
}

/** Splits a markdown file into YAML frontmatter (via gray-matter) and body. */
export const parseMarkdown = (file: string, original: string): MarkdownSource | Problem => {
  const text = normalizeText(original);
  const bad = checkText(file, text);
  if (bad) return bad;
  if (!/^---\r?\n/.test(text))
    return problemAt(file, "missing YAML frontmatter: the file must start with a '---' line");
  let raw = "";
  const parsed = matter(text, {
    engines: {
      yaml: (s: string) => {
        raw = s;
        return {};
      },
    },
  });
  if (!/\n---\s*(\r?\n|$)/.test(text.slice(3))) {
    return problemAt(file, "frontmatter is not closed: add a '---' line after it");
  }
  // Lines of the file before the YAML text: the opening '---' (gray-matter keeps the newline after it in `raw`).
  const offset = raw.startsWith("\n") ? 0 : 1;
  const source = parseYaml(file, raw, offset);
  if ("message" in source) return source;
  const closing = text.split("\n").findIndex((l, i) => i > 0 && l.trim() === "---");
  const bodyLine = closing + 2;
  return { ...source, body: parsed.content, bodyLine };
};

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown => {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
};

const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    "",
  );

const shown = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s && s.length > 60 ? `${s.slice(0, 57)}...` : String(s);
};

/** Turns zod issues into problems at the lines of the offending fields. */
export const zodProblems = (source: YamlSource, error: z.ZodError): Problem[] => {
  const shownIssues = error.issues.slice(0, MAX_PROBLEMS_PER_FILE);
  const problems = shownIssues.flatMap((issue) => {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const where = source.locate([...path, key]);
        return problemAt(
          source.file,
          `unknown field "${pathText([...path, key])}"`,
          where.line,
          where.column,
        );
      });
    }
    const where = source.locate(path);
    const seen = valueAt(source.data, path);
    const field = pathText(path) || "(top level)";
    const saw = seen === undefined ? " (missing)" : ` (saw ${shown(seen)})`;
    return [problemAt(source.file, `${field}: ${issue.message}${saw}`, where.line, where.column)];
  });
  const more = error.issues.length - shownIssues.length;
  if (more > 0) problems.push(problemAt(source.file, `…and ${more} more problems in this file`));
  return problems;
};
