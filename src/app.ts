import type { Context, Probot } from "probot";
import type { z } from "zod";
import { careerRepoRefusal } from "./domain/career-repo.js";
import { formatProblem } from "./domain/problem.js";
import type { CareerRepoRef, RungsConfig } from "./github/config.js";
import { reportProblems } from "./github/goal-issues.js";
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

type Handler<S extends z.ZodType> = (ctx: UseCaseContext, payload: z.infer<S>) => Promise<void>;

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

  const run =
    <S extends z.ZodType>(schema: S, handler: Handler<S>) =>
    async (context: Context) => {
      const parsed = schema.safeParse(context.payload);
      if (!parsed.success)
        throw new PayloadError(
          `${context.name}: payload is missing what Rungs needs: ${payloadProblem(parsed.error)}`,
        );
      const payload = parsed.data as z.infer<S> & { repository: { owner: { login: string } } };
      const owner = payload.repository.owner.login;
      const github = context.octokit as unknown as GitHub;
      const config = await configFor(github, owner, context.log);
      if (!config) return;
      await handler(
        {
          github,
          config,
          log: context.log,
          deliveryId: context.id,
          now: deps.now,
          random: deps.random,
          sleep: deps.sleep,
          templates: deps.templates,
        },
        payload,
      );
    };

  app.on("pull_request.closed", run(PullRequestClosed, onPullRequestClosed));
  app.on("pull_request_review.submitted", run(ReviewSubmitted, onReviewSubmitted));
  app.on("issues.closed", run(IssueClosed, onIssueClosed));
  app.on("push", async (context) => {
    const parsed = Push.safeParse(context.payload);
    if (!parsed.success)
      throw new PayloadError(`push: payload is missing what Rungs needs: ${payloadProblem(parsed.error)}`);
    const { repository, sender, commits } = parsed.data;
    const owner = repository.owner.login;
    const changed = commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]);
    if (repository.name === ".github" && changed.includes(".github/rungs.yml")) configs.invalidate(owner);
    if (context.isBot || sender.type === "Bot")
      return context.log.debug({ sender: sender.login }, "ignored: push by a bot");
    const github = context.octokit as unknown as GitHub;
    const cached = await configs.get(github, owner);
    const careerName = cached.ok ? cached.config.career.repo : cached.career?.repo;
    if (repository.name !== careerName) return;
    if (changed.some(touchesConfig)) configs.invalidate(owner);
    await run(Push, onCareerPush)(context as unknown as Context);
  });
};
