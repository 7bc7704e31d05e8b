/** The demo page: the simulated career repo as one offline HTML page, and the safe markdown it is built from. */
export { escapeHtml, safeHref } from "./escape.js";
export { type LocalLink, markdownToHtml } from "./markdown.js";
export { mermaidFigure } from "./mermaid.js";
export type {
  DemoPage,
  PageCheckRun,
  PageComment,
  PageFile,
  PageIssue,
  PagePull,
  PageReaction,
  PageReview,
} from "./model.js";
export { demoPageHtml } from "./page.js";
export { sanitizeHtml } from "./sanitize.js";
