import { parseDocument } from "yaml";

/**
 * The goals file `people/<login>/goals/<Q>.md` with its `focus` set, everything else kept as written:
 * the engineer's words, other frontmatter fields and comments. A file without frontmatter gets one.
 */
export const withFocus = (text: string | undefined, focus: readonly string[]): string => {
  const source = (text ?? "").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const m = /^---\n([\s\S]*?)\n?---(?:\n|$)([\s\S]*)$/.exec(source);
  const doc = parseDocument(m?.[1] ?? "");
  doc.set("focus", doc.createNode([...focus], { flow: true }));
  const front = doc.toString({ lineWidth: 0 }).trimEnd();
  const body = m ? (m[2] ?? "") : source.length ? `\n${source}` : "";
  return `---\n${front}\n---\n${body}`;
};

/** Where the goal issue lists the criteria to focus on, as checkboxes a person may tick. */
export const FOCUS_START = "<!-- rungs:focus -->";
export const FOCUS_END = "<!-- /rungs:focus -->";

/** The criteria ticked in a goal issue's focus list, or undefined when the body has no such list. */
export const tickedFocus = (body: string | null | undefined): string[] | undefined => {
  const text = (body ?? "").replace(/\r\n?/g, "\n");
  const start = text.indexOf(FOCUS_START);
  const end = text.indexOf(FOCUS_END, start + 1);
  if (start === -1 || end === -1) return undefined;
  const ticked: string[] = [];
  for (const line of text.slice(start, end).split("\n")) {
    const m = /^\s*[-*]\s+\[([xX ])\]\s+`([a-z0-9-]{1,100})`/.exec(line);
    if (m?.[2] && m[1] !== " " && !ticked.includes(m[2])) ticked.push(m[2]);
  }
  return ticked;
};
