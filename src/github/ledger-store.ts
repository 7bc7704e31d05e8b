import { type Checked, formatProblem, type Problem } from "../domain/problem.js";
import { type CareerFile, isStatus, readCareerFile, rememberBlob } from "./career-files.js";
import { type GitHub, type RepoRef, repoParams } from "./types.js";

export type FileWrite<T> =
  | { status: "written"; value: T; sha: string; attempts: number }
  | { status: "unchanged"; value: T; sha: string | undefined }
  | { status: "broken"; problems: Problem[] };

export interface WriteDeps {
  github: GitHub;
  career: RepoRef & { defaultBranch: string };
  random(): number;
  sleep(ms: number): Promise<void>;
}

/** How a file of the career repo is read, made anew and written. */
export interface FileFormat<T> {
  parse(path: string, text: string): Checked<T>;
  empty(): T;
  serialize(value: T): string;
}

/** A file taken as it is written (a profile, a goals file): edits work on its text. */
export const textFormat: FileFormat<string> = {
  parse: (_path, text) => ({ ok: true, value: text }),
  empty: () => "",
  serialize: (text) => text,
};

/** Attempts at a compare-and-swap write before giving up (the event is then retried by redelivery). */
export const MAX_ATTEMPTS = 10;
/** Below GitHub's 1 MB contents limit with room to spare: a larger file is never written. */
export const MAX_FILE_BYTES = 900_000;

const backoff = (attempt: number, random: () => number): number =>
  Math.min(1000, 25 * 2 ** attempt) * (0.5 + random());

/**
 * GitHub answers a stale blob sha with 409 and a missing one (file created meanwhile) with 422; a 5xx
 * may or may not have applied the write. Either way re-reading and re-applying the set merge is safe.
 */
const isRetryable = (e: unknown): boolean =>
  isStatus(e, 409, 500, 502, 503, 504) ||
  (isStatus(e, 422) && /sha/i.test(e instanceof Error ? e.message : ""));

/** A write Rungs refuses to make because it could not read the result back. */
export class UnreadableWriteError extends Error {}

/**
 * Compare-and-swap update of one file on the default branch: read, apply `change`, write with the blob
 * sha read; on conflict re-read and re-apply. `change` must be a pure set merge, so retries and
 * concurrent writers converge. A file that does not parse is never overwritten, and nothing is written
 * that would not parse again or would near GitHub's size limit.
 */
export const updateCareerFile = async <T>(
  deps: WriteDeps,
  path: string,
  format: FileFormat<T>,
  first: CareerFile,
  change: (current: T) => T,
  message: string,
): Promise<FileWrite<T>> => {
  let file = first;
  // A 5xx may have applied our write: if the re-read then holds it, it was written (by us).
  let maybeApplied = false;
  for (let attempt = 1; ; attempt++) {
    const current: Checked<T> =
      file.sha === undefined ? { ok: true, value: format.empty() } : format.parse(path, file.text ?? "");
    if (!current.ok) return { status: "broken", problems: current.problems };
    const next = change(current.value);
    if (next === current.value) {
      return maybeApplied && file.sha
        ? { status: "written", value: next, sha: file.sha, attempts: attempt }
        : { status: "unchanged", value: next, sha: file.sha };
    }
    const text = format.serialize(next);
    const again = format.parse(path, text);
    if (!again.ok || Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) {
      const why = again.ok
        ? `it would be ${Buffer.byteLength(text, "utf8")} bytes`
        : formatProblem(again.problems[0] as Problem);
      throw new UnreadableWriteError(`refused to write ${path}: ${why}`);
    }
    try {
      const { data } = await deps.github.rest.repos.createOrUpdateFileContents({
        ...repoParams(deps.career),
        path,
        branch: deps.career.defaultBranch,
        message,
        content: Buffer.from(text, "utf8").toString("base64"),
        ...(file.sha ? { sha: file.sha } : {}),
      });
      const sha = data.content?.sha ?? "";
      // The next read of this file finds its text here instead of downloading it again.
      rememberBlob(sha, text);
      return { status: "written", value: next, sha, attempts: attempt };
    } catch (e) {
      if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
      maybeApplied ||= isStatus(e, 500, 502, 503, 504);
      await deps.sleep(backoff(attempt, deps.random));
      file = await readCareerFile(deps.github, deps.career, path);
    }
  }
};

/**
 * Creates a file that must not exist yet; false when it already does (GitHub answers 422 for a create
 * without a sha), so creating the same file twice writes once.
 */
export const createCareerFile = async (
  deps: Pick<WriteDeps, "github" | "career">,
  path: string,
  text: string,
  message: string,
): Promise<boolean> => {
  try {
    await deps.github.rest.repos.createOrUpdateFileContents({
      ...repoParams(deps.career),
      path,
      branch: deps.career.defaultBranch,
      message,
      content: Buffer.from(text, "utf8").toString("base64"),
    });
    return true;
  } catch (e) {
    if (isStatus(e, 422)) return false;
    throw e;
  }
};

/** Removes a file if it is still the version read (a stale sha means someone else handled it). */
export const deleteCareerFile = async (
  deps: WriteDeps,
  path: string,
  sha: string,
  message: string,
): Promise<void> => {
  try {
    await deps.github.rest.repos.deleteFile({
      ...repoParams(deps.career),
      path,
      sha,
      message,
      branch: deps.career.defaultBranch,
    });
  } catch (e) {
    if (!isStatus(e, 404, 409, 422)) throw e;
  }
};
