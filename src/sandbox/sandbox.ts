import { applyEvent } from "./events/apply-event.js";
import { FaultInjector } from "./faults/injector.js";
import { createFetch } from "./http/serve.js";
import { ALL_ROUTES } from "./routes.js";
import { describeIssue, describePull } from "./snapshots.js";
import type { Redeliver } from "./state/hook-deliveries.js";
import { legacyNodeId } from "./state/ids.js";
import { deleteIssue, transferIssue } from "./state/issues.js";
import { isPull } from "./state/pulls.js";
import type { Visibility } from "./state/repo.js";
import { initialCommit } from "./state/seed.js";
import { type Installation, World } from "./state/world.js";
import type { Clock } from "./time.js";
import type { FaultRule, RequestLogEntry, SandboxIssue, SandboxOptions, SandboxPull } from "./types.js";

export interface RepoSpec {
  owner?: string;
  name: string;
  /** Default true. Must agree with `visibility` when both are given. */
  private?: boolean;
  /** "public", "private" or "internal" (enterprise-visible; REST `private: true`). Default from `private`. */
  visibility?: Visibility;
  defaultBranch?: string;
  files?: Record<string, string>;
  id?: number;
  nodeId?: string;
}

/**
 * A deterministic in-memory GitHub. Octokit and Probot reach it through `fetch`; tests and `rungs simulate`
 * build and inspect its state through the methods below.
 */
export class Sandbox {
  readonly installation: Installation;
  readonly clock: Clock;
  readonly fetch: typeof globalThis.fetch;
  readonly requests: RequestLogEntry[] = [];
  readonly faults: { set(rules: FaultRule[]): void; clear(): void };
  private readonly world: World;

  constructor(opts: SandboxOptions = {}) {
    this.world = new World(opts);
    this.installation = this.world.installation;
    this.clock = this.world.clock;
    const injector = new FaultInjector(this.world.seed);
    this.faults = { set: (rules) => injector.set(rules), clear: () => injector.clear() };
    this.fetch = createFetch({ world: this.world, routes: ALL_ROUTES, faults: injector, log: this.requests });
  }

  /** Adds a repository with a first commit holding `files`; an existing repository is kept as it is. */
  addRepo(spec: RepoSpec): void {
    const owner = spec.owner ?? this.installation.account.login;
    if (this.world.repo(`${owner}/${spec.name}`)) return;
    const repo = this.world.createRepo({
      owner,
      name: spec.name,
      ...(spec.private === undefined ? {} : { private: spec.private }),
      ...(spec.visibility === undefined ? {} : { visibility: spec.visibility }),
      ...(spec.defaultBranch === undefined ? {} : { defaultBranch: spec.defaultBranch }),
      ...(spec.id === undefined ? {} : { id: spec.id }),
      ...(spec.nodeId === undefined ? {} : { nodeId: spec.nodeId }),
    });
    initialCommit(this.world, repo, spec.files);
  }

  /**
   * The secondary content limits as they stand: content-creating requests counted in the last minute and
   * hour (sandbox clock), and how many were refused with a 403 for being over a limit.
   */
  contentLimits(): { lastMinute: number; lastHour: number; refused: number } {
    const limits = this.world.contentLimits;
    const now = this.clock.now();
    return {
      lastMinute: limits.used(now, 60_000),
      lastHour: limits.used(now, 3_600_000),
      refused: limits.refused,
    };
  }

  hasRepo(fullName: string): boolean {
    return this.world.repo(fullName) !== undefined;
  }

  /** A file's text on a branch or commit (the default branch when no ref); undefined when there is none. */
  readFile(fullName: string, path: string, ref?: string): string | undefined {
    const repo = this.world.requireRepo(fullName);
    const sha = repo.resolveCommit(ref ?? repo.info.defaultBranch);
    const blob = sha ? repo.snapshot(sha).get(path) : undefined;
    return blob === undefined ? undefined : repo.objects.blob(blob);
  }

  files(fullName: string, ref?: string): Record<string, string> {
    const repo = this.world.requireRepo(fullName);
    const sha = repo.resolveCommit(ref ?? repo.info.defaultBranch);
    if (!sha) throw new Error(`sandbox: ${fullName} has no ref "${ref}"`);
    const files = [...repo.snapshot(sha)].sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(files.map(([path, blob]) => [path, repo.objects.blob(blob) ?? ""]));
  }

  /** Commits files (null deletes) on the default branch, as a person pushing would; returns the commit sha. */
  writeFiles(
    fullName: string,
    files: Record<string, string | null>,
    opts: { message?: string; author?: string } = {},
  ): string {
    const repo = this.world.requireRepo(fullName);
    return repo.commitOnBranch(repo.info.defaultBranch, files, {
      message: opts.message ?? `Update ${Object.keys(files).join(", ")}`,
      author: this.world.signature(opts.author ?? repo.info.owner),
    }).sha;
  }

  headSha(fullName: string, branch?: string): string {
    const repo = this.world.requireRepo(fullName);
    const name = branch ?? repo.info.defaultBranch;
    const sha = repo.branches.get(name);
    if (!sha)
      throw new Error(
        `sandbox: ${fullName} has no branch "${name}" (has: ${[...repo.branches.keys()].join(", ")})`,
      );
    return sha;
  }

  /** Makes the world consistent with a webhook delivery; see events/apply-event.ts. Delivers nothing. */
  applyEvent(name: string, payload: unknown, files?: Record<string, string | null>): void {
    applyEvent(this.world, name, payload, files);
  }

  /** Records a force push to a pull request's head, as GitHub's HeadRefForcePushedEvent shows it. */
  addForcePush(
    fullName: string,
    number: number,
    spec: { actor: string; at: string; beforeSha?: string; afterSha: string },
  ): void {
    const repo = this.world.requireRepo(fullName);
    const pr = repo.issues.get(number);
    if (!isPull(pr)) throw new Error(`sandbox: ${fullName} has no pull request #${number}`);
    const at = Date.parse(spec.at);
    if (Number.isNaN(at)) throw new Error(`sandbox: force push time "${spec.at}" is not an ISO timestamp`);
    this.world.catchUp(at);
    const actor = this.world.accounts.get(spec.actor).login;
    if (!repo.objects.commit(spec.afterSha)) {
      const base = repo.objects.commit(pr.pull.mergeBase);
      repo.objects.adoptCommit({
        sha: spec.afterSha,
        tree: base?.tree ?? repo.objects.putTree([]),
        parents: [pr.pull.mergeBase],
        message: `Force-push to ${pr.pull.headRef}`,
        author: this.world.signature(actor, at),
        committer: this.world.signature(actor, at),
      });
    }
    const id = this.world.ids.take();
    pr.pull.forcePushes.push({
      id,
      nodeId: legacyNodeId("HeadRefForcePushedEvent", id),
      actor,
      at,
      beforeSha: spec.beforeSha ?? pr.pull.headSha,
      afterSha: spec.afterSha,
    });
    pr.pull.headSha = spec.afterSha;
    if (repo.branches.has(pr.pull.headRef)) repo.moveBranch(pr.pull.headRef, spec.afterSha, at);
  }

  /** Adds a team with members, for GET /orgs/{org}/teams/{team_slug}/memberships/{username}. */
  addTeam(org: string, slug: string, members: string[]): void {
    this.world.teams.set(`${org}/${slug}`.toLowerCase(), new Set(members.map((m) => m.toLowerCase())));
  }

  /** Links a pull request to an issue it closes, as the "Development" sidebar does, beyond "closes #n". */
  linkIssue(fullName: string, pullNumber: number, issueNumber: number): void {
    const repo = this.world.requireRepo(fullName);
    const pr = repo.issues.get(pullNumber);
    if (!isPull(pr)) throw new Error(`sandbox: ${fullName} has no pull request #${pullNumber}`);
    if (!pr.pull.linkedIssues.includes(issueNumber)) pr.pull.linkedIssues.push(issueNumber);
  }

  /**
   * Deletes an issue as a repository admin would. Afterwards REST answers 410 Gone
   * (`{"message":"This issue was deleted"}`) for its number, GraphQL `issue(number:)` is null with a
   * NOT_FOUND error, lists leave it out, and the number is not reused. Throws for a pull request.
   */
  deleteIssue(fullName: string, number: number): void {
    deleteIssue(this.world.requireRepo(fullName), number);
  }

  /**
   * Transfers an issue to another repository (which must exist); returns its number there. The old number
   * answers 301 Moved Permanently to the new place, which fetch (and so Octokit) follows for GET and PATCH;
   * GraphQL resolves the old number to null with NOT_FOUND. Throws for a pull request.
   */
  transferIssue(fullName: string, number: number, toFullName: string): number {
    const from = this.world.requireRepo(fullName);
    return transferIssue(this.world, from, number, this.world.requireRepo(toFullName)).number;
  }

  /**
   * Records that GitHub sent the app a webhook delivery and how the app answered (`statusCode` 0: it never
   * answered), as GET /app/hook/deliveries lists it. Delivers nothing: tests hand the delivery to the app.
   */
  recordDelivery(spec: {
    guid: string;
    event: string;
    payload: Record<string, unknown>;
    statusCode: number;
  }): void {
    this.world.hookDeliveries.record({ ...spec, at: this.world.clock.now() });
  }

  /** How a redelivery (POST /app/hook/deliveries/{id}/attempts) reaches the app; without one it times out. */
  onRedelivery(redeliver: Redeliver): void {
    this.world.hookDeliveries.redeliver = redeliver;
  }

  /** Deliveries to the app, oldest first: guid, event, whether a redelivery, and the app's status. */
  hookDeliveries(): { id: number; guid: string; event: string; redelivery: boolean; statusCode: number }[] {
    return this.world.hookDeliveries.all.map((d) => ({
      id: d.id,
      guid: d.guid,
      event: d.event,
      redelivery: d.redelivery,
      statusCode: d.statusCode,
    }));
  }

  issues(fullName: string): SandboxIssue[] {
    const repo = this.world.requireRepo(fullName);
    return [...repo.issues.values()]
      .filter((i) => !i.pull)
      .sort((a, b) => a.number - b.number)
      .map(describeIssue);
  }

  pulls(fullName: string): SandboxPull[] {
    const repo = this.world.requireRepo(fullName);
    return [...repo.issues.values()]
      .filter(isPull)
      .sort((a, b) => a.number - b.number)
      .map((pr) => describePull(repo, pr));
  }

  /** Check runs of a repository, oldest first: name, commit, conclusion and output as GitHub shows them. */
  checkRuns(fullName: string): {
    name: string;
    headSha: string;
    conclusion: string | null;
    output?: { title: string | null; summary: string | null };
  }[] {
    const repo = this.world.requireRepo(fullName);
    return [...repo.checkRuns.values()]
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        name: r.name,
        headSha: r.headSha,
        conclusion: r.conclusion,
        ...(r.output ? { output: { title: r.output.title, summary: r.output.summary } } : {}),
      }));
  }
}
