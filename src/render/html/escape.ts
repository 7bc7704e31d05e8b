/** Text for an HTML text node or a double-quoted attribute: nothing in it can open a tag or end an attribute. */
export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

// A character reference the browser decodes to text (`&#8203;`, `&lt;`): safe to keep as written.
const ENTITY = /^&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Like `escapeHtml`, but character references already in the text stay as they are: Rungs' markdown
 * writes `@&#8203;login` and `&lt;` on purpose, and GitHub shows them decoded, never as `&amp;#8203;`.
 */
export const escapeText = (text: string): string => {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === "&") {
      const entity = ENTITY.exec(text.slice(i, i + 40));
      if (entity) {
        out += entity[0];
        i += entity[0].length - 1;
      } else out += "&amp;";
    } else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === '"') out += "&quot;";
    else if (ch === "'") out += "&#39;";
    else out += ch;
  }
  return out;
};

/**
 * An href a reader may follow from the offline page: the web, mail, or an anchor in the page; never
 * `javascript:`, `data:` or `vbscript:`, and no relative path (it would point nowhere offline).
 */
export const safeHref = (href: string): string | undefined => {
  const trimmed = href.trim();
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so judge the URL without them.
  const compact = [...trimmed]
    .filter((ch) => (ch.codePointAt(0) ?? 0) > 0x20)
    .join("")
    .toLowerCase();
  if (/^#./.test(compact)) return trimmed;
  return /^(https?:\/\/[^/\\]|mailto:)/.test(compact) ? trimmed : undefined;
};
