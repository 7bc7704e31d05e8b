import { escapeHtml } from "./escape.js";
import type { LocalLink } from "./markdown.js";
import { markdownToHtml } from "./markdown.js";
import type { PageCheckRun, PageComment, PageReaction } from "./model.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Oct 2, 2026" from an ISO time, in UTC so every run and machine shows the same. */
export const day = (iso: string): string => {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return escapeHtml(iso);
  return `${MONTHS[t.getUTCMonth()]} ${t.getUTCDate()}, ${t.getUTCFullYear()}`;
};

/** A stand-in avatar: the login's first letter on one of eight colours, the same for a login every time. */
export const avatar = (login: string, small = false): string => {
  let h = 0;
  for (const ch of login.toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 9973;
  const letter =
    login
      .replace(/[^A-Za-z0-9]/g, "")
      .charAt(0)
      .toUpperCase() || "?";
  return `<span class="avatar${small ? " small" : ""} avatar-${h % 8}" aria-hidden="true">${escapeHtml(letter)}</span>`;
};

export const login = (name: string): string =>
  `<b>${escapeHtml(name)}</b>${name.endsWith("[bot]") ? '<span class="bot">bot</span>' : ""}`;

export const labels = (names: readonly string[]): string =>
  names.map((n) => `<span class="label">${escapeHtml(n)}</span>`).join("");

const EMOJI: Record<string, string> = {
  "+1": "👍",
  "-1": "👎",
  laugh: "😄",
  confused: "😕",
  heart: "❤️",
  hooray: "🎉",
  rocket: "🚀",
  eyes: "👀",
};

const reactions = (list: readonly PageReaction[] | undefined): string => {
  const shown = (list ?? []).filter((r) => r.count > 0);
  if (!shown.length) return "";
  return `<div class="reactions">${shown
    .map(
      (r) =>
        `<span class="reaction" title="${escapeHtml(r.content)}">${EMOJI[r.content] ?? escapeHtml(r.content)} ${r.count}</span>`,
    )
    .join("")}</div>`;
};

/** One comment box, as in a GitHub conversation: avatar, who and when, the rendered body, reactions. */
export const commentBox = (c: PageComment, local: LocalLink, verb = "commented"): string =>
  `<div class="comment">${avatar(c.author)}<div class="box"><div class="box-header">${login(c.author)} ${verb}${c.createdAt ? ` on ${day(c.createdAt)}` : ""}</div><div class="markdown-body">${c.body.trim() ? markdownToHtml(c.body, local) : '<p class="empty">No description provided.</p>'}</div>${reactions(c.reactions)}</div></div>`;

const MARK: Record<string, string> = {
  success: "✓",
  failure: "✗",
  timed_out: "✗",
  action_required: "!",
  cancelled: "⊘",
  skipped: "⤼",
  neutral: "○",
  stale: "○",
};

/** A box of check runs: each with its conclusion, title and rendered summary. */
export const checkRunsBox = (heading: string, runs: readonly PageCheckRun[], local: LocalLink): string => {
  if (!runs.length) return "";
  const rows = runs.map((r) => {
    const conclusion = r.conclusion ?? "pending";
    const summary = r.summary?.trim()
      ? `<div class="markdown-body">${markdownToHtml(r.summary, local)}</div>`
      : "";
    return `<div class="box-row check-run"><div class="check"><span class="check-mark ${escapeHtml(conclusion)}" title="${escapeHtml(conclusion)}">${MARK[conclusion] ?? "•"}</span><span><b>${escapeHtml(r.name)}</b> — ${escapeHtml(conclusion.replace(/_/g, " "))}${r.title ? `: ${escapeHtml(r.title)}` : ""} <span class="row-meta">on ${escapeHtml(r.headSha.slice(0, 7))}</span></span></div>${summary}</div>`;
  });
  return `<div class="box checks"><div class="box-header">${escapeHtml(heading)}</div>${rows.join("")}</div>`;
};
