import { z } from "zod";

/** The webhook fields Rungs uses, checked at the edge; everything else in a payload is ignored. */
const User = z.object({ login: z.string(), type: z.string().optional() });
const Label = z.object({ name: z.string() });
export const Repository = z.object({
  name: z.string(),
  full_name: z.string(),
  private: z.boolean(),
  default_branch: z.string().optional(),
  owner: z.object({ login: z.string() }),
});

export const PullRequestClosed = z.object({
  repository: Repository,
  sender: User,
  pull_request: z.object({
    node_id: z.string(),
    number: z.number().int(),
    title: z.string(),
    html_url: z.string(),
    user: User,
    labels: z.array(Label).default([]),
    additions: z.number().int().default(0),
    deletions: z.number().int().default(0),
    changed_files: z.number().int().default(0),
    draft: z.boolean().optional(),
    created_at: z.string(),
    merged: z.boolean().nullable().optional(),
    merged_at: z.string().nullable(),
  }),
});

export const ReviewSubmitted = z.object({
  repository: Repository,
  sender: User,
  review: z.object({
    node_id: z.string(),
    user: User.nullable(),
    state: z.string(),
    submitted_at: z.string().nullable(),
    html_url: z.string(),
  }),
  pull_request: z.object({
    node_id: z.string(),
    number: z.number().int(),
    title: z.string(),
    user: User,
    draft: z.boolean().optional(),
  }),
});

export const IssueClosed = z.object({
  repository: Repository,
  sender: User,
  issue: z.object({
    node_id: z.string(),
    number: z.number().int(),
    title: z.string(),
    html_url: z.string(),
    labels: z.array(Label).default([]),
    assignees: z.array(User).default([]),
    assignee: User.nullable().optional(),
    state_reason: z.string().nullable().optional(),
    closed_at: z.string().nullable(),
    pull_request: z.unknown().optional(),
  }),
});

export const Push = z.object({
  ref: z.string(),
  after: z.string(),
  repository: Repository,
  sender: User,
  commits: z
    .array(
      z.object({
        id: z.string(),
        timestamp: z.string(),
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
