/** What the demo page may contain: the tags and attributes it writes itself, nothing a body could smuggle in. */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export const PAGE_TAGS = words(`
  !doctype html head meta title style body header main nav section aside div span
  a b blockquote br code del details em h1 h2 h3 h4 h5 h6 hr i input kbd li ol p pre s strong sub summary sup
  table tbody td th thead tr ul
  figure figcaption svg text line rect polyline circle path`);

export const PAGE_ATTRIBUTES = words(`
  href title rel class id checked disabled type open align lang charset http-equiv content name
  aria-label aria-hidden role xmlns viewbox x y x1 x2 y1 y2 width height fill stroke stroke-width points
  cx cy r d text-anchor transform`);

const TAG = /<\/?([a-zA-Z!][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g;

/** Every tag and attribute in `html` that is not on the lists, and every href that could run code. */
export const unsafeParts = (html: string): string[] => {
  const found: string[] = [];
  for (const m of html.matchAll(TAG)) {
    const tag = (m[1] ?? "").toLowerCase();
    if (!PAGE_TAGS.has(tag)) found.push(`<${tag}>`);
    if (tag === "!doctype") continue;
    for (const a of (m[2] ?? "").matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) {
      const name = (a[1] ?? "").toLowerCase();
      if (!PAGE_ATTRIBUTES.has(name)) found.push(`${tag}[${name}]`);
      if (name === "href" && !/^(https?:|mailto:|#|repo\/)/i.test(a[2] ?? "")) found.push(`href=${a[2]}`);
    }
  }
  // Any other "<" a browser would read as the start of a tag.
  const tagStarts = [...html.matchAll(/<[a-zA-Z/!?]/g)].map((m) => m.index);
  const tags = new Set([...html.matchAll(TAG)].map((m) => m.index));
  for (const i of tagStarts) if (!tags.has(i)) found.push(html.slice(i, i + 30));
  return found;
};
