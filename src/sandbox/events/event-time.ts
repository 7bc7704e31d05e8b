import { parseTime } from "../time.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const field = (value: unknown, ...path: string[]): string | undefined => {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return typeof current === "string" ? current : undefined;
};

/**
 * When the action a delivery reports happened: merged_at/closed_at for a close, submitted_at for a review,
 * head_commit.timestamp for a push, else the subject's updated_at/created_at. Undefined when the delivery
 * carries no time.
 */
export const eventTime = (name: string, payload: unknown): number | undefined => {
  const action = field(payload, "action");
  switch (name) {
    case "push":
      return parseTime(field(payload, "head_commit", "timestamp"));
    case "pull_request_review":
      return parseTime(field(payload, "review", "submitted_at"));
    case "pull_request":
      if (action === "closed") {
        return parseTime(
          field(payload, "pull_request", "merged_at") ?? field(payload, "pull_request", "closed_at"),
        );
      }
      return subjectTime(payload, "pull_request");
    case "issues":
      if (action === "closed") return parseTime(field(payload, "issue", "closed_at"));
      return subjectTime(payload, "issue");
    case "issue_comment":
      return subjectTime(payload, "comment");
    default:
      return undefined;
  }
};

const subjectTime = (payload: unknown, subject: string): number | undefined =>
  parseTime(field(payload, subject, "updated_at") ?? field(payload, subject, "created_at"));
