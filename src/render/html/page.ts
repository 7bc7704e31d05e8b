import { issueSection, pullSection } from "./conversation.js";
import { escapeHtml } from "./escape.js";
import { issueAnchor, localLinks, pullAnchor } from "./links.js";
import type { DemoPage, PageIssue, PagePull } from "./model.js";
import { checkRunsBox, day, labels } from "./parts.js";
import { STYLE } from "./style.js";

// No script may run and nothing may load from elsewhere, whatever the markdown held: the browser enforces it.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const issueRow = (i: PageIssue) =>
  `<div class="box-row"><span class="state-icon ${i.state}" title="${i.state}"></span><div><a class="row-title" href="#${issueAnchor(i.number)}">${escapeHtml(i.title)}</a> ${labels(i.labels)}<div class="row-meta">#${i.number} opened on ${day(i.createdAt)} by ${escapeHtml(i.author)}${i.assignees.length ? ` · assigned to ${escapeHtml(i.assignees.join(", "))}` : ""}</div></div></div>`;

const pullRow = (p: PagePull) =>
  `<div class="box-row"><span class="state-icon ${p.state}" title="${p.state}"></span><div><a class="row-title" href="#${pullAnchor(p.number)}">${escapeHtml(p.title)}</a> ${labels(p.labels)}<div class="row-meta">#${p.number} ${p.state} · by ${escapeHtml(p.author)}${p.requestedReviewers.length ? ` · review requested from ${escapeHtml(p.requestedReviewers.join(", "))}` : ""}</div></div></div>`;

const list = (id: string, heading: string, rows: string[], none: string) =>
  `<nav class="box" id="${id}" aria-label="${heading}"><div class="box-header">${heading} <span class="counter">${rows.length}</span></div>${rows.length ? rows.join("") : `<div class="box-row empty">${none}</div>`}</nav>`;

/**
 * The career repo as GitHub would show it, in one self-contained HTML page: an index of issues and pull
 * requests, then each one's conversation. No script, no request to anywhere: it opens from a file.
 */
export const demoPageHtml = (page: DemoPage): string => {
  const local = localLinks(page);
  const [owner = "", name = ""] = page.repo.split("/");
  const open = (xs: { state: string }[]) => xs.filter((x) => x.state === "open").length;
  const head = `<header class="app-header" id="top"><div class="container"><span class="repo-name"><span class="owner">${escapeHtml(owner)}</span> / <strong>${escapeHtml(name)}</strong></span><span class="visibility">Private</span><nav class="tabs"><a class="selected" href="#issues">Issues <span class="counter">${open(page.issues)}</span></a><a href="#pulls">Pull requests <span class="counter">${open(page.pulls)}</span></a></nav></div></header>`;
  const body = [
    page.caption ? `<p class="caption">${escapeHtml(page.caption)}</p>` : "",
    list("issues", "Issues", page.issues.map(issueRow), "No issues."),
    list("pulls", "Pull requests", page.pulls.map(pullRow), "No pull requests."),
    ...page.issues.map((i) => issueSection(i, local)),
    ...page.pulls.map((p) => pullSection(p, local)),
    page.otherCheckRuns.length
      ? `<section class="conversation" id="checks"><h2 class="title">Check runs</h2>${checkRunsBox(`Checks on ${page.repo}`, page.otherCheckRuns, local)}</section>`
      : "",
  ].join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.repo)} · Rungs demo</title>
<style>${STYLE}</style>
</head>
<body>
${head}
<main class="container">
${body}
</main>
</body>
</html>
`;
};
