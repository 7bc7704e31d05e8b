import { createPrivateKey } from "node:crypto";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { z } from "zod";
import { loadTemplates } from "../deps.js";
import { careerRepoRefusal } from "../domain/career-repo.js";
import { formatProblem } from "../domain/problem.js";
import { signer } from "../domain/signature.js";
import { DEFAULT_WRITE_LIMITS, GITHUB_CONTENT_LIMITS } from "../domain/write-window.js";
import { loadConfig, type RungsConfig } from "../github/config.js";
import type { GitHub, Logger, RepoRef } from "../github/types.js";
import { waitOutRateLimits } from "../github/waits.js";
import { budgetWrites } from "../github/write-budget.js";
import { signingKeyFrom } from "../signing-key.js";
import { MemoryWriteBudget } from "../store/write-budget.js";
import { BoundedSet } from "../usecases/bounded-set.js";
import type { UseCaseContext } from "../usecases/context.js";
import { type Io, UsageError } from "./command.js";
import type { CliDeps } from "./deps.js";
import { bundledLadder } from "./files.js";

/** A failure the user can act on: printed as one line, exit 1, never a stack trace. */
export class CliFailure extends Error {}

/** `--repo OWNER/NAME`, or why not. */
export const parseRepo = (value: string | undefined): RepoRef => {
  if (!value) throw new UsageError("--repo OWNER/CAREERS is required");
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value);
  if (!m?.[1] || !m[2]) throw new UsageError(`--repo ${value}: expected OWNER/NAME, e.g. acme/careers`);
  return { owner: m[1], repo: m[2] };
};

/** No retries or throttling of Octokit's own: waits are ours (github/waits.ts), through the injected sleep. */
const clientClass = (deps: CliDeps) =>
  ProbotOctokit.defaults((o: object) => ({
    ...o,
    retry: { enabled: false },
    throttle: { enabled: false },
    request: { fetch: deps.fetch },
  }));

/** The credential the environment offers, described as the user would name it in an error. */
type Credential = { kind: "token"; token: string } | { kind: "app"; appId: number; privateKey: string };

const credentialOf = (env: CliDeps["env"], appOnly: boolean): Credential => {
  const token = env.GITHUB_TOKEN?.trim();
  if (token && !appOnly) return { kind: "token", token };
  const appId = env.APP_ID?.trim();
  const pem = env.PRIVATE_KEY?.replace(/\\n/g, "\n").trim();
  if (!appId || !pem) {
    const missing = [!appId && "APP_ID", !pem && "PRIVATE_KEY"].filter(Boolean).join(" and ");
    throw new CliFailure(
      appOnly
        ? `no app credential: set APP_ID and PRIVATE_KEY (the app's id and private key; missing: ${missing})`
        : `no GitHub credential: set GITHUB_TOKEN, or APP_ID and PRIVATE_KEY (missing: ${missing})`,
    );
  }
  if (!/^\d+$/.test(appId))
    throw new CliFailure(`APP_ID "${appId}" is not a number: use the app's numeric id`);
  try {
    createPrivateKey(pem);
  } catch {
    throw new CliFailure(
      "PRIVATE_KEY is not a PEM private key (paste the .pem file the app's settings gave you)",
    );
  }
  return { kind: "app", appId: Number(appId), privateKey: pem };
};

const credentialName = (c: Credential): string =>
  c.kind === "token" ? "GITHUB_TOKEN" : "the app (APP_ID, PRIVATE_KEY)";

const Failed = z.object({ status: z.number(), message: z.string().optional() });

/** A refusal from GitHub in the user's words: which credential, and what it cannot do. */
const describe = (e: unknown, who: string, repo: RepoRef | undefined): CliFailure | undefined => {
  if (e instanceof CliFailure) return e;
  const r = Failed.safeParse(e);
  if (!r.success) return undefined;
  // Octokit appends the documentation URL to GitHub's message.
  const why = (r.data.message ?? "").split("\n")[0]?.replace(/ - https:\/\/docs\.github\.com\S*$/, "");
  if (r.data.status === 401) return new CliFailure(`GitHub refused ${who}: ${why || "bad credentials"}`);
  const where = repo ? `${repo.owner}/${repo.repo}` : "the app's webhook deliveries";
  if (r.data.status === 403)
    return new CliFailure(`${who} has no access to ${where} or what it needs there: ${why}`);
  if (r.data.status === 404) return new CliFailure(`${where}: not found, or ${who} cannot see it`);
  return undefined;
};

/** An Octokit for the repository's organisation: the token's, or the app's installation on it. */
const connectWith = async (credential: Credential, repo: RepoRef, deps: CliDeps): Promise<GitHub> => {
  const Octokit = clientClass(deps);
  if (credential.kind === "token") return new Octokit({ auth: { token: credential.token } });
  const probot = new Probot({
    appId: credential.appId,
    privateKey: credential.privateKey,
    log: pino({ level: "silent" }),
    Octokit,
  });
  const app = await probot.auth();
  try {
    const { data } = await app.rest.apps.getRepoInstallation({ owner: repo.owner, repo: repo.repo });
    return await probot.auth(data.id);
  } catch (e) {
    if (Failed.safeParse(e).data?.status === 404)
      throw new CliFailure(
        `the app (APP_ID ${credential.appId}) is not installed on ${repo.owner}/${repo.repo}, or the repository does not exist`,
      );
    throw e;
  }
};

/** Runs a command's body; a refusal or a failure the user can act on becomes one line and exit 1. */
export const reportingFailures = async (
  io: Io,
  command: string,
  repo: RepoRef | undefined,
  deps: CliDeps,
  body: () => Promise<number>,
  appOnly = false,
): Promise<number> => {
  let who = appOnly ? "the app (APP_ID, PRIVATE_KEY)" : "GITHUB_TOKEN";
  try {
    who = credentialName(credentialOf(deps.env, appOnly));
  } catch {
    // Reported by the body, which asks for the credential first.
  }
  try {
    return await body();
  } catch (e) {
    const failure = describe(e, who, repo);
    if (!failure) throw e;
    io.err(`rungs ${command}: ${failure.message}`);
    return 1;
  }
};

/** A client for the app itself (JWT), for its webhook deliveries. */
export const connectApp = async (deps: CliDeps): Promise<GitHub> => {
  const credential = credentialOf(deps.env, true);
  if (credential.kind !== "app") throw new CliFailure("no app credential: set APP_ID and PRIVATE_KEY");
  const probot = new Probot({
    appId: credential.appId,
    privateKey: credential.privateKey,
    log: pino({ level: "silent" }),
    Octokit: clientClass(deps),
  });
  const github = await probot.auth();
  waitOutRateLimits(github, deps);
  return github;
};

/** Log lines of a command: warnings and errors on stderr, the rest only when asked. */
export const cliLogger = (io: Io, command: string, verbose: boolean): Logger => {
  const line =
    (show: boolean) =>
    (obj: object, msg: string): void => {
      if (!show) return;
      const fields = Object.entries(obj)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(" ");
      io.err(`rungs ${command}: ${msg}${fields ? ` (${fields})` : ""}`);
    };
  return { debug: line(false), info: line(verbose), warn: line(true), error: line(true) };
};

/**
 * What one CLI command may write: the room GitHub's limits leave beside the app's budget
 * (domain/write-window.ts), so the two together never exceed GitHub's 80 a minute and 500 an hour.
 */
export const CLI_WRITE_LIMITS = {
  perMinute: GITHUB_CONTENT_LIMITS.perMinute - DEFAULT_WRITE_LIMITS.perMinute,
  perHour: GITHUB_CONTENT_LIMITS.perHour - DEFAULT_WRITE_LIMITS.perHour,
};

/**
 * Connects to GitHub for a career repo and loads its configuration: the context every use-case takes,
 * as the app builds it for an event. The repo must be the organisation's career repo, private, and
 * readable; evidence is signed with the app's key (RUNGS_SIGNING_KEY, or derived from PRIVATE_KEY).
 */
export const careerContext = async (
  repo: RepoRef,
  deps: CliDeps,
  log: Logger,
  command: string,
): Promise<UseCaseContext> => {
  const credential = credentialOf(deps.env, false);
  const key = signingKeyFrom(deps.env);
  if (!key)
    throw new CliFailure(
      "no evidence signing key: set RUNGS_SIGNING_KEY to the app's (or PRIVATE_KEY), or what is recorded will not count",
    );
  const github = await connectWith(credential, repo, deps);
  waitOutRateLimits(github, {
    now: deps.now,
    sleep: deps.sleep,
    waiting: (ms, why) => log.warn({ seconds: Math.ceil(ms / 1000) }, `waiting: ${why}`),
  });
  // The command's own content writes stay inside what GitHub's limits leave beside the app's budget.
  budgetWrites(github, {
    budget: new MemoryWriteBudget(CLI_WRITE_LIMITS),
    installation: 0,
    now: deps.now,
    sleep: deps.sleep,
    maxWaitMs: 2 * 60 * 60_000,
  });
  const config = await careerConfig(github, repo, credentialName(credential));
  return {
    github,
    config,
    log,
    deliveryId: `rungs-${command}-${deps.now()}`,
    now: deps.now,
    random: deps.random,
    sleep: deps.sleep,
    templates: loadTemplates(),
    memo: new BoundedSet(10_000),
    signer: signer(key),
  };
};

const careerConfig = async (github: GitHub, repo: RepoRef, who: string): Promise<RungsConfig> => {
  const result = await loadConfig(github, repo.owner, bundledLadder());
  if (!result.ok) {
    if (result.reason === "no-career-repo")
      throw new CliFailure(`${repo.owner}/${repo.repo}: not found, or ${who} cannot read it`);
    throw new CliFailure(
      `the career repo's configuration has problems; fix them first (rungs validate):\n${result.problems.map(formatProblem).join("\n")}`,
    );
  }
  const { config } = result;
  if (config.career.repo.toLowerCase() !== repo.repo.toLowerCase())
    throw new CliFailure(
      `${repo.owner}/${repo.repo} is not the organisation's career repo: its settings name ${repo.owner}/${config.career.repo}`,
    );
  const refusal = careerRepoRefusal(config.career.visibility, config.settings);
  if (refusal) throw new CliFailure(`${refusal}: Rungs writes nothing about people there`);
  return config;
};
