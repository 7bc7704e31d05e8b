import type { Context, Probot } from "probot";
import { z } from "zod";
import { careerRepoRefusal } from "./domain/career-repo.js";
import { touchesConfig } from "./domain/paths.js";
import { formatProblem } from "./domain/problem.js";
import { parsePacketBranch } from "./domain/promotion.js";
import { signer as createSigner } from "./domain/signature.js";
import type { RungsConfig } from "./github/config.js";
import { announceRefusal } from "./github/notices.js";
import type { GitHub, Logger } from "./github/types.js";
import { closedIssue } from "./sources/closed-issue.js";
import { mergedPullRequest } from "./sources/merged-pull-request.js";
import { IssueCommentEvent, IssueEdited, Push, payloadProblem, RepositoryEvent } from "./sources/payloads.js";
import { review } from "./sources/review.js";
import type { EvidenceSource } from "./sources/source.js";
import { BoundedSet } from "./usecases/bounded-set.js";
import { onCareerPush } from "./usecases/career-push.js";
import { drainBacklog } from "./usecases/coalesce.js";
import { ConfigCache } from "./usecases/config-cache.js";
import type { AppDeps, UseCaseContext } from "./usecases/context.js";
import {
  mayHoldCommands,
  mayHoldFocus,
  onGoalIssueComment,
  onGoalIssueEdited,
} from "./usecases/goal-commands.js";
import { type HeldDelivery, holdDelivery, replayHeld } from "./usecases/held.js";
import { PersonLeases } from "./usecases/leases.js";
import { parsedFilesMemo } from "./usecases/parsed-files.js";
import { runSource } from "./usecases/pipeline.js";
import { ClosedPullRequest, onPacketClosed } from "./usecases/promotion-packet.js";
import { reportOnce } from "./usecases/report-problems.js";
import { writeWiring } from "./usecases/write-wiring.js";

/** Checks and reports an instance remembers (see UseCaseContext.memo). */
const MEMO_CAPACITY = 10_000;

const Installed = z.object({ installation: z.object({ id: z.number() }) });

const Owner = z.object({ repository: z.object({ owner: z.object({ login: z.string().min(1) }) }) });

type Run = (ctx: UseCaseContext, payload: unknown) => Promise<void>;

/** GitHub's push payload lists at most this many commits. */
const PUSH_COMMITS_LISTED = 20;

/** The Rungs app: guard clauses and wiring only; decisions live in domain/, API calls in github/. */
export const createApp = (deps: AppDeps) => (app: Probot) => {
  if (!deps.signingKey) {
    app.log.error(
      "Rungs needs a key to sign evidence: set RUNGS_SIGNING_KEY, or the app's PRIVATE_KEY / PRIVATE_KEY_PATH. Nothing is recorded until then.",
    );
    return;
  }
  const configs = new ConfigCache(deps.bundledLadder, deps.configTtlMs, deps.now, deps.coordination);
  const memo = new BoundedSet(MEMO_CAPACITY);
  const signer = createSigner(deps.signingKey);
  const parsed = parsedFilesMemo();

  const wiring = writeWiring(deps);

  /** What every use-case gets: the event's (or the scheduler's) client, config and log, and the app's deps. */
  const contextOf = (
    at: Pick<UseCaseContext, "github" | "config" | "log" | "deliveryId" | "writes">,
  ): UseCaseContext => {
    const { now, random, sleep, templates, coordination } = deps;
    const leases = coordination && new PersonLeases(coordination, at.config.owner, sleep, random);
    return { ...at, now, random, sleep, templates, memo, signer, parsed, leases, blobsByOid: true };
  };

  /** Runs a use-case with its context, then lets go of the people it held (usecases/leases.ts). */
  const using = async (ctx: UseCaseContext, run: (ctx: UseCaseContext) => Promise<void>): Promise<void> => {
    try {
      await run(ctx);
    } finally {
      await ctx.leases?.releaseAll();
    }
  };

  const useCaseContext = (context: Context, config: RungsConfig): UseCaseContext => {
    const installation = Installed.safeParse(context.payload);
    return contextOf({
      github: context.octokit,
      config,
      log: context.log,
      deliveryId: context.id,
      writes: installation.success
        ? wiring?.writesFor(context.octokit, installation.data.installation.id, config.owner)
        : undefined,
    });
  };

  /** Pays down the installation's write backlog as the budget allows; never fails the event it follows. */
  const drain = (ctx: UseCaseContext) =>
    drainBacklog(ctx).catch((e: unknown) =>
      ctx.log.error(
        { error: e instanceof Error ? e.message.split("\n")[0] : String(e) },
        "writing the backlog failed; it is tried again later (and rungs sync reconciles)",
      ),
    );

  // With no events coming, the backlog still drains: each installation with writes waiting, every minute.
  wiring?.every?.(60_000, async () => {
    for (const { installation, owner } of wiring.waiting()) {
      const github: GitHub = await app.auth(installation);
      const result = await configs.get(github, owner);
      if (!result.ok) continue;
      await using(
        contextOf({
          github,
          config: result.config,
          log: app.log,
          deliveryId: `drain-${deps.now()}`,
          writes: wiring.writesFor(github, installation, owner),
        }),
        drain,
      );
    }
  });

  /** A payload without what Rungs needs: one line naming the delivery and the field, and nothing written. */
  const payloadOf = <T>(
    schema: z.ZodType<T>,
    context: Context,
    payload: unknown = context.payload,
  ): T | undefined => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    context.log.warn(
      { delivery: context.id, event: context.name, problem: payloadProblem(parsed.error) },
      "delivery skipped: its payload lacks what Rungs needs; nothing was written",
    );
    return undefined;
  };

  /**
   * The organisation's config, or why nothing can be recorded now. While settings or the ladder are
   * broken, an evidence delivery is held in the career repo (replayed once they are fixed).
   */
  const configFor = async (
    context: Context,
    owner: string,
    hold?: Omit<HeldDelivery, "held_at">,
  ): Promise<RungsConfig | undefined> => {
    const github: GitHub = context.octokit;
    const log: Logger = context.log;
    const installed = Installed.safeParse(context.payload);
    if (installed.success) wiring?.budgeted(github, installed.data.installation.id);
    const result = await configs.get(github, owner);
    if (!result.ok) {
      const problems = result.problems.map(formatProblem);
      if (result.reason === "no-career-repo") {
        log.warn({ owner, problems }, "no career repo: nothing recorded");
        return undefined;
      }
      log.error(
        { owner, problems },
        "career repo configuration is invalid: fix it (rungs validate) and push",
      );
      const career = result.career;
      if (career)
        await reportOnce(
          github,
          memo,
          career,
          career.head,
          "Rungs configuration is invalid: evidence is held until it is fixed",
          problems,
        );
      // Held evidence is about people: only ever in a private career repo.
      if (hold && career?.visibility.toUpperCase() === "PRIVATE")
        await holdDelivery(
          { github, career, log, signer },
          { ...hold, held_at: new Date(deps.now()).toISOString() },
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
      await announceRefusal(github, config.career, refusal);
      return undefined;
    }
    return config;
  };

  const handlers = new Map<string, Run>();

  /** Replays deliveries held while the configuration was broken (usecases/held.ts). */
  const replay = async (ctx: UseCaseContext) => {
    const replayed = await replayHeld(
      { github: ctx.github, career: ctx.config.career, log: ctx.log, signer },
      async (held) => {
        if (held.event === "push") {
          const push = Push.safeParse(held.payload);
          if (push.success) await onCareerPush(ctx, push.data);
          return;
        }
        await handlers.get(held.event)?.(ctx, held.payload);
      },
      deps,
    );
    if (replayed) ctx.log.info({ replayed }, "held deliveries replayed");
  };

  /**
   * Besides the push that fixes the configuration, each instance looks for held deliveries once per
   * config lifetime, so an organisation-level fix or a long backlog is replayed without waiting.
   */
  const replayIfDue = async (ctx: UseCaseContext) => {
    const key = `held:${ctx.config.owner.toLowerCase()}:${Math.floor(deps.now() / deps.configTtlMs)}`;
    if (!ctx.config.held || ctx.memo.has(key)) return;
    ctx.memo.add(key);
    // Replaying is a courtesy to earlier deliveries: its failure never fails the current one.
    await replay(ctx).catch((e: unknown) =>
      ctx.log.error(
        { error: e instanceof Error ? e.message.split("\n")[0] : String(e) },
        "replaying held deliveries failed",
      ),
    );
  };

  /** One evidence source: validated payload, config (or held), then the pipeline. */
  const register = <P, F>(source: EvidenceSource<P, F>) => {
    const run = runSource(source);
    handlers.set(source.event, async (ctx, raw) => {
      const payload = source.payload.safeParse(raw);
      if (payload.success) await run(ctx, payload.data);
      else
        ctx.log.warn(
          { delivery: ctx.deliveryId, problem: payloadProblem(payload.error) },
          "held delivery skipped",
        );
    });
    app.on(source.event, async (context) => {
      const payload = payloadOf(source.payload, context);
      if (payload === undefined) return;
      const owner = payloadOf(Owner, context);
      if (owner === undefined) return;
      const config = await configFor(context, owner.repository.owner.login, {
        id: context.id,
        event: source.event,
        payload,
      });
      if (!config) return;
      await using(useCaseContext(context, config), async (ctx) => {
        await run(ctx, payload);
        await drain(ctx);
        await replayIfDue(ctx);
      });
    });
  };
  register(mergedPullRequest);
  register(review);
  register(closedIssue);

  /**
   * People acting on a goal issue: commands in comments, focus ticked in the issue
   * (usecases/goal-commands.ts). Only what could be one is looked at (a comment with a command, an edit
   * of a goal issue's focus list), so ordinary conversation anywhere costs nothing and is never held.
   */
  const onPeople = <P>(
    event: "issue_comment.created" | "issue_comment.edited" | "issue_comment.deleted" | "issues.edited",
    schema: z.ZodType<P>,
    relevant: (payload: P) => boolean,
    run: (ctx: UseCaseContext, payload: P) => Promise<void>,
  ) => {
    handlers.set(event, async (ctx, raw) => {
      const payload = schema.safeParse(raw);
      if (payload.success && relevant(payload.data)) await run(ctx, payload.data);
    });
    app.on(event, async (context) => {
      const payload = schema.safeParse(context.payload);
      if (!payload.success || !relevant(payload.data)) return;
      const owner = payloadOf(Owner, context);
      if (owner === undefined) return;
      const config = await configFor(context, owner.repository.owner.login, {
        id: context.id,
        event,
        payload: payload.data,
      });
      if (!config) return;
      await using(useCaseContext(context, config), (ctx) => run(ctx, payload.data));
    });
  };
  onPeople("issue_comment.created", IssueCommentEvent, mayHoldCommands, onGoalIssueComment);
  onPeople("issue_comment.edited", IssueCommentEvent, mayHoldCommands, onGoalIssueComment);
  onPeople("issue_comment.deleted", IssueCommentEvent, mayHoldCommands, onGoalIssueComment);
  onPeople("issues.edited", IssueEdited, mayHoldFocus, onGoalIssueEdited);

  /**
   * A promotion packet merged (promotes) or closed (nothing changes): usecases/promotion-packet.ts. Any
   * other pull request is the evidence source's business; a packet is never held (asking again redoes it).
   */
  app.on("pull_request.closed", async (context) => {
    const payload = ClosedPullRequest.safeParse(context.payload);
    if (!payload.success || !parsePacketBranch(payload.data.pull_request.head.ref)) return;
    const config = await configFor(context, payload.data.repository.owner.login);
    if (!config) return;
    await using(useCaseContext(context, config), async (ctx) => {
      const outcome = await onPacketClosed(ctx, payload.data);
      if (outcome.status === "ignored") return ctx.log.debug({ reason: outcome.reason }, "ignored");
      ctx.log.info({ outcome }, "promotion packet closed");
      // The profile changed under the cache (the app's own push is a bot's, so no push event refreshes it).
      if (outcome.status === "promoted") await configs.invalidate(ctx.config.owner);
    });
  });

  app.on("push", async (context) => {
    const payload = payloadOf(Push, context);
    if (!payload) return;
    const { repository, sender, commits } = payload;
    const owner = repository.owner.login;
    const changed = commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]);
    // A push lists at most 20 commits: one with more may change anything.
    const truncated = commits.length >= PUSH_COMMITS_LISTED;
    if (repository.name === ".github" && changed.includes(".github/rungs.yml"))
      await configs.invalidate(owner);
    if (context.isBot || sender.type === "Bot") {
      // Nothing else of a bot's push is read, but a profile or the ladder it changed is the config's.
      if (truncated || changed.some(touchesConfig)) await configs.invalidate(owner);
      return context.log.debug({ sender: sender.login }, "ignored: push by a bot");
    }
    const cached = await configs.get(context.octokit, owner);
    const career = cached.ok ? cached.config.career : cached.career;
    if (repository.name === ".github" && changed.includes(".github/rungs.yml")) {
      // The organisation's settings were fixed: what was held while they were broken goes through now.
      const config = cached.ok ? await configFor(context, owner) : undefined;
      if (config) await using(useCaseContext(context, config), replay);
      return;
    }
    if (!career || repository.name.toLowerCase() !== career.repo.toLowerCase()) return;
    const configChanged = truncated || changed.some(touchesConfig);
    if (configChanged) await configs.invalidate(owner);
    const fresh = configChanged ? await configs.get(context.octokit, owner) : cached;
    if (!fresh.ok && fresh.reason === "invalid" && configChanged) {
      // Said on the commit that made it so, as a failing check.
      await reportOnce(
        context.octokit,
        memo,
        career,
        payload.after,
        "Rungs configuration is invalid: evidence is held until it is fixed",
        fresh.problems.map(formatProblem),
      );
    }
    const config = await configFor(context, owner, { id: context.id, event: "push", payload });
    if (!config) return;
    if (configChanged) {
      const broken = [...config.brokenProfiles.values()].flat().map(formatProblem);
      // Said on the commit that made it so, as a failing check.
      await reportOnce(
        context.octokit,
        memo,
        config.career,
        payload.after,
        "Some profiles have problems: those people's evidence waits until they are fixed",
        broken,
      );
    }
    await using(useCaseContext(context, config), async (ctx) => {
      if (configChanged) await replay(ctx);
      await onCareerPush(ctx, payload);
    });
  });

  /** The career repo made public, renamed, transferred, archived or deleted: read the config afresh. */
  app.on("repository", async (context) => {
    const payload = payloadOf(RepositoryEvent, context);
    if (!payload) return;
    const owner = payload.repository.owner.login;
    await configs.invalidate(owner);
    context.log.info(
      { owner, repo: payload.repository.name, action: payload.action },
      "repository changed: configuration will be read again",
    );
  });
};
