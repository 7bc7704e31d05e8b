import { definitions } from "./examples.js";

/** One webhook delivery, as `rungs simulate` reads it from JSON Lines. */
export interface Delivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  files?: Record<string, string | null>;
}

type Json = Record<string, unknown>;

/** A published example payload (GitHub's own), deep-copied so a test can override what it needs. */
export const rawExample = (
  name: string,
  action: string | undefined,
  pick: (p: Json) => boolean = () => true,
): Json => {
  const found = definitions
    .find((d) => d.name === name)
    ?.examples.map((e): Json => JSON.parse(JSON.stringify(e)))
    .find((p) => (action === undefined || p.action === action) && pick(p));
  if (!found) throw new Error(`no published example for ${name}.${action}`);
  return found;
};

export interface RepoSpec {
  owner?: string;
  repo?: string;
  private?: boolean;
}

export const INSTALLATION_ID = 4242;

const labelsOf = (names: string[] = []) =>
  names.map((name, i) => ({
    id: i + 1,
    node_id: `LA_${name}`,
    name,
    color: "ededed",
    default: false,
    description: null,
    url: "",
  }));

const placeRepo = (payload: Json, spec: RepoSpec): Json => {
  const owner = spec.owner ?? "acme";
  const name = spec.repo ?? "web";
  const repository = payload.repository as Json;
  const ownerObj = repository.owner as Json;
  Object.assign(ownerObj, { login: owner, type: "Organization", html_url: `https://github.com/${owner}` });
  Object.assign(repository, {
    name,
    full_name: `${owner}/${name}`,
    private: spec.private ?? true,
    html_url: `https://github.com/${owner}/${name}`,
    default_branch: "main",
  });
  payload.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  payload.organization = {
    login: owner,
    id: 9000,
    node_id: "O_acme",
    url: `https://api.github.com/orgs/${owner}`,
    repos_url: "",
    events_url: "",
    hooks_url: "",
    issues_url: "",
    members_url: "",
    public_members_url: "",
    avatar_url: "",
    description: null,
  };
  return payload;
};

const user = (login: string, type = "User") => ({
  login,
  id: [...login].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 1_000_000,
  node_id: `U_${login}`,
  type,
  site_admin: false,
});

export interface PrSpec extends RepoSpec {
  id?: string;
  number: number;
  author: string;
  title: string;
  labels?: string[];
  additions?: number;
  deletions?: number;
  changedFiles?: number;
  createdAt: string;
  mergedAt?: string | null;
  nodeId?: string;
  authorType?: string;
  body?: string;
  /** The PR's head commit as of this delivery (default: one derived from the PR, unique per PR). */
  headSha?: string;
  /** The branch it merges into (default: the repository's default branch, main). */
  base?: string;
}

/** A stable 40-hex sha for a name, so each PR's commits are its own. */
export const shaFor = (name: string): string => {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 40; round++) {
    for (const c of `${name}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 40);
};

const prPayload = (spec: PrSpec, action: string, base: Json): Json => {
  const payload = placeRepo(base, spec);
  const pr = payload.pull_request as Json;
  const merged = spec.mergedAt != null;
  Object.assign(pr, {
    number: spec.number,
    node_id: spec.nodeId ?? `PR_${spec.owner ?? "acme"}_${spec.repo ?? "web"}_${spec.number}`,
    title: spec.title,
    body: spec.body ?? null,
    user: user(spec.author, spec.authorType),
    labels: labelsOf(spec.labels),
    additions: spec.additions ?? 40,
    deletions: spec.deletions ?? 10,
    changed_files: spec.changedFiles ?? 3,
    draft: false,
    created_at: spec.createdAt,
    updated_at: spec.mergedAt ?? spec.createdAt,
    html_url: `https://github.com/${spec.owner ?? "acme"}/${spec.repo ?? "web"}/pull/${spec.number}`,
    state: action === "closed" ? "closed" : "open",
    merged,
    merged_at: spec.mergedAt ?? null,
    closed_at: action === "closed" ? (spec.mergedAt ?? spec.createdAt) : null,
  });
  const head = pr.head as Json;
  head.sha = spec.headSha ?? shaFor(`${spec.owner ?? "acme"}/${spec.repo ?? "web"}#${spec.number}`);
  head.ref = `topic-${spec.number}`;
  (pr.base as Json).ref = spec.base ?? "main";
  payload.number = spec.number;
  payload.sender = user(spec.author, spec.authorType);
  return payload;
};

export const prOpened = (spec: PrSpec): Delivery => ({
  id: spec.id ?? `opened-${spec.repo ?? "web"}-${spec.number}`,
  name: "pull_request",
  payload: prPayload(spec, "opened", rawExample("pull_request", "opened")),
});

export const prMerged = (spec: PrSpec & { mergedAt: string }): Delivery => ({
  id: spec.id ?? `merged-${spec.repo ?? "web"}-${spec.number}`,
  name: "pull_request",
  payload: prPayload(spec, "closed", rawExample("pull_request", "closed")),
});

export const prClosedUnmerged = (spec: PrSpec & { closedAt: string }): Delivery => {
  const payload = prPayload({ ...spec, mergedAt: null }, "closed", rawExample("pull_request", "closed"));
  Object.assign(payload.pull_request as Json, { closed_at: spec.closedAt, updated_at: spec.closedAt });
  return { id: spec.id ?? `closed-${spec.repo ?? "web"}-${spec.number}`, name: "pull_request", payload };
};

export const prSynchronize = (spec: PrSpec & { at: string; after: string }): Delivery => {
  const payload = prPayload(spec, "synchronize", rawExample("pull_request", "synchronize"));
  Object.assign(payload.pull_request as Json, { updated_at: spec.at });
  ((payload.pull_request as Json).head as Json).sha = spec.after;
  payload.after = spec.after;
  return {
    id: spec.id ?? `sync-${spec.repo ?? "web"}-${spec.number}-${spec.after.slice(0, 7)}`,
    name: "pull_request",
    payload,
  };
};

export interface ReviewSpec extends RepoSpec {
  id?: string;
  number: number;
  prAuthor: string;
  prTitle?: string;
  reviewer: string;
  reviewerType?: string;
  state: "approved" | "changes_requested" | "commented";
  submittedAt: string;
  reviewId: number;
  /** The PR's head commit when the review was submitted. */
  headSha?: string;
}

export const reviewSubmitted = (spec: ReviewSpec): Delivery => {
  const payload = placeRepo(rawExample("pull_request_review", "submitted"), spec);
  const review = payload.review as Json;
  Object.assign(review, {
    id: spec.reviewId,
    node_id: `PRR_${spec.reviewId}`,
    user: user(spec.reviewer, spec.reviewerType),
    state: spec.state,
    submitted_at: spec.submittedAt,
    html_url: `https://github.com/${spec.owner ?? "acme"}/${spec.repo ?? "web"}/pull/${spec.number}#pullrequestreview-${spec.reviewId}`,
  });
  Object.assign(payload.pull_request as Json, {
    number: spec.number,
    node_id: `PR_${spec.owner ?? "acme"}_${spec.repo ?? "web"}_${spec.number}`,
    title: spec.prTitle ?? `PR ${spec.number}`,
    user: user(spec.prAuthor),
    draft: false,
  });
  const head = (payload.pull_request as Json).head as Json;
  head.sha = spec.headSha ?? shaFor(`${spec.owner ?? "acme"}/${spec.repo ?? "web"}#${spec.number}`);
  head.ref = `topic-${spec.number}`;
  review.commit_id = head.sha;
  payload.sender = user(spec.reviewer, spec.reviewerType);
  return { id: spec.id ?? `review-${spec.reviewId}`, name: "pull_request_review", payload };
};

export interface IssueSpec extends RepoSpec {
  id?: string;
  number: number;
  title: string;
  assignees: string[];
  labels?: string[];
  createdAt: string;
  closedAt: string;
  stateReason?: "completed" | "not_planned";
}

export const issueClosed = (spec: IssueSpec): Delivery => {
  const payload = placeRepo(rawExample("issues", "reopened"), spec);
  payload.action = "closed";
  const assignees = spec.assignees.map((a) => user(a));
  Object.assign(payload.issue as Json, {
    number: spec.number,
    node_id: `I_${spec.owner ?? "acme"}_${spec.repo ?? "web"}_${spec.number}`,
    title: spec.title,
    labels: labelsOf(spec.labels),
    assignee: assignees[0] ?? null,
    assignees,
    state: "closed",
    state_reason: spec.stateReason ?? "completed",
    created_at: spec.createdAt,
    updated_at: spec.closedAt,
    closed_at: spec.closedAt,
    html_url: `https://github.com/${spec.owner ?? "acme"}/${spec.repo ?? "web"}/issues/${spec.number}`,
  });
  payload.sender = user(spec.assignees[0] ?? "octocat");
  return { id: spec.id ?? `issue-closed-${spec.repo ?? "web"}-${spec.number}`, name: "issues", payload };
};

export interface PushSpec extends RepoSpec {
  id?: string;
  pusher: string;
  pusherType?: string;
  /** The commit's own timestamp (its author's clock, which can be anything). */
  at: string;
  after: string;
  files: Record<string, string | null>;
  /**
   * When GitHub received the push: `repository.pushed_at` (epoch seconds, as GitHub sends it, or an ISO
   * string); default `at`; null leaves it out.
   */
  pushedAt?: string | number | null;
  /**
   * Several commits in one push, oldest first, each with its own timestamp and files (`files` is then
   * what the pushed commit changes in all, for the in-memory GitHub); default one commit at `at`.
   */
  commits?: { at: string; files: Record<string, string | null> }[];
}

const commitOf = (spec: PushSpec, id: string, at: string, files: Record<string, string | null>) => {
  const added = Object.entries(files)
    .filter(([, v]) => v !== null)
    .map(([k]) => k);
  const removed = Object.entries(files)
    .filter(([, v]) => v === null)
    .map(([k]) => k);
  return {
    id,
    tree_id: id.split("").reverse().join(""),
    distinct: true,
    message: `Add ${added.join(", ") || "changes"}`,
    timestamp: at,
    url: "",
    author: { name: spec.pusher, email: `${spec.pusher}@example.com`, username: spec.pusher },
    committer: { name: spec.pusher, email: `${spec.pusher}@example.com`, username: spec.pusher },
    added,
    removed,
    modified: [],
  };
};

export const push = (spec: PushSpec): Delivery => {
  const payload = placeRepo(
    rawExample("push", undefined, (p) => p.ref === "refs/heads/master"),
    { repo: "careers", ...spec },
  );
  const parts = spec.commits ?? [{ at: spec.at, files: spec.files }];
  const commits = parts.map((c, i) =>
    commitOf(
      spec,
      i === parts.length - 1 ? spec.after : shaFor(`${spec.after}~${parts.length - 1 - i}`),
      c.at,
      c.files,
    ),
  );
  const repository = payload.repository as Json;
  const pushedAt = spec.pushedAt === undefined ? Math.floor(Date.parse(spec.at) / 1000) : spec.pushedAt;
  if (pushedAt === null) delete repository.pushed_at;
  else repository.pushed_at = pushedAt;
  Object.assign(payload, {
    ref: "refs/heads/main",
    after: spec.after,
    commits,
    head_commit: commits[commits.length - 1],
    sender: user(spec.pusher, spec.pusherType),
  });
  return { id: spec.id ?? `push-${spec.after.slice(0, 8)}`, name: "push", payload, files: spec.files };
};

/** Alice's small feature, merged in October 2026: the common case most app tests start from. */
export const featureMerged = (number: number, over: Partial<PrSpec> & { mergedAt?: string } = {}): Delivery =>
  prMerged({
    number,
    author: "alice",
    title: `feat: step ${number}`,
    labels: ["feature"],
    createdAt: "2026-10-05T09:00:00Z",
    mergedAt: "2026-10-05T15:00:00Z",
    ...over,
  });

/** The goal issue a comment is on, as the sandbox holds it (number, body with its marker, labels). */
export interface CommentedIssue {
  number: number;
  title?: string;
  body: string;
  labels: string[];
  assignees?: string[];
}

/** The issue's fields as the delivery carries them (the sandbox takes the issue from the delivery). */
const issueFields = (issue: CommentedIssue, owner: string, repo: string): Json => {
  const assignees = (issue.assignees ?? []).map((a) => user(a));
  return {
    number: issue.number,
    ...(issue.title ? { title: issue.title } : {}),
    body: issue.body,
    labels: labelsOf(issue.labels),
    assignees,
    assignee: assignees[0] ?? null,
    user: user("rungs[bot]", "Bot"),
    state: "open",
    html_url: `https://github.com/${owner}/${repo}/issues/${issue.number}`,
  };
};

export interface CommentSpec extends RepoSpec {
  id?: string;
  issue: CommentedIssue;
  commentId: number;
  author: string;
  authorType?: string;
  body: string;
  createdAt: string;
  /** When this version was written (default: created). */
  updatedAt?: string;
  /** On `edited`: the body before. */
  from?: string;
}

const commentPayload = (spec: CommentSpec, action: "created" | "edited" | "deleted"): Json => {
  const payload = placeRepo(rawExample("issue_comment", action), { repo: "careers", ...spec });
  const owner = spec.owner ?? "acme";
  const repo = spec.repo ?? "careers";
  const issue = payload.issue as Json;
  Object.assign(issue, issueFields(spec.issue, owner, repo));
  delete issue.pull_request;
  Object.assign(payload.comment as Json, {
    id: spec.commentId,
    node_id: `IC_${spec.commentId}`,
    body: spec.body,
    user: user(spec.author, spec.authorType),
    created_at: spec.createdAt,
    updated_at: spec.updatedAt ?? spec.createdAt,
    html_url: `https://github.com/${owner}/${repo}/issues/${spec.issue.number}#issuecomment-${spec.commentId}`,
  });
  if (action === "edited") payload.changes = { body: { from: spec.from ?? "" } };
  payload.sender = user(spec.author, spec.authorType);
  return payload;
};

export const commentCreated = (spec: CommentSpec): Delivery => ({
  id: spec.id ?? `comment-${spec.commentId}`,
  name: "issue_comment",
  payload: commentPayload(spec, "created"),
});

export const commentEdited = (spec: CommentSpec): Delivery => ({
  id: spec.id ?? `comment-${spec.commentId}-edited-${spec.updatedAt ?? ""}`,
  name: "issue_comment",
  payload: commentPayload(spec, "edited"),
});

export const commentDeleted = (spec: CommentSpec): Delivery => ({
  id: spec.id ?? `comment-${spec.commentId}-deleted`,
  name: "issue_comment",
  payload: commentPayload(spec, "deleted"),
});

/** Someone edited a goal issue's body (e.g. ticked focus checkboxes). */
export const issueEdited = (
  spec: RepoSpec & { id?: string; issue: CommentedIssue; editor: string; editorType?: string },
): Delivery => {
  const payload = placeRepo(rawExample("issues", "edited"), { repo: "careers", ...spec });
  Object.assign(payload.issue as Json, issueFields(spec.issue, spec.owner ?? "acme", spec.repo ?? "careers"));
  payload.sender = user(spec.editor, spec.editorType);
  return { id: spec.id ?? `issue-edited-${spec.issue.number}-${spec.editor}`, name: "issues", payload };
};
