import { escapeHtml } from "./escape.js";
import { issueAnchor, pullAnchor } from "./links.js";
import type { LocalLink } from "./markdown.js";
import { markdownToHtml } from "./markdown.js";
import type { PageComment, PageFile, PageIssue, PagePull, PageReview } from "./model.js";
import { avatar, checkRunsBox, commentBox, day, labels, login } from "./parts.js";

const STATE_TEXT = { open: "Open", closed: "Closed", merged: "Merged" } as const;

const sidebarPart = (title: string, body: string) => `<section><h3>${title}</h3>${body}</section>`;

const people = (logins: readonly string[], none: string) =>
  logins.length
    ? logins.map((l) => `<div>${avatar(l, true)}${escapeHtml(l)}</div>`).join("")
    : `<div>${none}</div>`;

const header = (anchor: string, title: string, n: number, state: keyof typeof STATE_TEXT, meta: string) =>
  `<section class="conversation" id="${anchor}"><h2 class="title">${escapeHtml(title)} <span class="number">#${n}</span></h2><div class="header-meta"><span class="state ${state}">${STATE_TEXT[state]}</span><span>${meta}</span></div>`;

const footer = '<p class="back"><a href="#top">↑ Back to the index</a></p></section>';

const byTime = <T>(items: { at: string; html: T }[]) =>
  [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((i) => i.html);

const commentItems = (comments: readonly PageComment[], local: LocalLink) =>
  comments.map((c) => ({ at: c.createdAt, html: commentBox(c, local) }));

const REVIEW_VERB: Record<string, string> = {
  APPROVED: "approved these changes",
  CHANGES_REQUESTED: "requested changes",
  COMMENTED: "reviewed",
  DISMISSED: "reviewed (dismissed)",
  PENDING: "started a review",
};

const reviewItem = (r: PageReview, local: LocalLink) => {
  const verb = `<span class="review-state ${escapeHtml(r.state.toLowerCase())}">${REVIEW_VERB[r.state] ?? escapeHtml(r.state.toLowerCase())}</span>`;
  return {
    at: r.submittedAt,
    html: r.body.trim()
      ? commentBox({ author: r.author, createdAt: r.submittedAt, body: r.body }, local, verb)
      : `<div class="event">${avatar(r.author, true)}${login(r.author)} ${verb} on ${day(r.submittedAt)}</div>`,
  };
};

/** A goal issue (or any issue) as its GitHub page shows it: title, state, body, comments, sidebar. */
export const issueSection = (i: PageIssue, local: LocalLink): string => {
  const count = `${i.comments.length} comment${i.comments.length === 1 ? "" : "s"}`;
  const meta = `${login(i.author)} opened this issue on ${day(i.createdAt)} · ${count}`;
  const timeline = [
    commentBox({ author: i.author, createdAt: i.createdAt, body: i.body }, local, "opened this issue"),
    ...byTime(commentItems(i.comments, local)),
  ].join("");
  const sidebar = [
    sidebarPart("Assignees", people(i.assignees, "No one assigned")),
    sidebarPart("Labels", i.labels.length ? labels(i.labels) : "None yet"),
  ].join("");
  return `${header(issueAnchor(i.number), i.title, i.number, i.state, meta)}<div class="layout"><div class="timeline">${timeline}</div><aside class="sidebar">${sidebar}</aside></div>${footer}`;
};

const STATUS_TEXT = { added: "added", modified: "changed", removed: "removed" } as const;

const fileBox = (f: PageFile, local: LocalLink) => {
  const body =
    f.markdown !== undefined && f.status !== "removed"
      ? `<div class="markdown-body">${markdownToHtml(f.markdown, local)}</div>`
      : "";
  return `<div class="box file"><div class="box-header file-header">${escapeHtml(f.path)}<span class="file-status">${STATUS_TEXT[f.status]}</span></div>${body}</div>`;
};

/**
 * A pull request (a promotion packet) as GitHub shows it: the conversation with reviews, its check runs,
 * and the files it changes, markdown files rendered (GitHub's rich view) so a packet's tables and charts
 * read as they would there.
 */
export const pullSection = (p: PagePull, local: LocalLink): string => {
  const opened = p.createdAt ? ` on ${day(p.createdAt)}` : "";
  const meta = `${login(p.author)} wants to merge <code>${escapeHtml(p.head)}</code> into <code>${escapeHtml(p.base)}</code>${opened}`;
  const timeline = [
    commentBox(
      { author: p.author, createdAt: p.createdAt ?? "", body: p.body },
      local,
      "opened this pull request",
    ),
    ...byTime([...commentItems(p.comments, local), ...p.reviews.map((r) => reviewItem(r, local))]),
    checkRunsBox("Checks", p.checkRuns, local),
  ].join("");
  const files = p.files.length
    ? `<h3>Files changed <span class="counter">${p.files.length}</span></h3>${p.files.map((f) => fileBox(f, local)).join("")}`
    : "";
  const reviewers = [...new Set([...p.requestedReviewers, ...p.reviews.map((r) => r.author)])];
  const sidebar = [
    sidebarPart("Reviewers", people(reviewers, "No reviews")),
    sidebarPart("Labels", p.labels.length ? labels(p.labels) : "None yet"),
  ].join("");
  return `${header(pullAnchor(p.number), p.title, p.number, p.state, meta)}<div class="layout"><div class="timeline">${timeline}${files}</div><aside class="sidebar">${sidebar}</aside></div>${footer}`;
};
