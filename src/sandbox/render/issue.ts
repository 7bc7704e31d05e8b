import type { IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { renderLabelNamed } from "./label.js";
import { renderReactionRollup } from "./reactions.js";
import { repoApi, repoWeb } from "./urls.js";
import { authorAssociation, renderUser, renderUserOrNull } from "./user.js";

/** GitHub's `issue`. A pull request answers as an issue too, with a `pull_request` member, as on GitHub. */
export const renderIssue = (world: World, repo: RepoState, issue: IssueRecord) => {
  const url = repoApi(repo, `/issues/${issue.number}`);
  const assignees = issue.assignees.map((login) => renderUser(world, login));
  const rendered = {
    id: issue.id,
    node_id: issue.nodeId,
    url,
    repository_url: repoApi(repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: repoWeb(repo, `/${issue.pull ? "pull" : "issues"}/${issue.number}`),
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: renderUser(world, issue.author),
    labels: issue.labels.map((name) => renderLabelNamed(repo, name)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closedAt === null ? null : isoSeconds(issue.closedAt),
    created_at: isoSeconds(issue.createdAt),
    updated_at: isoSeconds(issue.updatedAt),
    closed_by: issue.state === "closed" ? renderUserOrNull(world, issue.closedBy) : null,
    author_association: authorAssociation(world, repo.info.owner, issue.author),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    reactions: renderReactionRollup(url, issue.reactions),
  };
  if (!issue.pull) return rendered;
  const pullUrl = repoApi(repo, `/pulls/${issue.number}`);
  const web = repoWeb(repo, `/pull/${issue.number}`);
  return {
    ...rendered,
    draft: issue.pull.draft,
    pull_request: {
      url: pullUrl,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pull.mergedAt === null ? null : isoSeconds(issue.pull.mergedAt),
    },
  };
};
