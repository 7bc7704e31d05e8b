import type { LearningNoteItem } from "./evidence.js";
import { LEARNING_NOTE } from "./paths.js";

const observed = (recordedAt: string) => ({ source: "observed" as const, recorded_at: recordedAt });

/** A learning note added to the career repo: evidence for the person whose folder it is in. */
export const learningNoteItem = (
  path: string,
  committedAt: string,
  blobUrl: string,
  recordedAt: string,
): { login: string; item: LearningNoteItem } | undefined => {
  const m = LEARNING_NOTE.exec(path);
  if (!m?.[1] || !m[2]) return undefined;
  return {
    login: m[1],
    item: {
      kind: "learning_note",
      key: `learning:${path}`,
      at: new Date(Date.parse(committedAt)).toISOString(),
      title: m[2].replace(/\.md$/, "").replace(/[-_]+/g, " "),
      url: blobUrl,
      path,
      provenance: observed(recordedAt),
    },
  };
};
