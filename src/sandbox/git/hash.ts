import { createHash } from "node:crypto";

export type GitObjectType = "blob" | "tree" | "commit";

/** The sha git itself would give: sha1 of "<type> <byte length>\0<body>". */
export const objectSha = (type: GitObjectType, body: Buffer): string =>
  createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest("hex");

export const blobSha = (content: string): string => objectSha("blob", Buffer.from(content, "utf8"));
