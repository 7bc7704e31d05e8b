/** Drops C0 and C1 control characters (terminal escapes, NUL, bell…): never meaningful in a view. */
export const withoutControls = (text: string): string => {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x20 && (c < 0x7f || c > 0x9f)) out += ch;
  }
  return out;
};

/**
 * Untrusted text (PR titles, notes, logins) made safe for GitHub markdown: no raw HTML, no
 * @-mention pings, no links or emphasis smuggled in, and nothing that breaks a table cell.
 */
export const escapeInline = (text: string, maxLength = 120): string => {
  const flat = withoutControls(text.replace(/[\r\n\t]+/g, " ")).trim();
  const clipped = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return (
    clipped
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/([\\`*_[\]|~#!])/g, "\\$1")
      .replace(/@/g, "@&#8203;")
      // GitHub turns bare URLs and www. names into links; a zero-width space keeps them text.
      .replace(/:\/\//g, ":/&#8203;/")
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}&#8203;.`)
  );
};

/**
 * A person's own markdown (goals, notes) kept as markdown, but with raw HTML (and so hidden markers and
 * comments), @-mention pings and control characters defused, and its length bounded.
 */
export const escapeBlock = (text: string, maxLength = 4000): string => {
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return clipped
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@&#8203;")
    .split("\n")
    .map((line) => withoutControls(line))
    .join("\n");
};

/** A login shown as text, never a mention. */
export const plainLogin = (login: string): string => escapeInline(login, 60);

/** A URL we built or took from GitHub, kept only if it is an https URL without markdown-breaking characters. */
export const safeUrl = (url: string | undefined): string | undefined =>
  url && /^https:\/\/[^\s()<>"'`]+$/.test(url) ? url : undefined;

export const link = (text: string, url: string | undefined): string => {
  const safe = safeUrl(url);
  return safe ? `[${text}](${safe})` : text;
};
