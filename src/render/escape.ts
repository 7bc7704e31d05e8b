/**
 * Untrusted text (PR titles, notes, logins) made safe for GitHub markdown: no raw HTML, no
 * @-mention pings, no links or emphasis smuggled in, and nothing that breaks a table cell.
 */
export const escapeInline = (text: string, maxLength = 120): string => {
  const flat = text.replace(/[\r\n\t]+/g, " ").trim();
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

/** A login shown as text, never a mention. */
export const plainLogin = (login: string): string => escapeInline(login, 60);

/** A URL we built or took from GitHub, kept only if it is an https URL without markdown-breaking characters. */
export const safeUrl = (url: string | undefined): string | undefined =>
  url && /^https:\/\/[^\s()<>"'`]+$/.test(url) ? url : undefined;

export const link = (text: string, url: string | undefined): string => {
  const safe = safeUrl(url);
  return safe ? `[${text}](${safe})` : text;
};
