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

/** An href a reader may follow: web, mail, in-page or relative; never `javascript:`, `data:` or `vbscript:`. */
export const safeHref = (href: string): string | undefined => {
  const trimmed = href.trim();
  // Browsers ignore tabs and newlines inside a scheme ("java\tscript:"), so judge the URL without them.
  const compact = [...trimmed]
    .filter((ch) => (ch.codePointAt(0) ?? 0) > 0x20)
    .join("")
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  if (scheme) return ["http", "https", "mailto"].includes(scheme[1] ?? "") ? trimmed : undefined;
  // No scheme: an in-page anchor or a relative path; "//host" would leave the page's origin.
  return compact.startsWith("//") || compact.startsWith("\\") ? undefined : trimmed;
};
