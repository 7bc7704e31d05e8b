import { z } from "zod";
import { queryAllowingMissing } from "./graphql.js";
import { type GitHub, type RepoRef, repoParams } from "./types.js";

/** A file of the career repo's default branch as read: `sha` is the blob sha, absent when the file is missing. */
export interface CareerFile {
  path: string;
  text?: string;
  sha?: string;
}

export type CareerFiles = Map<string, CareerFile>;

const BlobNode = z
  .object({
    oid: z.string().optional(),
    text: z.string().nullable().optional(),
    entries: z
      .array(
        z.object({
          name: z.string(),
          type: z.string(),
          oid: z.string(),
          object: z.object({ text: z.string().nullable().optional() }).nullable().optional(),
        }),
      )
      .nullable()
      .optional(),
  })
  .nullable()
  .optional();

/** Another part of the same GraphQL read (e.g. a pull request's timeline), so one request serves the event. */
export interface ExtraSelection {
  declarations: string;
  selection: string;
  variables: Record<string, unknown>;
}

/** Two extra selections in one read: their variable names must not clash. */
export const combineSelections = (a: ExtraSelection, b: ExtraSelection): ExtraSelection => ({
  declarations: `${a.declarations}, ${b.declarations}`,
  selection: `${a.selection}\n  ${b.selection}`,
  variables: { ...a.variables, ...b.variables },
});

/** What one read of the career repo found. */
export interface CareerRead {
  /** Files by path; a path asked for and missing has no sha. Files of folders asked for are listed too. */
  files: CareerFiles;
  /** Folders asked for: their tree oid, absent when the folder does not exist. */
  folders: Map<string, string | undefined>;
  head: string | undefined;
  /** The career repo's visibility as GitHub reports it now (PUBLIC, PRIVATE, INTERNAL). */
  visibility: string | undefined;
  data: Record<string, unknown>;
}

/**
 * Reads career-repo files and folders (one level: the files in them), plus an optional extra selection,
 * in one GraphQL request. Returns the files and the raw data of the extra selection.
 */
export const readCareerFiles = async (
  github: GitHub,
  career: RepoRef & { defaultBranch: string },
  paths: readonly string[],
  extra?: ExtraSelection,
  operation = "RungsCareerFiles",
  folderPaths: readonly string[] = [],
  /**
   * Read a folder's files by blob oid, their texts from the blobs this process already knows (one more
   * request for the others): for a long-running app. A one-off command reads the texts in the same request.
   */
  byOid = false,
): Promise<CareerRead> => {
  const unique = [...new Set(paths)];
  const folderList = [...new Set(folderPaths)];
  const decl = [
    ...unique.map((_, i) => `$f${i}: String!`),
    ...folderList.map((_, i) => `$d${i}: String!`),
  ].join(", ");
  const fields = [
    ...unique.map((_, i) => `f${i}: object(expression: $f${i}) { ... on Blob { oid text } }`),
    // By oid, a folder's files come without texts: those come from blobs already known, or one more read.
    ...folderList.map(
      (_, i) =>
        `d${i}: object(expression: $d${i}) { ... on Tree { oid entries { name type oid${byOid ? "" : " object { ... on Blob { text } }"} } } }`,
    ),
  ].join("\n    ");
  const query = `query ${operation}($careerOwner: String!, $careerRepo: String!${decl ? `, ${decl}` : ""}${extra ? `, ${extra.declarations}` : ""}) {
  career: repository(owner: $careerOwner, name: $careerRepo) {
    visibility
    defaultBranchRef { target { oid } }
    ${fields}
  }
  ${extra?.selection ?? ""}
}`;
  const variables: Record<string, unknown> = {
    careerOwner: career.owner,
    careerRepo: career.repo,
    ...Object.fromEntries(unique.map((p, i) => [`f${i}`, `${career.defaultBranch}:${p}`])),
    ...Object.fromEntries(folderList.map((p, i) => [`d${i}`, `${career.defaultBranch}:${p}`])),
    ...extra?.variables,
  };
  const data = ((await queryAllowingMissing(github, query, variables)) ?? {}) as Record<string, unknown>;
  const careerData = (data.career ?? {}) as Record<string, unknown>;
  const files: CareerFiles = new Map();
  unique.forEach((path, i) => {
    const blob = BlobNode.parse(careerData[`f${i}`]);
    files.set(path, blob?.oid && !blob.entries ? { path, sha: blob.oid, text: blob.text ?? "" } : { path });
  });
  const folders = new Map<string, string | undefined>();
  const listed: { path: string; oid: string; text?: string | null | undefined }[] = [];
  folderList.forEach((folder, i) => {
    const tree = BlobNode.parse(careerData[`d${i}`]);
    folders.set(folder, tree?.entries ? tree.oid : undefined);
    for (const e of tree?.entries ?? [])
      if (e.type === "blob") listed.push({ path: `${folder}/${e.name}`, oid: e.oid, text: e.object?.text });
  });
  const known = byOid
    ? await blobTexts(
        github,
        career,
        listed.map((f) => f.oid),
      )
    : undefined;
  for (const { path, oid, text } of listed)
    files.set(path, { path, sha: oid, text: (known ? known.get(oid) : text) ?? "" });
  const head = z
    .object({
      visibility: z.string().optional(),
      defaultBranchRef: z.object({ target: z.object({ oid: z.string() }) }).nullable(),
    })
    .safeParse(careerData);
  return {
    files,
    folders,
    head: head.success ? head.data.defaultBranchRef?.target.oid : undefined,
    visibility: head.success ? head.data.visibility : undefined,
    data,
  };
};

/**
 * Blob texts by oid, remembered by this process up to a size: a blob's oid names its content, so what
 * is remembered is never stale. The files of a busy quarter's ledger are read by oid with each event;
 * only blobs not seen before (written by another instance, or before this one started) are downloaded.
 */
const BLOB_BYTES_REMEMBERED = 48 * 1024 * 1024;
/** Bytes a remembered text takes (JavaScript strings are UTF-16). */
const sizeOf = (text: string) => text.length * 2;
const blobs = new Map<string, string>();
let blobBytes = 0;

export const rememberBlob = (oid: string, text: string): void => {
  if (!oid || blobs.has(oid) || sizeOf(text) > BLOB_BYTES_REMEMBERED / 16) return;
  blobs.set(oid, text);
  blobBytes += sizeOf(text);
  for (const [old, t] of blobs) {
    if (blobBytes <= BLOB_BYTES_REMEMBERED) break;
    blobs.delete(old);
    blobBytes -= sizeOf(t);
  }
};

const knownBlob = (oid: string): string | undefined => {
  const text = blobs.get(oid);
  if (text !== undefined) {
    // Most recently used last: the oldest are forgotten first.
    blobs.delete(oid);
    blobs.set(oid, text);
  }
  return text;
};

/** Texts of blobs by oid: the ones not remembered are read in one request (a blob without text reads as empty). */
const blobTexts = async (
  github: GitHub,
  career: RepoRef,
  oids: readonly string[],
): Promise<Map<string, string>> => {
  const texts = new Map<string, string>();
  const missing: string[] = [];
  for (const oid of new Set(oids)) {
    const text = knownBlob(oid);
    if (text === undefined) missing.push(oid);
    else texts.set(oid, text);
  }
  for (let i = 0; i < missing.length; i += BLOBS_PER_READ)
    for (const [oid, text] of await readBlobs(github, career, missing.slice(i, i + BLOBS_PER_READ)))
      texts.set(oid, text);
  return texts;
};

/** Blobs per query: a cold read of a large batch stays a few modest requests. */
const BLOBS_PER_READ = 200;

const readBlobs = async (
  github: GitHub,
  career: RepoRef,
  missing: readonly string[],
): Promise<Map<string, string>> => {
  const texts = new Map<string, string>();
  const query = `query RungsBlobs($careerOwner: String!, $careerRepo: String!, ${missing.map((_, i) => `$o${i}: GitObjectID!`).join(", ")}) {
  career: repository(owner: $careerOwner, name: $careerRepo) {
    ${missing.map((_, i) => `o${i}: object(oid: $o${i}) { ... on Blob { oid text } }`).join("\n    ")}
  }
}`;
  const data = ((await queryAllowingMissing(github, query, {
    careerOwner: career.owner,
    careerRepo: career.repo,
    ...Object.fromEntries(missing.map((oid, i) => [`o${i}`, oid])),
  })) ?? {}) as Record<string, unknown>;
  const found = (data.career ?? {}) as Record<string, unknown>;
  missing.forEach((oid, i) => {
    const blob = BlobNode.parse(found[`o${i}`]);
    // A blob the tree named but GitHub did not return (access lost, the repo moved between the two
    // reads): the read fails and is retried, rather than reading the file as empty. (A binary blob has
    // no text: it reads as empty, and its problem is reported where it is parsed.)
    if (!blob) throw new Error(`blob ${oid} of ${career.owner}/${career.repo} could not be read`);
    const text = blob.text ?? "";
    texts.set(oid, text);
    rememberBlob(oid, text);
  });
  return texts;
};

/** One file through the Contents API, for re-reads after a write conflict. */
export const readCareerFile = async (
  github: GitHub,
  career: RepoRef & { defaultBranch: string },
  path: string,
): Promise<CareerFile> => {
  try {
    const { data } = await github.rest.repos.getContent({
      ...repoParams(career),
      path,
      ref: career.defaultBranch,
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return { path };
    return { path, sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
  } catch (e) {
    if (isStatus(e, 404)) return { path };
    throw e;
  }
};

export const isStatus = (e: unknown, ...statuses: number[]): boolean =>
  typeof e === "object" &&
  e !== null &&
  "status" in e &&
  statuses.includes(Number((e as { status: unknown }).status));
