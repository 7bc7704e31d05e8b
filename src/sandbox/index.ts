/** The in-memory GitHub: a `Sandbox` to talk to through `fetch`, and the routes it serves. */

export { SERVED_ROUTES, type ServedRoute } from "./routes.js";
export { type RepoSpec, Sandbox } from "./sandbox.js";
export type { Visibility } from "./state/repo.js";
export type {
  FaultKind,
  FaultRule,
  RequestLogEntry,
  ReviewState,
  SandboxComment,
  SandboxIssue,
  SandboxOptions,
  SandboxPull,
  SandboxReview,
} from "./types.js";
