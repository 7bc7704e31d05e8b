import type { z } from "zod";
import { isBot } from "../domain/bots.js";
import { issueItem } from "../domain/issue-evidence.js";
import { canonicalLogin } from "../domain/profile.js";
import { onlyTheTeamSees } from "../domain/tagging.js";
import { issueSelection, linkedPrAuthors } from "../github/issue-facts.js";
import { IssueClosed } from "./payloads.js";
import { type EvidenceSource, repoIgnored } from "./source.js";

type Payload = z.infer<typeof IssueClosed>;

const repoOf = (p: Payload) => ({ owner: p.repository.owner.login, repo: p.repository.name });

const humanAssignees = (
  { issue }: Payload,
  config: Parameters<EvidenceSource<Payload, string[]>["credits"]>[1],
) =>
  (issue.assignees.length ? issue.assignees : issue.assignee ? [issue.assignee] : [])
    .filter((a) => !isBot(a, config.settings))
    .map((a) => canonicalLogin(config.profiles, a.login));

/** An issue closed as completed is evidence for each of its assignees. */
export const closedIssue: EvidenceSource<Payload, string[]> = {
  event: "issues.closed",
  payload: IssueClosed,
  operation: "RungsIssue",
  ignored: (p, config) => {
    const { issue } = p;
    if (issue.pull_request !== undefined) return "pull request";
    if (issue.state_reason && issue.state_reason !== "completed") return `closed as ${issue.state_reason}`;
    if (!issue.closed_at) return "not closed";
    if (humanAssignees(p, config).length === 0) return "no human assignee";
    return repoIgnored(p.repository, config);
  },
  credits: (p, config) => {
    const closedAt = p.issue.closed_at;
    return closedAt ? [...new Set(humanAssignees(p, config))].map((login) => ({ login, at: closedAt })) : [];
  },
  selection: (p) => issueSelection(repoOf(p), p.issue.number),
  facts: async (_github, _p, data) => linkedPrAuthors(data),
  items: (p, linked, config, recordedAt) => {
    const { issue, repository } = p;
    if (!issue.closed_at) return [];
    const closed = {
      nodeId: issue.node_id,
      repo: repository.full_name,
      number: issue.number,
      title: issue.title,
      url: issue.html_url,
      labels: issue.labels.map((l) => l.name),
      closedAt: issue.closed_at,
      linkedPrAuthors: linked,
      assignees: new Set(humanAssignees(p, config).map((l) => l.toLowerCase())).size,
    };
    return [...new Set(humanAssignees(p, config))].map((login) => ({
      login,
      item: issueItem(closed, login, config.settings, recordedAt),
    }));
  },
  taggable: (p) => ({
    ...repoOf(p),
    teamOnly: onlyTheTeamSees(p.repository),
  }),
};
