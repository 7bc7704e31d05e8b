import { getOperationAST, parse } from "graphql";
import { isMutatingRest } from "./log.js";
import type { IncomingRequest } from "./request.js";

/**
 * What GitHub's secondary content limits count: a write to a repository or organization through REST
 * (commits, issues, comments, labels, reactions…) or a GraphQL mutation. Reads and token minting do not count.
 */
export const isContentCreating = ({ method, url, body }: IncomingRequest): boolean => {
  if (isMutatingRest(method, url.pathname)) return true;
  if (method !== "POST" || url.pathname !== "/graphql") return false;
  if (!isRecord(body) || typeof body.query !== "string") return false;
  try {
    const name = typeof body.operationName === "string" ? body.operationName : undefined;
    return getOperationAST(parse(body.query), name)?.operation === "mutation";
  } catch {
    return false;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
