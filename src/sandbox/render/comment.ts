import type { CommentRecord, IssueRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { renderReactionRollup } from "./reactions.js";
import { repoApi, repoWeb } from "./urls.js";
import { authorAssociation, renderUser } from "./user.js";

/** GitHub's `issue-comment`. */
export const renderComment = (world: World, repo: RepoState, issue: IssueRecord, comment: CommentRecord) => {
  const url = repoApi(repo, `/issues/comments/${comment.id}`);
  const kind = issue.pull ? "pull" : "issues";
  return {
    id: comment.id,
    node_id: comment.nodeId,
    url,
    html_url: repoWeb(repo, `/${kind}/${issue.number}#issuecomment-${comment.id}`),
    body: comment.body,
    user: renderUser(world, comment.author),
    created_at: isoSeconds(comment.createdAt),
    updated_at: isoSeconds(comment.updatedAt),
    issue_url: repoApi(repo, `/issues/${issue.number}`),
    author_association: authorAssociation(world, repo.info.owner, comment.author),
    performed_via_github_app: null,
    reactions: renderReactionRollup(url, comment.reactions ?? []),
  };
};
