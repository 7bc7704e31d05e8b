import type { z } from "zod";
import { learningNoteItem } from "../domain/evidence-from.js";
import { parseQuarterLabel, quarterLabel, quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { readCareerFiles } from "../github/career-files.js";
import type { UseCaseContext } from "../usecases/context.js";
import { type Credit, careerPathsFor, recordEvidence } from "../usecases/record-evidence.js";
import type { Push } from "./payloads.js";

const GOALS = /^people\/([^/]+)\/goals\/(\d{4}-Q[1-4])\.md$/;
const PROFILE = /^people\/([^/]+)\/profile\.md$/;

/** Files whose change means the cached settings, ladder or profiles are out of date. */
export const touchesConfig = (path: string): boolean =>
  path === ".github/rungs.yml" || path.startsWith("ladder/") || /^people\/[^/]+\/profile\.md$/.test(path);

/**
 * A push to the career repo's default branch: learning notes become evidence for their author's folder;
 * edited goals or profiles re-render that person's goal issue.
 */
export const onCareerPush = async (ctx: UseCaseContext, payload: z.infer<typeof Push>) => {
  const { career } = ctx.config;
  if (payload.ref !== `refs/heads/${career.defaultBranch}`)
    return ctx.log.debug({ ref: payload.ref }, "ignored: not the default branch");
  const calendar = calendarOf(ctx.config.settings);
  const credits = new Map<string, Credit>();
  for (const commit of payload.commits) {
    for (const path of commit.added) {
      const url = `https://github.com/${career.owner}/${career.repo}/blob/${career.defaultBranch}/${path}`;
      const note = learningNoteItem(path, commit.timestamp, url, new Date(ctx.now()).toISOString());
      if (!note) continue;
      const quarter = quarterOf(Date.parse(commit.timestamp), calendar);
      const key = `${note.login}/${quarterLabel(quarter)}`;
      const credit = credits.get(key) ?? { login: note.login, quarter, items: [] };
      credit.items.push(note.item);
      credits.set(key, credit);
    }
    for (const path of [...commit.added, ...commit.modified]) {
      const goals = GOALS.exec(path);
      const profile = PROFILE.exec(path);
      const login = goals?.[1] ?? profile?.[1];
      if (!login) continue;
      const quarter = goals?.[2]
        ? parseQuarterLabel(goals[2])
        : quarterOf(Date.parse(commit.timestamp), calendar);
      if (!quarter) continue;
      const key = `${login}/${quarterLabel(quarter)}`;
      credits.set(key, { ...(credits.get(key) ?? { login, quarter, items: [] }), refresh: true });
    }
  }
  if (credits.size === 0) return;
  const paths = [...credits.values()].flatMap((c) => careerPathsFor(ctx.config, c.login, c.quarter));
  const read = await readCareerFiles(ctx.github, career, paths, undefined, "RungsLearningNotes");
  for (const credit of credits.values()) await recordEvidence(ctx, credit, read.files, read.head);
};
