import { classifyIssue } from "./classify.js";
import { type IssueItem, observed } from "./evidence.js";
import type { Settings } from "./settings.js";

export interface ClosedIssue {
  nodeId: string;
  repo: string;
  number: number;
  title: string;
  url: string;
  labels: string[];
  closedAt: string;
  /** Merged pull requests linked to the issue, by author login. */
  linkedPrAuthors: string[];
  /** Everyone it was assigned to when closed (bots excluded). */
  assignees: number;
}

/**
 * One item per assignee. Keyed by the issue's node id and the assignee, so an incident reopened
 * and closed again counts once.
 */
export const issueItem = (
  issue: ClosedIssue,
  assignee: string,
  settings: Settings,
  recordedAt: string,
): IssueItem => {
  const { class: cls, escalated } = classifyIssue(issue, settings);
  return {
    kind: "issue",
    key: `${issue.nodeId}:${assignee.toLowerCase()}`,
    at: issue.closedAt,
    title: issue.title,
    url: issue.url,
    provenance: observed(recordedAt),
    repo: issue.repo,
    number: issue.number,
    labels: issue.labels,
    class: cls,
    escalated,
    linked_prs: issue.linkedPrAuthors.filter((a) => a.toLowerCase() === assignee.toLowerCase()).length,
    assignees: Math.max(1, issue.assignees),
  };
};
