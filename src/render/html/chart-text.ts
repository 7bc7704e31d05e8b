/** Small parsing helpers shared by the Mermaid chart kinds Rungs draws. */

/** `"a, b", c` or `[a, "b, c"]`: the items of a Mermaid list, quotes removed, commas inside quotes kept. */
export const listItems = (text: string): string[] => {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "");
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() || items.length) items.push(current.trim());
  return items;
};

/** A leading title, quoted (`"items per week"`) or a bare word, and what follows it. */
export const leadingTitle = (text: string): { title?: string; rest: string } => {
  const t = text.trim();
  const quoted = /^"([^"]*)"\s*(.*)$/.exec(t);
  if (quoted) return { title: quoted[1] ?? "", rest: quoted[2] ?? "" };
  const bare = /^([^\s[\d"-][^\s[]*)\s*(.*)$/.exec(t);
  if (bare) return { title: bare[1] ?? "", rest: bare[2] ?? "" };
  return { rest: t };
};

/** `0 --> 12`: a numeric range, or undefined. */
export const range = (text: string): { min: number; max: number } | undefined => {
  const m = /^(-?\d+(?:\.\d+)?)\s*-->\s*(-?\d+(?:\.\d+)?)$/.exec(text.trim());
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
};

/** A number for SVG coordinates and labels: at most two decimals, no trailing zeros, same every run. */
export const num = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
};

/** Tick values from `min` to at least `max`, 1, 2 or 5 times a power of ten apart, about `count` of them. */
export const ticks = (min: number, max: number, count = 5): number[] => {
  const span = max - min || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const unit = Number.isInteger(min) && Number.isInteger(max) ? Math.max(1, step) : step;
  const first = Math.ceil(min / unit) * unit;
  const out: number[] = [];
  for (let v = first; v <= max + unit * 1e-9; v += unit) out.push(Math.round(v * 1e6) / 1e6);
  return out;
};

export class ChartError extends Error {}
