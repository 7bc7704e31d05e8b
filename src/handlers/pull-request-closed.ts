import type { z } from "zod";
import { pullRequestItem } from "../domain/evidence-from.js";
import { canonicalLogin } from "../domain/profile.js";
import { quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { readCareerFiles } from "../github/career-files.js";
import { pullRequestFacts, pullRequestSelection } from "../github/pull-request-facts.js";
import type { UseCaseContext } from "../usecases/context.js";
import { careerPathsFor, recordEvidence } from "../usecases/record-evidence.js";
import { tagEvidence } from "../usecases/tag-evidence.js";
import { whyIgnored } from "./guards.js";
import type { PullRequestClosed } from "./payloads.js";

/** A merged pull request is evidence for its author. */
export const onPullRequestClosed = async (
  ctx: UseCaseContext,
  payload: z.infer<typeof PullRequestClosed>,
) => {
  const { pull_request: pr, repository } = payload;
  const ignored =
    !pr.merged || !pr.merged_at ? "closed without merging" : whyIgnored(ctx.config, repository, pr.user);
  if (ignored) return ctx.log.debug({ pr: pr.number, reason: ignored }, "ignored");
  const mergedAt = pr.merged_at as string;
  const login = canonicalLogin(ctx.config.profiles, pr.user.login);
  const quarter = quarterOf(Date.parse(mergedAt), calendarOf(ctx.config.settings));
  const repo = { owner: repository.owner.login, repo: repository.name };
  const read = await readCareerFiles(
    ctx.github,
    ctx.config.career,
    careerPathsFor(ctx.config, login, quarter),
    pullRequestSelection(repo, pr.number),
    "RungsPullRequest",
  );
  const facts = await pullRequestFacts(ctx.github, repo, pr.number, read.data);
  if (!facts) return ctx.log.warn({ pr: pr.number }, "pull request not found through GraphQL; skipped");
  const item = pullRequestItem(
    {
      nodeId: pr.node_id,
      repo: repository.full_name,
      number: pr.number,
      title: pr.title,
      url: pr.html_url,
      author: login,
      labels: pr.labels.map((l) => l.name),
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changed_files,
      createdAt: pr.created_at,
      mergedAt,
      ...facts,
    },
    ctx.config.settings,
    new Date(ctx.now()).toISOString(),
  );
  const status = await recordEvidence(ctx, { login, quarter, items: [item] }, read.files, read.head);
  if (status === "written") await tagEvidence(ctx, login, item, repo, repository.private);
};
