import { Marked, type Tokens } from "marked";
import { escapeHtml, escapeText, safeHref } from "./escape.js";
import { mermaidFigure } from "./mermaid.js";
import { sanitizeHtml } from "./sanitize.js";

/** Where a link of the page goes: an in-page anchor or a local file instead of github.com, when there is one. */
export type LocalLink = (href: string) => string | undefined;

// A mention as GitHub writes it; Rungs defuses untrusted ones with a zero-width space after "@".
const MENTION = /(^|[^\w`])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![\w-])/g;

const markedFor = (local: LocalLink): Marked => {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => sanitizeHtml(text),
      code: ({ text, lang }: Tokens.Code) =>
        lang?.trim() === "mermaid" ? mermaidFigure(text) : `<pre><code>${escapeHtml(text)}</code></pre>\n`,
      text(token: Tokens.Text | Tokens.Escape) {
        if (token.type !== "text" || ("tokens" in token && token.tokens?.length)) return false;
        return escapeText(token.text).replace(MENTION, '$1<span class="mention">@$2</span>');
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const safe = safeHref(href);
        if (safe === undefined) return inner;
        const target = local(safe) ?? safe;
        const external = /^(https?|mailto):/i.test(target);
        return `<a href="${escapeHtml(target)}"${title ? ` title="${escapeHtml(title)}"` : ""}${external ? ' rel="noopener noreferrer"' : ""}>${inner}</a>`;
      },
      // The page is offline: an image would be a request to somewhere else, so its text stands in.
      image: ({ text }: Tokens.Image) => `<span class="image-alt">${escapeText(text)}</span>`,
    },
  });
  return marked;
};

/**
 * GitHub-flavoured markdown as Rungs writes it (headings, tables, task lists, links, code, details,
 * emphasis, Mermaid charts) to HTML that is safe to put in the page: text escaped, raw HTML reduced to
 * a few bare tags, links only to the web, mail or within the page, charts as inline SVG.
 */
export const markdownToHtml = (markdown: string, local: LocalLink = () => undefined): string =>
  markedFor(local).parse(markdown, { async: false });
