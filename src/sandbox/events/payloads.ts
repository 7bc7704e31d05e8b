import { z } from "zod";

/** The parts of webhook payloads the sandbox reads. Anything else in a delivery is ignored. */
export const accountPayload = z.object({
  login: z.string(),
  id: z.number().optional(),
  node_id: z.string().optional(),
  type: z.string().optional(),
});

export const repositoryPayload = z.object({
  name: z.string(),
  owner: accountPayload,
  private: z.boolean().optional(),
  visibility: z.enum(["public", "private", "internal"]).optional(),
  archived: z.boolean().optional(),
  default_branch: z.string().optional(),
  id: z.number().optional(),
  node_id: z.string().optional(),
  // push deliveries give epoch seconds, others ISO strings.
  created_at: z.union([z.string(), z.number()]).nullish(),
});

export const envelopePayload = z.object({
  action: z.string().optional(),
  repository: repositoryPayload.optional(),
  organization: z.object({ login: z.string(), id: z.number().optional() }).optional(),
  installation: z.object({ id: z.number() }).optional(),
  sender: accountPayload.optional(),
});

const labelPayload = z.object({
  name: z.string(),
  color: z.string().optional(),
  description: z.string().nullish(),
  id: z.number().optional(),
  node_id: z.string().optional(),
});

export const pullRequestPayload = z.object({
  number: z.number(),
  id: z.number().optional(),
  node_id: z.string().optional(),
  user: accountPayload,
  title: z.string(),
  body: z.string().nullish(),
  labels: z.array(labelPayload).optional(),
  assignees: z.array(accountPayload).nullish(),
  requested_reviewers: z.array(z.object({ login: z.string().optional() })).optional(),
  additions: z.number().optional(),
  deletions: z.number().optional(),
  changed_files: z.number().optional(),
  draft: z.boolean().optional(),
  state: z.enum(["open", "closed"]),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
  merge_commit_sha: z.string().nullish(),
  merged_by: accountPayload.nullish(),
  head: z.object({ ref: z.string(), sha: z.string(), repo: z.object({ full_name: z.string() }).nullish() }),
  base: z.object({ ref: z.string(), sha: z.string().optional() }),
});
export type PullRequestPayload = z.infer<typeof pullRequestPayload>;

export const pullRequestEvent = z.object({
  action: z.string(),
  pull_request: pullRequestPayload,
  after: z.string().optional(),
});

export const reviewEvent = z.object({
  action: z.string(),
  pull_request: pullRequestPayload,
  review: z.object({
    id: z.number(),
    node_id: z.string().optional(),
    user: accountPayload,
    state: z.string(),
    submitted_at: z.string().nullish(),
    commit_id: z.string().nullish(),
    body: z.string().nullish(),
  }),
});

export const issuePayload = z.object({
  number: z.number(),
  id: z.number().optional(),
  node_id: z.string().optional(),
  title: z.string(),
  body: z.string().nullish(),
  user: accountPayload,
  assignees: z.array(accountPayload).nullish(),
  labels: z.array(labelPayload).optional(),
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  closed_at: z.string().nullish(),
});
export type IssuePayload = z.infer<typeof issuePayload>;

export const issuesEvent = z.object({ action: z.string(), issue: issuePayload });

/** issues.transferred: where the issue went, and what it became there. */
export const issueTransferredEvent = z.object({
  action: z.literal("transferred"),
  issue: issuePayload,
  changes: z.object({ new_issue: issuePayload, new_repository: repositoryPayload }),
});

/** repository.renamed and repository.transferred name what the repository was called before. */
export const repositoryEvent = z.object({
  action: z.string(),
  repository: repositoryPayload,
  changes: z
    .object({
      repository: z.object({ name: z.object({ from: z.string() }) }).optional(),
      owner: z
        .object({
          from: z.object({
            user: accountPayload.optional(),
            organization: accountPayload.optional(),
          }),
        })
        .optional(),
    })
    .optional(),
});

export const issueCommentEvent = z.object({
  action: z.string(),
  issue: issuePayload,
  comment: z.object({
    id: z.number(),
    node_id: z.string().optional(),
    user: accountPayload,
    body: z.string(),
    created_at: z.string(),
    updated_at: z.string().nullish(),
  }),
});

export const pushEvent = z.object({
  ref: z.string(),
  before: z.string().optional(),
  after: z.string(),
  deleted: z.boolean().optional(),
  head_commit: z
    .object({
      message: z.string().optional(),
      timestamp: z.string().optional(),
      author: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
    })
    .nullish(),
  pusher: z.object({ name: z.string().optional() }).optional(),
  sender: accountPayload.optional(),
});

/** Reads a payload, naming the event and the field when a delivery lacks something the sandbox needs. */
export const readPayload = <S extends z.ZodType>(event: string, schema: S, payload: unknown): z.infer<S> => {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`);
  throw new Error(`sandbox: cannot apply "${event}" delivery: ${problems.join("; ")}`);
};
