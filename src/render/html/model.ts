/**
 * What the demo page shows: the career repo's issues and pull requests as GitHub would, from plain values
 * (the sandbox's state, mapped in src/simulate/demo-page.ts). Bodies and comments are markdown.
 */

export interface PageReaction {
  /** GitHub's reaction name: "+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes". */
  content: string;
  count: number;
}

export interface PageComment {
  author: string;
  /** ISO 8601, as GitHub gives it. */
  createdAt: string;
  body: string;
  reactions?: PageReaction[];
}

export interface PageCheckRun {
  name: string;
  headSha: string;
  /** null while the run is in progress. */
  conclusion: string | null;
  title?: string | null;
  /** Markdown. */
  summary?: string | null;
}

export interface PageIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  author: string;
  createdAt: string;
  labels: string[];
  assignees: string[];
  body: string;
  comments: PageComment[];
}

export interface PageReview {
  author: string;
  state: string;
  body: string;
  submittedAt: string;
}

/** A file the pull request changes; `markdown` when it is a markdown file, shown rendered as GitHub does. */
export interface PageFile {
  path: string;
  status: "added" | "modified" | "removed";
  markdown?: string;
}

export interface PagePull {
  number: number;
  title: string;
  state: "open" | "closed" | "merged";
  author: string;
  createdAt?: string;
  head: string;
  base: string;
  labels: string[];
  requestedReviewers: string[];
  body: string;
  comments: PageComment[];
  reviews: PageReview[];
  files: PageFile[];
  checkRuns: PageCheckRun[];
}

export interface DemoPage {
  /** owner/name of the career repo. */
  repo: string;
  defaultBranch: string;
  /** Paths of the career repo written beside the page (under `repo/`), so links to them stay offline. */
  localFiles: readonly string[];
  issues: PageIssue[];
  pulls: PagePull[];
  /** Check runs on commits that no pull request shows. */
  otherCheckRuns: PageCheckRun[];
  /** One line about the run, shown under the header. */
  caption?: string;
}
