import type { z } from "zod";
import { unprocessable } from "./errors.js";

/**
 * Reads a request body the way GitHub checks one: a missing field reads `"sha" wasn't supplied.`,
 * a wrong type names the property and the value seen.
 */
export const parseBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
  const parsed = schema.safeParse(body ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map((issue) => {
    const field = issue.path.join("/");
    if (issue.code === "invalid_type" && issue.input === undefined) return `"${field}" wasn't supplied.`;
    return `For 'properties/${field}', ${JSON.stringify(issue.input)} is not valid: ${issue.message}.`;
  });
  throw unprocessable(`Invalid request.\n\n${reasons.join("\n")}`);
};
