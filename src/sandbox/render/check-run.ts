import { headOf, isPull } from "../state/pulls.js";
import type { CheckRunRecord } from "../state/records.js";
import type { RepoState } from "../state/repo.js";
import type { World } from "../state/world.js";
import { isoSeconds } from "../time.js";
import { renderApp } from "./app.js";
import { repoApi, repoWeb } from "./urls.js";

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

export const renderCheckRun = (world: World, repo: RepoState, run: CheckRunRecord) => {
  const url = repoApi(repo, `/check-runs/${run.id}`);
  const minimalRepo = { id: repo.info.id, url: repoApi(repo), name: repo.info.name };
  const pulls = [...repo.issues.values()]
    .filter(isPull)
    .filter((pr) => pr.state === "open" && headOf(repo, pr) === run.headSha)
    .map((pr) => ({
      id: pr.pull.id,
      number: pr.number,
      url: repoApi(repo, `/pulls/${pr.number}`),
      head: { ref: pr.pull.headRef, sha: run.headSha, repo: minimalRepo },
      base: {
        ref: pr.pull.baseRef,
        sha: repo.branches.get(pr.pull.baseRef) ?? pr.pull.mergeBase,
        repo: minimalRepo,
      },
    }));
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: run.externalId,
    url,
    html_url: repoWeb(repo, `/runs/${run.id}`),
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: iso(run.startedAt),
    completed_at: iso(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id },
    app: renderApp(world),
    pull_requests: pulls,
  };
};
