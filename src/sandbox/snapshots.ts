import { headOf, type PullIssue } from "./state/pulls.js";
import type { CommentRecord, IssueRecord } from "./state/records.js";
import type { RepoState } from "./state/repo.js";
import { isoSeconds } from "./time.js";
import type { SandboxComment, SandboxIssue, SandboxPull } from "./types.js";

/** Plain copies of sandbox state for tests to assert on; changing them changes nothing in the sandbox. */
const describeComment = (c: CommentRecord): SandboxComment => ({
  id: c.id,
  author: c.author,
  body: c.body,
  createdAt: isoSeconds(c.createdAt),
  reactions: (c.reactions ?? []).map((r) => ({ author: r.author, content: r.content })),
});

export const describeIssue = (issue: IssueRecord): SandboxIssue => ({
  number: issue.number,
  title: issue.title,
  body: issue.body ?? "",
  state: issue.state,
  stateReason: issue.stateReason,
  labels: [...issue.labels],
  assignees: [...issue.assignees],
  author: issue.author,
  comments: issue.comments.map(describeComment),
  createdAt: isoSeconds(issue.createdAt),
  closedAt: issue.closedAt === null ? null : isoSeconds(issue.closedAt),
  nodeId: issue.nodeId,
});

export const describePull = (repo: RepoState, pr: PullIssue): SandboxPull => ({
  number: pr.number,
  title: pr.title,
  body: pr.body ?? "",
  state: pr.state,
  merged: pr.pull.merged,
  mergedAt: pr.pull.mergedAt === null ? null : isoSeconds(pr.pull.mergedAt),
  head: pr.pull.headRef,
  base: pr.pull.baseRef,
  headSha: headOf(repo, pr),
  mergeBase: pr.pull.mergeBase,
  author: pr.author,
  labels: [...pr.labels],
  requestedReviewers: [...pr.pull.requestedReviewers],
  nodeId: pr.pull.nodeId,
  reviews: pr.pull.reviews.map((r) => ({
    id: r.id,
    nodeId: r.nodeId,
    author: r.author,
    state: r.state,
    body: r.body,
    submittedAt: isoSeconds(r.submittedAt),
    commitId: r.commitId,
  })),
  comments: pr.comments.map(describeComment),
});
