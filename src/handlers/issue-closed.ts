import type { z } from "zod";
import { isBot } from "../domain/bots.js";
import { issueItem } from "../domain/evidence-from.js";
import { canonicalLogin } from "../domain/profile.js";
import { quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { readCareerFiles } from "../github/career-files.js";
import { issueSelection, linkedPrAuthors } from "../github/issue-facts.js";
import type { UseCaseContext } from "../usecases/context.js";
import { careerPathsFor, recordEvidence } from "../usecases/record-evidence.js";
import { tagEvidence } from "../usecases/tag-evidence.js";
import { repoIgnored } from "./guards.js";
import type { IssueClosed } from "./payloads.js";

/** An issue closed as completed is evidence for each of its assignees. */
export const onIssueClosed = async (ctx: UseCaseContext, payload: z.infer<typeof IssueClosed>) => {
  const { issue, repository } = payload;
  const assignees = (issue.assignees.length ? issue.assignees : issue.assignee ? [issue.assignee] : [])
    .filter((a) => !isBot(a, ctx.config.settings))
    .map((a) => ({ ...a, login: canonicalLogin(ctx.config.profiles, a.login) }));
  const ignored =
    issue.pull_request !== undefined
      ? "pull request"
      : issue.state_reason && issue.state_reason !== "completed"
        ? `closed as ${issue.state_reason}`
        : !issue.closed_at
          ? "not closed"
          : assignees.length === 0
            ? "no human assignee"
            : repoIgnored(ctx.config, repository);
  if (ignored || !issue.closed_at) return ctx.log.debug({ issue: issue.number, reason: ignored }, "ignored");
  const quarter = quarterOf(Date.parse(issue.closed_at), calendarOf(ctx.config.settings));
  const repo = { owner: repository.owner.login, repo: repository.name };
  const paths = assignees.flatMap((a) => careerPathsFor(ctx.config, a.login, quarter));
  const read = await readCareerFiles(
    ctx.github,
    ctx.config.career,
    paths,
    issueSelection(repo, issue.number),
    "RungsIssue",
  );
  const closed = {
    nodeId: issue.node_id,
    repo: repository.full_name,
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    labels: issue.labels.map((l) => l.name),
    closedAt: issue.closed_at,
    linkedPrAuthors: linkedPrAuthors(read.data),
  };
  for (const a of assignees) {
    const item = issueItem(closed, a.login, ctx.config.settings, new Date(ctx.now()).toISOString());
    const status = await recordEvidence(
      ctx,
      { login: a.login, quarter, items: [item] },
      read.files,
      read.head,
    );
    if (status === "written") await tagEvidence(ctx, a.login, item, repo, repository.private);
  }
};
