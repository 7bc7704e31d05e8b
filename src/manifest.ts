/**
 * What Rungs asks of GitHub, and why: each webhook event it handles and each API call it makes, with
 * the GitHub App permission that needs. `app.yml` asks for exactly what this implies
 * (test/app/manifest.test.ts), and the permissions table in docs/install.md is generated from it.
 * Permissions are GitHub's fine-grained App permissions, as GitHub documents them per endpoint and event.
 */

export type Permission = "contents" | "issues" | "pull_requests" | "checks" | "members" | "metadata";
export type Access = "read" | "write";

export interface Need {
  permission: Permission;
  access: Access;
}

const read = (permission: Permission): Need => ({ permission, access: "read" });
const write = (permission: Permission): Need => ({ permission, access: "write" });

/** Webhook events (without the action) → the permission GitHub requires before it delivers them. */
export const EVENT_NEEDS: Readonly<Record<string, Need & { why: string }>> = {
  pull_request: {
    ...read("pull_requests"),
    why: "a merged pull request is evidence; a merged promotion packet records the promotion",
  },
  pull_request_review: { ...read("pull_requests"), why: "a submitted review is evidence" },
  issues: {
    ...read("issues"),
    why: "a closed issue is evidence; focus ticked in an edited goal issue",
  },
  // GitHub delivers issue_comment with `issues` or `pull_requests`; Rungs reads comments on goal issues.
  issue_comment: { ...read("issues"), why: "commands in comments on goal issues" },
  push: {
    ...read("contents"),
    why: "learning notes, and changes to settings, ladder and profiles in the career repo",
  },
  repository: {
    ...read("metadata"),
    why: "the career repo made public, renamed, transferred or archived: read the configuration again",
  },
};

/**
 * REST routes (`METHOD /template`, as GitHub's API description writes them) → the permission each needs;
 * null for routes an app calls as itself (its JWT), which need none.
 */
export const ROUTE_NEEDS: Readonly<Record<string, Need | null>> = {
  "GET /app/installations/{installation_id}": null,
  "POST /app/installations/{installation_id}/access_tokens": null,
  "GET /orgs/{org}/installation": null,
  // The app's own webhook deliveries (listing and redelivering failed ones): the app's JWT, no permission.
  "GET /app/hook/deliveries": null,
  "GET /app/hook/deliveries/{delivery_id}": null,
  "POST /app/hook/deliveries/{delivery_id}/attempts": null,
  "GET /repos/{owner}/{repo}/installation": null,
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": read("members"),
  "GET /repos/{owner}/{repo}": read("metadata"),
  "GET /repos/{owner}/{repo}/contents/{path}": read("contents"),
  "PUT /repos/{owner}/{repo}/contents/{path}": write("contents"),
  "DELETE /repos/{owner}/{repo}/contents/{path}": write("contents"),
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": read("contents"),
  "GET /repos/{owner}/{repo}/git/ref/{ref}": read("contents"),
  "POST /repos/{owner}/{repo}/git/blobs": write("contents"),
  "POST /repos/{owner}/{repo}/git/commits": write("contents"),
  "POST /repos/{owner}/{repo}/git/trees": write("contents"),
  "POST /repos/{owner}/{repo}/git/refs": write("contents"),
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": write("contents"),
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": write("contents"),
  "GET /repos/{owner}/{repo}/issues": read("issues"),
  "GET /repos/{owner}/{repo}/issues/{issue_number}": read("issues"),
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": read("issues"),
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": read("issues"),
  "POST /repos/{owner}/{repo}/issues": write("issues"),
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": write("issues"),
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": write("issues"),
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": write("issues"),
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": write("issues"),
  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": write("issues"),
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": write("issues"),
  "GET /repos/{owner}/{repo}/labels/{name}": read("issues"),
  "POST /repos/{owner}/{repo}/labels": write("issues"),
  "GET /repos/{owner}/{repo}/pulls": read("pull_requests"),
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": read("pull_requests"),
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": read("pull_requests"),
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": read("pull_requests"),
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": read("pull_requests"),
  "POST /repos/{owner}/{repo}/pulls": write("pull_requests"),
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": write("pull_requests"),
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers": write("pull_requests"),
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": write("contents"),
  "POST /repos/{owner}/{repo}/check-runs": write("checks"),
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": write("checks"),
  // A query reads only what the events' permissions already let the app read (contents, pull requests,
  // issues); what a mutation writes is checked by its name (MUTATION_NEEDS).
  "POST /graphql": null,
};

/** GraphQL mutations → the permission each needs. */
export const MUTATION_NEEDS: Readonly<Record<string, Need>> = {
  createCommitOnBranch: write("contents"),
  createRef: write("contents"),
  updateRef: write("contents"),
  deleteRef: write("contents"),
  mergePullRequest: write("contents"),
  addComment: write("issues"),
  updateIssue: write("issues"),
  updateIssueComment: write("issues"),
  addLabelsToLabelable: write("issues"),
  addReaction: write("issues"),
  createPullRequest: write("pull_requests"),
  updatePullRequest: write("pull_requests"),
  requestReviews: write("pull_requests"),
  createCheckRun: write("checks"),
  updateCheckRun: write("checks"),
};

/** Why Rungs asks for each permission at each access, in a sentence a platform team can check. */
export const PERMISSION_WHY: Readonly<Record<Permission, string>> = {
  metadata:
    "Every GitHub App has it. Lets Rungs see repository names and visibility, and hear `repository` events (the career repo made public, renamed, archived).",
  contents:
    "Write: the ledger (`people/<login>/evidence/…`) and held deliveries on the career repo's default branch, and promotion packets' branches. Read: settings, ladder and profiles, and learning notes (`push`).",
  issues:
    "Write: goal issues in the career repo (open, update, comment), the notice that Rungs is paused, replies and reactions to commands, and `rungs: <criterion>` labels only if `privacy.tagging` is on. Read: closed issues as evidence (`issues`), commands in comments (`issue_comment`).",
  pull_requests:
    "Write: promotion-packet pull requests in the career repo (open, update, request reviewers). Read: merged pull requests and reviews as evidence (`pull_request`, `pull_request_review`), and their timelines for review rounds.",
  checks:
    "Write: check runs on the career repo, e.g. a failing one on the commit that broke settings, a profile or a ledger, naming the file and line to fix.",
  members: "Read: whether the person running a command is in a team listed under `admins.teams` in settings.",
};

const RANK: Record<Access, number> = { read: 1, write: 2 };

/** The permissions some needs add up to: each permission at the highest access any need asks for. */
export const permissionsFor = (needs: Iterable<Need>): Map<Permission, Access> => {
  const out = new Map<Permission, Access>();
  for (const { permission, access } of needs) {
    const had = out.get(permission);
    if (!had || RANK[access] > RANK[had]) out.set(permission, access);
  }
  return out;
};

/** `pull_request.closed` → `pull_request`: app.yml subscribes to events, handlers to event.action. */
export const eventOf = (handled: string): string => handled.split(".")[0] ?? handled;

/** Markdown table for docs/install.md: each permission app.yml asks for, its access and why. */
export const permissionsTable = (permissions: Iterable<readonly [string, Access]>): string => {
  const why: Readonly<Record<string, string>> = PERMISSION_WHY;
  return [
    "| Permission | Access | Why |",
    "|---|---|---|",
    ...[...permissions]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([p, access]) => `| \`${p}\` | ${access} | ${why[p] ?? "unexplained: say why in src/manifest.ts"} |`,
      ),
  ].join("\n");
};

/** Markdown table for docs/install.md: each webhook event and why Rungs subscribes. */
export const eventsTable = (events: Iterable<string>): string =>
  [
    "| Event | Needs | Why |",
    "|---|---|---|",
    ...[...events].sort().map((e) => {
      const need = EVENT_NEEDS[e];
      return `| \`${e}\` | ${need ? `\`${need.permission}\`: ${need.access}` : "?"} | ${need?.why ?? ""} |`;
    }),
  ].join("\n");
