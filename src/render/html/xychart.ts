import { ChartError, leadingTitle, listItems, num, range, ticks } from "./chart-text.js";
import { escapeHtml } from "./escape.js";

/** A Mermaid `xychart-beta` (vertical): categories along x, one or more bar and line series. */
export interface XyChart {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  categories: string[];
  y?: { min: number; max: number };
  series: { kind: "bar" | "line"; title?: string; values: number[] }[];
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, "$1");

/** Parses the chart's lines after `xychart-beta`; throws ChartError with the line it cannot read. */
export const parseXyChart = (lines: string[]): XyChart => {
  const chart: XyChart = { categories: [], series: [] };
  let xRange: { min: number; max: number } | undefined;
  for (const line of lines) {
    const [keyword = ""] = line.trim().split(/\s+/);
    const rest = line.trim().slice(keyword.length).trim();
    if (!keyword || keyword.startsWith("%%")) continue;
    if (keyword === "title") chart.title = unquote(rest);
    else if (keyword === "x-axis") {
      const { title, rest: after } = leadingTitle(rest);
      if (title !== undefined) chart.xTitle = title;
      if (after.startsWith("[")) chart.categories = listItems(after);
      else if (after) {
        xRange = range(after);
        if (!xRange) throw new ChartError(`x-axis: cannot read "${after}"`);
      }
    } else if (keyword === "y-axis") {
      const { title, rest: after } = leadingTitle(rest);
      if (title !== undefined) chart.yTitle = title;
      if (after) {
        const y = range(after);
        if (!y) throw new ChartError(`y-axis: cannot read "${after}"`);
        chart.y = y;
      }
    } else if (keyword === "bar" || keyword === "line") {
      const { title, rest: after } = leadingTitle(rest);
      if (!after.startsWith("[")) throw new ChartError(`${keyword}: expected [values], got "${rest}"`);
      const values = listItems(after).map(Number);
      if (values.some((v) => !Number.isFinite(v)))
        throw new ChartError(`${keyword}: values must be numbers, got "${after}"`);
      chart.series.push({ kind: keyword, ...(title === undefined ? {} : { title }), values });
    } else throw new ChartError(`unknown line "${line.trim()}"`);
  }
  if (!chart.series.length) throw new ChartError("no bar or line series");
  const length = Math.max(...chart.series.map((s) => s.values.length));
  if (!chart.categories.length) {
    const r = xRange ?? { min: 1, max: length };
    const step = length > 1 ? (r.max - r.min) / (length - 1) : 0;
    chart.categories = Array.from({ length }, (_, i) => num(r.min + i * step));
  }
  return chart;
};

export const PALETTE = ["#0969da", "#1a7f37", "#bf8700", "#cf222e", "#8250df", "#1b7c83"];

const W = 640;
const H = 320;
const M = { left: 56, right: 16, top: 40, bottom: 56 };

/** The chart as a self-contained SVG: no script, no external font or image. */
export const xyChartSvg = (chart: XyChart): string => {
  const all = chart.series.flatMap((s) => s.values);
  const yMin = Math.min(chart.y?.min ?? 0, ...all);
  const yMax = Math.max(chart.y?.max ?? 1, ...all);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const n = chart.categories.length;
  const band = plotW / Math.max(1, n);
  const cx = (i: number) => M.left + band * i + band / 2;
  const bars = chart.series.filter((s) => s.kind === "bar");
  const barW = (band * 0.7) / Math.max(1, bars.length);
  const parts: string[] = [];
  if (chart.title)
    parts.push(
      `<text class="chart-title" x="${W / 2}" y="24" text-anchor="middle">${escapeHtml(chart.title)}</text>`,
    );
  for (const t of ticks(yMin, yMax)) {
    parts.push(
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${num(y(t))}" y2="${num(y(t))}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${num(y(t) + 4)}" text-anchor="end">${num(t)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${num(y(Math.max(yMin, 0)))}" y2="${num(y(Math.max(yMin, 0)))}"/>`,
  );
  chart.categories.forEach((c, i) => {
    parts.push(
      `<text class="tick" x="${num(cx(i))}" y="${H - M.bottom + 16}" text-anchor="middle">${escapeHtml(c)}</text>`,
    );
  });
  if (chart.xTitle)
    parts.push(
      `<text class="axis-title" x="${num(M.left + plotW / 2)}" y="${H - 12}" text-anchor="middle">${escapeHtml(chart.xTitle)}</text>`,
    );
  if (chart.yTitle)
    parts.push(
      `<text class="axis-title" x="14" y="${num(M.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 14 ${num(M.top + plotH / 2)})">${escapeHtml(chart.yTitle)}</text>`,
    );
  const base = y(Math.max(yMin, 0));
  bars.forEach((s, k) => {
    const color = PALETTE[chart.series.indexOf(s) % PALETTE.length];
    s.values.forEach((v, i) => {
      const x = cx(i) - (barW * bars.length) / 2 + barW * k;
      const top = Math.min(y(v), base);
      const label = `${chart.categories[i] ?? i + 1}: ${num(v)}`;
      parts.push(
        `<rect class="bar" x="${num(x)}" y="${num(top)}" width="${num(barW * 0.92)}" height="${num(Math.abs(base - y(v)))}" fill="${color}"><title>${escapeHtml(s.title ? `${s.title}, ${label}` : label)}</title></rect>`,
      );
    });
  });
  chart.series.forEach((s, k) => {
    if (s.kind !== "line") return;
    const color = PALETTE[k % PALETTE.length];
    const points = s.values.map((v, i) => `${num(cx(i))},${num(y(v))}`).join(" ");
    parts.push(`<polyline class="line" points="${points}" fill="none" stroke="${color}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      parts.push(
        `<circle cx="${num(cx(i))}" cy="${num(y(v))}" r="3" fill="${color}"><title>${escapeHtml(`${chart.categories[i] ?? i + 1}: ${num(v)}`)}</title></circle>`,
      );
    });
  });
  const label = chart.title ?? "Chart";
  return `<svg class="chart xychart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}">${parts.join("")}</svg>`;
};
