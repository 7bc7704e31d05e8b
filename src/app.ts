import type { Context, Probot } from "probot";
import type { z } from "zod";
import { careerRepoRefusal } from "./domain/career-repo.js";
import { formatProblem } from "./domain/problem.js";
import { reportProblems } from "./github/check-runs.js";
import type { CareerRepoRef, RungsConfig } from "./github/config.js";
import { announceRefusal } from "./github/notices.js";
import type { GitHub, Logger } from "./github/types.js";
import { onIssueClosed } from "./handlers/issue-closed.js";
import {
  IssueClosed,
  PullRequestClosed,
  Push,
  payloadProblem,
  ReviewSubmitted,
} from "./handlers/payloads.js";
import { onPullRequestClosed } from "./handlers/pull-request-closed.js";
import { onCareerPush, touchesConfig } from "./handlers/push.js";
import { onReviewSubmitted } from "./handlers/review-submitted.js";
import { ConfigCache } from "./usecases/config-cache.js";
import type { AppDeps, UseCaseContext } from "./usecases/context.js";

/** A payload without the fields Rungs needs: the delivery fails with a message naming them. */
export class PayloadError extends Error {}

type Handler<P> = (ctx: UseCaseContext, payload: P) => Promise<void>;

/** The Rungs app: guard clauses and wiring only; decisions live in domain/, API calls in github/. */
export const createApp = (deps: AppDeps) => (app: Probot) => {
  const configs = new ConfigCache(deps.bundledLadder, deps.configTtlMs, deps.now);
  const announced = new Set<string>();

  /** Reports problems once per commit of the career repo, as a failing check where its maintainers look. */
  const reportOnce = async (
    github: GitHub,
    where: CareerRepoRef | undefined,
    title: string,
    lines: string[],
  ) => {
    const key = `${where?.owner}/${where?.repo}@${where?.head}:${title}`.toLowerCase();
    if (!where?.head || announced.has(key)) return;
    announced.add(key);
    await reportProblems(github, { owner: where.owner, repo: where.repo }, where.head, title, lines);
  };

  const configFor = async (github: GitHub, owner: string, log: Logger): Promise<RungsConfig | undefined> => {
    const result = await configs.get(github, owner);
    if (!result.ok) {
      const lines = result.problems.map(formatProblem);
      if (result.reason === "no-career-repo") {
        log.warn({ owner, problems: lines }, "no career repo: nothing recorded");
        return undefined;
      }
      log.error(
        { owner, problems: lines },
        "career repo configuration is invalid: fix it (rungs validate) and push",
      );
      await reportOnce(
        github,
        result.career,
        "Rungs configuration is invalid: nothing is recorded until it is fixed",
        lines,
      );
      return undefined;
    }
    const config = result.config;
    const refusal = careerRepoRefusal(config.career.visibility, config.settings);
    if (refusal) {
      log.error(
        { owner, career: config.career.repo },
        `${refusal}: Rungs refuses to write evidence about people there`,
      );
      const key = `${owner}/${config.career.repo}`.toLowerCase();
      if (!announced.has(key)) {
        announced.add(key);
        await announceRefusal(github, config.career, refusal);
      }
      return undefined;
    }
    if (config.warnings.length) {
      const lines = config.warnings.map(formatProblem);
      log.error(
        { owner, problems: lines },
        "profiles do not parse: those people's evidence waits until they are fixed",
      );
      await reportOnce(
        github,
        config.career,
        "Some profiles do not parse: their evidence waits until they are fixed",
        lines,
      );
    }
    return config;
  };

  /** Checks the fields Rungs uses; a payload without them fails the delivery with a message naming them. */
  const payloadOf = <T>(schema: z.ZodType<T>, context: Context): T => {
    const parsed = schema.safeParse(context.payload);
    if (!parsed.success) {
      throw new PayloadError(
        `${context.name}: payload is missing what Rungs needs: ${payloadProblem(parsed.error)}`,
      );
    }
    return parsed.data;
  };

  /** Loads the organisation's config and hands the event to its handler with everything it needs. */
  const handle = async <P>(context: Context, owner: string, payload: P, handler: Handler<P>) => {
    const github: GitHub = context.octokit;
    const config = await configFor(github, owner, context.log);
    if (!config) return;
    const { now, random, sleep, templates } = deps;
    await handler(
      { github, config, log: context.log, deliveryId: context.id, now, random, sleep, templates },
      payload,
    );
  };

  const run =
    <T extends { repository: { owner: { login: string } } }>(schema: z.ZodType<T>, handler: Handler<T>) =>
    async (context: Context) => {
      const payload = payloadOf(schema, context);
      await handle(context, payload.repository.owner.login, payload, handler);
    };

  app.on("pull_request.closed", run(PullRequestClosed, onPullRequestClosed));
  app.on("pull_request_review.submitted", run(ReviewSubmitted, onReviewSubmitted));
  app.on("issues.closed", run(IssueClosed, onIssueClosed));
  app.on("push", async (context) => {
    const payload = payloadOf(Push, context);
    const { repository, sender, commits } = payload;
    const owner = repository.owner.login;
    const changed = commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]);
    if (repository.name === ".github" && changed.includes(".github/rungs.yml")) configs.invalidate(owner);
    if (context.isBot || sender.type === "Bot") {
      return context.log.debug({ sender: sender.login }, "ignored: push by a bot");
    }
    const cached = await configs.get(context.octokit, owner);
    const careerName = cached.ok ? cached.config.career.repo : cached.career?.repo;
    if (repository.name !== careerName) return;
    if (changed.some(touchesConfig)) configs.invalidate(owner);
    await handle(context, owner, payload, onCareerPush);
  });
};
