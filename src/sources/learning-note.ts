import type { z } from "zod";
import { learningNoteItem } from "../domain/learning-note.js";
import { Push } from "./payloads.js";
import type { EvidenceSource } from "./source.js";

type Payload = z.infer<typeof Push>;

const isCareerDefaultBranch = (p: Payload, config: Parameters<EvidenceSource<Payload, true>["credits"]>[1]) =>
  p.repository.name.toLowerCase() === config.career.repo.toLowerCase() &&
  p.ref === `refs/heads/${config.career.defaultBranch}`;

const notes = (
  p: Payload,
  config: Parameters<EvidenceSource<Payload, true>["credits"]>[1],
  recordedAt: string,
) => {
  const { career } = config;
  return p.commits.flatMap((commit) =>
    commit.added.flatMap((path) => {
      const url = `https://github.com/${career.owner}/${career.repo}/blob/${career.defaultBranch}/${path}`;
      const note = learningNoteItem(path, commit.timestamp, url, recordedAt);
      return note ? [note] : [];
    }),
  );
};

/** A learning note added to `people/<login>/learning/` on the career repo's default branch. */
export const learningNote: EvidenceSource<Payload, true> = {
  event: "push",
  payload: Push,
  operation: "RungsLearningNotes",
  ignored: (p, config) =>
    isCareerDefaultBranch(p, config) ? undefined : "not the career repo's default branch",
  credits: (p, config) => notes(p, config, "").map((n) => ({ login: n.login, at: n.item.at })),
  facts: async () => true,
  items: (p, _facts, config, recordedAt) => notes(p, config, recordedAt),
};
