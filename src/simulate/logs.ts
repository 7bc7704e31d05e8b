import type { LogLine } from "./probot.js";

/** Pino's own bookkeeping, and the delivery itself: a log line names what happened, not the whole event. */
const DROPPED = new Set(["time", "pid", "hostname", "name", "v", "payload", "event"]);
/** Past this, the fields of one log line are cut short. */
const FIELDS_LIMIT = 500;

const firstLine = (text: string) => text.split("\n")[0] ?? "";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Drops payloads and events at any depth, and reduces an error to its message's first line. */
const replacer = (key: string, value: unknown): unknown => {
  if (DROPPED.has(key)) return undefined;
  if (key === "err" && isRecord(value) && typeof value.message === "string") return firstLine(value.message);
  return value;
};

/**
 * One log line of the app as one line of text: `warn: message {"field": …}`. No payload or event is
 * printed (Probot attaches the whole delivery to an error), no stack, no line breaks.
 */
export const formatLog = (entry: LogLine): string => {
  const { level, msg, ...rest } = entry;
  const tag = level >= 50 ? "error" : level >= 40 ? "warn" : level >= 30 ? "info" : "debug";
  const kept = Object.fromEntries(Object.entries(rest).filter(([k]) => !DROPPED.has(k)));
  let fields = Object.keys(kept).length ? JSON.stringify(kept, replacer) : "";
  if (fields.length > FIELDS_LIMIT) fields = `${fields.slice(0, FIELDS_LIMIT - 1)}…`;
  const text = String(msg ?? "").replace(/\r?\n/g, "\\n");
  return fields ? `${tag}: ${text} ${fields}` : `${tag}: ${text}`;
};
