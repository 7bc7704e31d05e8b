import { escapeText } from "./escape.js";

/**
 * Raw HTML GitHub lets through in comments, kept here without any attribute (but `open` on `details`):
 * structure and emphasis only, nothing that loads, runs or styles.
 */
const ALLOWED = new Set([
  "b",
  "blockquote",
  "br",
  "code",
  "del",
  "details",
  "em",
  "hr",
  "i",
  "kbd",
  "li",
  "ol",
  "p",
  "pre",
  "s",
  "strong",
  "sub",
  "summary",
  "sup",
  "ul",
]);
const VOID = new Set(["br", "hr"]);

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)(\s+open(?:="")?)?\s*(\/?)>$/;

/** One raw tag: the allowed ones rewritten in a plain form, anything else shown as text. */
const tag = (raw: string): string => {
  const m = TAG.exec(raw);
  const name = m?.[2]?.toLowerCase();
  if (!m || !name || !ALLOWED.has(name)) return escapeText(raw);
  if (m[3] && name !== "details") return escapeText(raw);
  if (m[1]) return VOID.has(name) ? "" : `</${name}>`;
  return `<${name}${m[3] ? " open" : ""}>`;
};

/**
 * Raw HTML from markdown made safe to place in the page: comments (Rungs' hidden markers) dropped,
 * allowed tags kept bare, every other tag and all text escaped. Nothing outside `ALLOWED` survives.
 */
export const sanitizeHtml = (html: string): string => {
  let out = "";
  let rest = html;
  while (rest) {
    const lt = rest.indexOf("<");
    if (lt < 0) {
      out += escapeText(rest);
      break;
    }
    out += escapeText(rest.slice(0, lt));
    rest = rest.slice(lt);
    if (rest.startsWith("<!--")) {
      const end = rest.indexOf("-->", 4);
      rest = end < 0 ? "" : rest.slice(end + 3);
      continue;
    }
    const gt = rest.indexOf(">");
    const next = rest.indexOf("<", 1);
    if (gt < 0 || (next >= 0 && next < gt)) {
      out += "&lt;";
      rest = rest.slice(1);
      continue;
    }
    out += tag(rest.slice(0, gt + 1));
    rest = rest.slice(gt + 1);
  }
  return out;
};
