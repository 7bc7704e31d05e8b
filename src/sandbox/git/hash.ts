import { createHash } from "node:crypto";

export type GitObjectType = "blob" | "tree" | "commit";

/** The sha git itself would give: sha1 of "<type> <byte length>\0<body>". */
export const objectSha = (type: GitObjectType, body: Buffer): string =>
  createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");

export const blobSha = (content: string): string => objectSha("blob", Buffer.from(content, "utf8"));

/** A UTF-16 code unit that UTF-8 cannot carry: half a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string survives UTF-8 and back unchanged (it holds no lone surrogate). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
