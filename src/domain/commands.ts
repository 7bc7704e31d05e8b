/**
 * Commands people write in comments on a goal issue, one per line (docs: README "Commands"). A line in
 * a fenced code block or a quote is not a command, so quoting someone's command never runs it again.
 * Pure: parsing and checking only; what a command does is decided elsewhere.
 */
export type Command =
  | { name: "evidence"; criterion: string; url: string; note: string }
  | { name: "confirm"; ref: string }
  | { name: "reject"; ref: string; reason: string }
  | { name: "exclude"; target: string; reason: string }
  | { name: "include"; target: string }
  | { name: "focus"; criteria: string[] }
  | { name: "refresh" }
  | { name: "promote"; target?: string }
  | { name: "help" };

export type CommandName = Command["name"];

export type ParsedLine = { line: number; command: Command } | { line: number; error: string; text: string };

/** A note or reason is kept short: it is shown in a table cell and a ledger line. */
export const MAX_NOTE = 200;
/** Lines read from one comment: a comment is not a script. */
export const MAX_COMMANDS = 20;

const USAGE: Record<CommandName, string> = {
  evidence: "/evidence <criterion-id> <url> [note]",
  confirm: "/confirm <evidence-ref>",
  reject: "/reject <evidence-ref> <reason>",
  exclude: "/exclude <url-or-evidence-ref> <reason>",
  include: "/include <url-or-evidence-ref>",
  focus: "/focus <criterion-id> [<criterion-id> …]",
  refresh: "/refresh",
  promote: "/promote [level]",
  help: "/rungs help",
};
export const usageOf = (name: CommandName): string => USAGE[name];

const REF = /^[a-z0-9]{4,12}$/;

/** An http(s) URL, or undefined. */
export const asUrl = (text: string): string | undefined => {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    const u = new URL(text);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Text someone typed, quoted back in an answer as an inline code span: GitHub shows it as typed, with no
 * mention, link or HTML; backticks (which would end the span) and control characters are dropped.
 */
export const code = (text: string, max = 60): string => {
  const flat = text
    .replace(/[`\p{Cc}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return `\`${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat || " "}\``;
};

const clip = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_NOTE ? `${flat.slice(0, MAX_NOTE - 1)}…` : flat;
};

const parseOne = (name: string, args: string[]): Command | string => {
  const [first, ...rest] = args;
  switch (name) {
    case "evidence": {
      const [criterion, url, ...note] = args;
      if (!criterion || !url) return `usage: ${USAGE.evidence}`;
      const valid = asUrl(url);
      if (!valid) return `${code(url)} is not a link (https://…): ${USAGE.evidence}`;
      return { name: "evidence", criterion: criterion.toLowerCase(), url: valid, note: clip(note.join(" ")) };
    }
    case "confirm":
      if (!first || rest.length) return `usage: ${USAGE.confirm}`;
      return REF.test(first.toLowerCase())
        ? { name: "confirm", ref: first.toLowerCase() }
        : `${code(first)} is not an evidence ref`;
    case "reject": {
      if (!first || rest.length === 0) return `usage: ${USAGE.reject} (a reason is required)`;
      if (!REF.test(first.toLowerCase())) return `${code(first)} is not an evidence ref`;
      return { name: "reject", ref: first.toLowerCase(), reason: clip(rest.join(" ")) };
    }
    case "exclude":
      if (!first || rest.length === 0) return `usage: ${USAGE.exclude} (a reason is required)`;
      return { name: "exclude", target: first, reason: clip(rest.join(" ")) };
    case "include":
      if (!first || rest.length) return `usage: ${USAGE.include}`;
      return { name: "include", target: first };
    case "focus":
      if (args.length === 0) return `usage: ${USAGE.focus}`;
      return { name: "focus", criteria: [...new Set(args.map((a) => a.replace(/,$/, "").toLowerCase()))] };
    case "refresh":
      return args.length ? `usage: ${USAGE.refresh}` : { name: "refresh" };
    case "promote":
      if (args.length > 1) return `usage: ${USAGE.promote}`;
      if (first && !/^[A-Za-z][A-Za-z0-9-]{0,19}$/.test(first)) return `${code(first)} is not a level`;
      return first ? { name: "promote", target: first } : { name: "promote" };
    default:
      return `unknown command ${code(`/${name}`)}`;
  }
};

const KNOWN = new Set([
  "evidence",
  "confirm",
  "reject",
  "exclude",
  "include",
  "focus",
  "refresh",
  "promote",
  "rungs",
]);

/**
 * The commands of a comment, in order, each with its line. Lines that are not commands are skipped:
 * prose, fenced code blocks (``` or ~~~), quotes (>), and slash-words that are not Rungs commands
 * (another app's `/deploy`). A Rungs command with wrong arguments is an error line to answer.
 */
export const parseCommands = (body: string): ParsedLine[] => {
  const out: ParsedLine[] = [];
  let fence: string | undefined;
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    // A fence closes only with the same character, at least as long, and nothing after it (CommonMark).
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})(.*)$/.exec(raw);
    if (fenceMark?.[1]) {
      const mark = fenceMark[1];
      if (fence === undefined) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length && !fenceMark[2]?.trim())
        fence = undefined;
      continue;
    }
    if (fence !== undefined || /^\s*>/.test(raw) || /^( {4}|\t)/.test(raw)) continue;
    const m = /^\s*\/([A-Za-z-]+)(?:\s+(.*))?$/.exec(raw);
    if (!m?.[1]) continue;
    const word = m[1].toLowerCase();
    if (!KNOWN.has(word)) continue;
    const args = (m[2] ?? "").trim().split(/\s+/).filter(Boolean);
    if (out.length >= MAX_COMMANDS) {
      out.push({
        line,
        error: `more than ${MAX_COMMANDS} commands in one comment; the rest were not read`,
        text: "",
      });
      break;
    }
    if (word === "rungs") {
      out.push(
        args.length === 1 && args[0]?.toLowerCase() === "help"
          ? { line, command: { name: "help" } }
          : { line, error: `usage: ${USAGE.help}`, text: clip(raw) },
      );
      continue;
    }
    const parsed = parseOne(word, args);
    out.push(
      typeof parsed === "string" ? { line, error: parsed, text: clip(raw) } : { line, command: parsed },
    );
  }
  return out;
};
