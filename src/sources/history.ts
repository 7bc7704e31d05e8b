import { z } from "zod";
import type { EvidenceItem } from "../domain/evidence.js";
import type { RungsConfig } from "../github/config.js";
import type { HistoryKind } from "../github/history.js";
import type { GitHub } from "../github/types.js";
import { closedIssue } from "./closed-issue.js";
import { mergedPullRequest } from "./merged-pull-request.js";
import { payloadProblem } from "./payloads.js";
import { review } from "./review.js";
import type { EvidenceSource } from "./source.js";

/**
 * A search result as the webhook that would have brought it: the same payload (checked by the source's
 * own schema) and the same facts, so history goes through exactly the sources webhooks go through.
 */
export type HistorySubject =
  | {
      ok: true;
      what: string;
      ignored(config: RungsConfig): string | undefined;
      /** The items, per credited person; undefined when the subject is gone. */
      evidence(
        github: GitHub,
        config: RungsConfig,
        recordedAt: string,
      ): Promise<{ login: string; item: EvidenceItem }[] | undefined>;
    }
  | { ok: false; what: string; problem: string };

const subject = <P, F>(
  source: EvidenceSource<P, F>,
  what: string,
  raw: unknown,
  data: Record<string, unknown>,
): HistorySubject => {
  const parsed = source.payload.safeParse(raw);
  if (!parsed.success) return { ok: false, what, problem: payloadProblem(parsed.error) };
  const payload = parsed.data;
  return {
    ok: true,
    what,
    ignored: (config) => source.ignored(payload, config),
    evidence: async (github, config, recordedAt) => {
      const facts = await source.facts(github, payload, data);
      return facts === undefined ? undefined : source.items(payload, facts, config, recordedAt);
    },
  };
};

const Actor = z.object({ __typename: z.string().optional(), login: z.string() }).nullable().optional();
const Repository = z.object({
  name: z.string(),
  nameWithOwner: z.string(),
  isPrivate: z.boolean(),
  visibility: z.string(),
  owner: z.object({ login: z.string() }),
  defaultBranchRef: z.object({ name: z.string() }).nullable(),
});
const Labels = z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable();

const PullRequestNode = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  url: z.string(),
  createdAt: z.string(),
  mergedAt: z.string().nullable(),
  isDraft: z.boolean(),
  additions: z.number(),
  deletions: z.number(),
  changedFiles: z.number(),
  baseRefName: z.string(),
  author: Actor,
  repository: Repository,
  labels: Labels,
  files: z.unknown(),
  timelineItems: z.unknown(),
  closingIssuesReferences: z.unknown(),
  /** Present when an organisation is searched: the pull request's reviews come with it. */
  reviews: z.unknown().optional(),
});

export const ReviewNode = z.object({
  id: z.string(),
  body: z.string(),
  state: z.string(),
  submittedAt: z.string().nullable(),
  url: z.string(),
  author: Actor,
  comments: z.object({ totalCount: z.number() }),
});

const ReviewedNode = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  isDraft: z.boolean(),
  author: Actor,
  repository: Repository,
  reviews: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.unknown()),
  }),
});

const IssueNode = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  url: z.string(),
  closedAt: z.string().nullable(),
  stateReason: z.string().nullable(),
  author: Actor,
  repository: Repository,
  labels: Labels,
  assignees: z.object({ nodes: z.array(Actor) }),
  closedByPullRequestsReferences: z.unknown(),
});

const repositoryPayload = (r: z.infer<typeof Repository>) => ({
  name: r.name,
  full_name: r.nameWithOwner,
  private: r.isPrivate,
  visibility: r.visibility.toLowerCase(),
  ...(r.defaultBranchRef ? { default_branch: r.defaultBranchRef.name } : {}),
  owner: { login: r.owner.login },
});

const userPayload = (a: z.infer<typeof Actor>) =>
  a ? { login: a.login, ...(a.__typename ? { type: a.__typename } : {}) } : null;

const labelNames = (labels: z.infer<typeof Labels>) =>
  (labels?.nodes ?? []).flatMap((l) => (l ? [{ name: l.name }] : []));

const unreadable = (what: string, error: z.ZodError): HistorySubject => ({
  ok: false,
  what,
  problem: payloadProblem(error),
});

/**
 * A merged pull request from search, as its `pull_request.closed` delivery, and (searching an organisation)
 * each of its reviews as their `pull_request_review.submitted` deliveries.
 */
const authored = (node: unknown, extraReviews?: readonly unknown[]): HistorySubject[] => {
  const r = PullRequestNode.safeParse(node);
  if (!r.success) return [unreadable("a search result", r.error)];
  const pr = r.data;
  const what = `${pr.repository.nameWithOwner}#${pr.number}`;
  const user = userPayload(pr.author);
  const payload = {
    repository: repositoryPayload(pr.repository),
    sender: user,
    pull_request: {
      node_id: pr.id,
      number: pr.number,
      title: pr.title,
      html_url: pr.url,
      user,
      base: { ref: pr.baseRefName },
      labels: labelNames(pr.labels),
      additions: pr.additions,
      deletions: pr.deletions,
      changed_files: pr.changedFiles,
      draft: pr.isDraft,
      created_at: pr.createdAt,
      merged: pr.mergedAt !== null,
      merged_at: pr.mergedAt,
    },
  };
  const data = {
    pr: { pullRequest: { files: pr.files, timelineItems: pr.timelineItems } },
    closing: { pullRequest: { closingIssuesReferences: pr.closingIssuesReferences } },
  };
  const merged = subject(mergedPullRequest, what, payload, data);
  return pr.reviews === undefined ? [merged] : [merged, ...reviewed(node, extraReviews)];
};

/** Each of the person's reviews of a pull request, as its `pull_request_review.submitted` delivery. */
const reviewed = (node: unknown, extraReviews: readonly unknown[] = []): HistorySubject[] => {
  const r = ReviewedNode.safeParse(node);
  if (!r.success) return [unreadable("a search result", r.error)];
  const pr = r.data;
  return [...pr.reviews.nodes, ...extraReviews].map((raw) => {
    const what = `${pr.repository.nameWithOwner}#${pr.number} review`;
    const rv = ReviewNode.safeParse(raw);
    if (!rv.success) return unreadable(what, rv.error);
    const reviewer = userPayload(rv.data.author);
    const payload = {
      repository: repositoryPayload(pr.repository),
      sender: reviewer,
      review: {
        node_id: rv.data.id,
        body: rv.data.body,
        user: reviewer,
        // Webhooks spell review states in lower case.
        state: rv.data.state.toLowerCase(),
        submitted_at: rv.data.submittedAt,
        html_url: rv.data.url,
      },
      pull_request: {
        node_id: pr.id,
        number: pr.number,
        title: pr.title,
        user: userPayload(pr.author),
        draft: pr.isDraft,
      },
    };
    return subject(review, what, payload, { reviewed: { comments: rv.data.comments } });
  });
};

/** An issue closed as completed, as its `issues.closed` delivery. */
const closed = (node: unknown): HistorySubject[] => {
  const r = IssueNode.safeParse(node);
  if (!r.success) return [unreadable("a search result", r.error)];
  const issue = r.data;
  const assignees = issue.assignees.nodes.flatMap((a) => {
    const user = userPayload(a);
    return user ? [user] : [];
  });
  const payload = {
    repository: repositoryPayload(issue.repository),
    sender: userPayload(issue.author) ?? assignees[0] ?? null,
    issue: {
      node_id: issue.id,
      number: issue.number,
      title: issue.title,
      html_url: issue.url,
      labels: labelNames(issue.labels),
      assignees,
      state_reason: issue.stateReason?.toLowerCase() ?? null,
      closed_at: issue.closedAt,
    },
  };
  const data = {
    subject: { issue: { closedByPullRequestsReferences: issue.closedByPullRequestsReferences } },
  };
  return [subject(closedIssue, `${issue.repository.nameWithOwner}#${issue.number}`, payload, data)];
};

/** A reviewed pull request whose person's reviews overflowed one page: its id and where to go on. */
export const reviewOverflow = (node: unknown): { id: string; after: string } | undefined => {
  const r = ReviewedNode.safeParse(node);
  if (!r.success) return undefined;
  const { pageInfo } = r.data.reviews;
  return pageInfo.hasNextPage && pageInfo.endCursor
    ? { id: r.data.id, after: pageInfo.endCursor }
    : undefined;
};

/** The subjects in one search result of a kind (a reviewed pull request holds one per review). */
export const historySubjects = (
  kind: HistoryKind,
  node: unknown,
  extraReviews?: readonly unknown[],
): HistorySubject[] =>
  kind === "authored"
    ? authored(node, extraReviews)
    : kind === "reviewed"
      ? reviewed(node, extraReviews)
      : closed(node);
