import { ChartError } from "./chart-text.js";
import { escapeHtml } from "./escape.js";
import { parsePie, pieSvg } from "./pie.js";
import { parseXyChart, xyChartSvg } from "./xychart.js";

/**
 * A ```mermaid block as GitHub shows it: a chart, drawn here as inline SVG for the kinds Rungs writes
 * (`xychart-beta` bars and lines, `pie`). Anything else, or a chart that does not parse, is shown as its
 * source with the reason, never dropped silently.
 */
export const mermaidFigure = (source: string): string => {
  const lines = source.split("\n");
  const start = lines.findIndex((l) => l.trim() && !l.trim().startsWith("%%"));
  const header = (lines[start] ?? "").trim();
  const body = lines.slice(start + 1);
  try {
    if (header === "xychart-beta" || header === "xychart")
      return `<figure class="chart">${xyChartSvg(parseXyChart(body))}</figure>`;
    if (/^pie\b/.test(header)) return `<figure class="chart">${pieSvg(parsePie(header, body))}</figure>`;
    throw new ChartError(`"${header.split(/\s+/)[0] ?? ""}" charts are not drawn offline`);
  } catch (e) {
    if (!(e instanceof ChartError)) throw e;
    return `<figure class="chart chart-unrendered"><figcaption>Mermaid chart not drawn: ${escapeHtml(e.message)}</figcaption><pre><code>${escapeHtml(source)}</code></pre></figure>`;
  }
};
