import { z } from "zod";

/**
 * The webhook fields Rungs uses, checked at the edge; everything else in a payload is ignored. What
 * becomes part of a ledger must be something the ledger can be read back with: non-empty node ids and
 * full ISO 8601 date-times.
 */
const NodeId = z.string().trim().min(1, "empty node id").max(200);
const DateTime = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" });
const Login = z.string().trim().min(1, "empty login").max(100);
const User = z.object({ login: Login, type: z.string().optional() });
const Label = z.object({ name: z.string().max(200) });
export const Repository = z.object({
  name: z.string().min(1),
  full_name: z.string().min(3),
  private: z.boolean(),
  /** "public", "private" or "internal" (enterprise-wide): GitHub sends it on current payloads. */
  visibility: z.string().optional(),
  default_branch: z.string().optional(),
  owner: z.object({ login: Login }),
});

export const PullRequestClosed = z.object({
  repository: Repository,
  sender: User,
  pull_request: z.object({
    node_id: NodeId,
    number: z.number().int().positive(),
    title: z.string(),
    html_url: z.string(),
    user: User,
    base: z.object({ ref: z.string() }).optional(),
    labels: z.array(Label).default([]),
    additions: z.number().int().default(0),
    deletions: z.number().int().default(0),
    changed_files: z.number().int().default(0),
    draft: z.boolean().optional(),
    created_at: DateTime,
    merged: z.boolean().nullable().optional(),
    merged_at: DateTime.nullable(),
  }),
});

export const ReviewSubmitted = z.object({
  repository: Repository,
  sender: User,
  review: z.object({
    node_id: NodeId,
    body: z.string().nullable().optional(),
    user: User.nullable(),
    state: z.string().max(40),
    submitted_at: DateTime.nullable(),
    html_url: z.string(),
  }),
  pull_request: z.object({
    node_id: NodeId,
    number: z.number().int().positive(),
    title: z.string(),
    user: User,
    draft: z.boolean().optional(),
  }),
});

export const IssueClosed = z.object({
  repository: Repository,
  sender: User,
  issue: z.object({
    node_id: NodeId,
    number: z.number().int().positive(),
    title: z.string(),
    html_url: z.string(),
    labels: z.array(Label).default([]),
    assignees: z.array(User).default([]),
    assignee: User.nullable().optional(),
    state_reason: z.string().nullable().optional(),
    closed_at: DateTime.nullable(),
    pull_request: z.unknown().optional(),
  }),
});

export const Push = z.object({
  ref: z.string(),
  after: z.string(),
  repository: Repository.extend({
    /** When GitHub received the push (seconds since the epoch, or a date-time on older payloads). */
    pushed_at: z.union([z.number(), z.string()]).nullable().optional(),
  }),
  sender: User,
  commits: z
    .array(
      z.object({
        id: z.string(),
        timestamp: DateTime,
        added: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
        author: z.object({ username: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});

/** A payload missing what Rungs needs: reported with the field, never a stack trace. */
export const payloadProblem = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`)
    .join("; ");

/** A `repository` event: the career repo made public, renamed, transferred, archived or deleted. */
export const RepositoryEvent = z.object({
  action: z.string(),
  repository: Repository,
});

/** The goal issue a comment or an edit is on: commands act only on a Rungs goal issue of the career repo. */
const CommentedIssue = z.object({
  number: z.number().int().positive(),
  body: z.string().nullable().optional(),
  labels: z.array(Label).default([]),
  pull_request: z.unknown().optional(),
});

/** `issue_comment`: a comment created, edited or deleted (commands on a goal issue). */
export const IssueCommentEvent = z.object({
  action: z.string(),
  repository: Repository,
  sender: User,
  issue: CommentedIssue,
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullable().optional(),
    user: User.nullable(),
  }),
  /** On `edited`: the body before the edit. */
  changes: z.object({ body: z.object({ from: z.string() }).optional() }).optional(),
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEvent>;

/** `issues.edited`: a person ticked the focus checkboxes of a goal issue. */
export const IssueEdited = z.object({
  action: z.literal("edited"),
  repository: Repository,
  sender: User,
  issue: CommentedIssue,
});
export type IssueEdited = z.infer<typeof IssueEdited>;
