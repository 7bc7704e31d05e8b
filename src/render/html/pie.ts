import { ChartError, num } from "./chart-text.js";
import { escapeHtml } from "./escape.js";
import { PALETTE } from "./xychart.js";

/** A Mermaid `pie` chart: labelled slices. */
export interface PieChart {
  title?: string;
  slices: { label: string; value: number }[];
}

/** Parses a pie chart; `header` is the first line (`pie`, `pie showData`, `pie title …`). */
export const parsePie = (header: string, lines: string[]): PieChart => {
  const chart: PieChart = { slices: [] };
  const inline = /^pie(?:\s+showData)?(?:\s+title\s+(.*))?$/.exec(header.trim());
  if (inline?.[1]) chart.title = inline[1].trim();
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith("%%")) continue;
    const title = /^title\s+(.*)$/.exec(t);
    if (title) {
      chart.title = title[1]?.trim() ?? "";
      continue;
    }
    const slice = /^"([^"]*)"\s*:\s*(\d+(?:\.\d+)?)$/.exec(t);
    if (!slice) throw new ChartError(`pie: cannot read "${t}"`);
    chart.slices.push({ label: slice[1] ?? "", value: Number(slice[2]) });
  }
  if (!chart.slices.length) throw new ChartError("pie: no slices");
  return chart;
};

const R = 110;
const C = { x: 140, y: 150 };

const point = (angle: number) => `${num(C.x + R * Math.sin(angle))},${num(C.y - R * Math.cos(angle))}`;

export const pieSvg = (chart: PieChart): string => {
  const total = chart.slices.reduce((s, x) => s + x.value, 0);
  const parts: string[] = [];
  if (chart.title)
    parts.push(
      `<text class="chart-title" x="320" y="24" text-anchor="middle">${escapeHtml(chart.title)}</text>`,
    );
  let angle = 0;
  chart.slices.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const share = total ? s.value / total : 0;
    const label = `${s.label}: ${num(s.value)} (${num(share * 100)}%)`;
    if (share >= 0.9999)
      parts.push(
        `<circle cx="${C.x}" cy="${C.y}" r="${R}" fill="${color}"><title>${escapeHtml(label)}</title></circle>`,
      );
    else if (share > 0) {
      const end = angle + share * 2 * Math.PI;
      const large = share > 0.5 ? 1 : 0;
      parts.push(
        `<path class="slice" d="M${C.x},${C.y} L${point(angle)} A${R},${R} 0 ${large} 1 ${point(end)} Z" fill="${color}"><title>${escapeHtml(label)}</title></path>`,
      );
      angle = end;
    }
    const ly = 60 + i * 22;
    parts.push(
      `<rect x="290" y="${ly - 11}" width="12" height="12" fill="${color}"/>`,
      `<text class="legend" x="308" y="${ly}">${escapeHtml(label)}</text>`,
    );
  });
  const height = Math.max(300, 60 + chart.slices.length * 22);
  return `<svg class="chart pie" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 ${height}" role="img" aria-label="${escapeHtml(chart.title ?? "Pie chart")}">${parts.join("")}</svg>`;
};
