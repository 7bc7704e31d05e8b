import type { Signature } from "../git/objects.js";
import { type Clock, createClock } from "../time.js";
import type { SandboxOptions } from "../types.js";
import { type Account, Accounts } from "./accounts.js";
import { ContentLimits, GITHUB_CONTENT_LIMITS } from "./content-limits.js";
import { HookDeliveries } from "./hook-deliveries.js";
import { IdSequence, legacyNodeId } from "./ids.js";
import { addDefaultLabels } from "./labels.js";
import { RateLimits } from "./rate-limits.js";
import { type RepoInfo, RepoState, type Visibility } from "./repo.js";

export interface Installation {
  id: number;
  account: { login: string; id: number; type: "Organization" };
}

export interface AppIdentity {
  id: number;
  slug: string;
  /** Login of the app's bot user, which authors everything written through the API. */
  botLogin: string;
}

const DEFAULT_NOW = Date.UTC(2024, 0, 1);

/** Everything the in-memory GitHub knows. Routes, GraphQL and event application all read and write this. */
export class World {
  readonly clock: Clock;
  readonly seed: number;
  readonly ids = new IdSequence(1001);
  /** Default labels' ids: a sequence of their own, far from `ids`, so new repositories shift no other id. */
  readonly labelIds = new IdSequence(9_000_000_001);
  readonly accounts = new Accounts(this.ids);
  readonly rateLimits = new RateLimits();
  /** Secondary limits on content-creating requests (the sandbox has one installation). */
  readonly contentLimits: ContentLimits;
  readonly installation: Installation;
  readonly app: AppIdentity;
  readonly createdAt: number;
  /** "org/slug" → member logins. */
  readonly teams = new Map<string, Set<string>>();
  /** Webhook deliveries to the app (GET /app/hook/deliveries). */
  readonly hookDeliveries = new HookDeliveries();
  tokensIssued = 0;
  private readonly repos = new Map<string, RepoState>();
  /** Each login's noreply address, made once: every commit's signature shares it. */
  private readonly emails = new Map<string, string>();
  /** Lower-cased former "owner/name" → repository id, after a rename or transfer (GitHub redirects these). */
  private readonly formerNames = new Map<string, number>();

  constructor(opts: SandboxOptions) {
    this.seed = opts.seed ?? 1;
    this.clock = createClock(opts.now ?? DEFAULT_NOW);
    this.contentLimits = new ContentLimits(opts.contentLimits ?? GITHUB_CONTENT_LIMITS);
    this.createdAt = this.clock.now();
    const slug = opts.appSlug ?? "rungs";
    this.app = { id: 1, slug, botLogin: `${slug}[bot]` };
    const org = this.accounts.get(opts.account ?? "acme", { type: "Organization" });
    this.installation = {
      id: opts.installationId ?? 1,
      account: { login: org.login, id: org.id, type: "Organization" },
    };
  }

  /** Repositories are found case-insensitively, as GitHub does. */
  repo(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** For the sandbox's own helpers: a missing repository is the caller's mistake, said loudly. */
  requireRepo(fullName: string): RepoState {
    const repo = this.repo(fullName);
    if (!repo) {
      const known = [...this.repos.values()].map((r) => r.fullName).join(", ") || "none";
      throw new Error(`sandbox: no repository "${fullName}" (known: ${known})`);
    }
    return repo;
  }

  allRepos(): RepoState[] {
    return [...this.repos.values()];
  }

  repoById(id: number): RepoState | undefined {
    return this.allRepos().find((r) => r.info.id === id);
  }

  /** The repository a former name (before a rename or transfer) now belongs to. */
  renamedRepo(fullName: string): RepoState | undefined {
    const id = this.formerNames.get(fullName.toLowerCase());
    return id === undefined ? undefined : this.repoById(id);
  }

  /**
   * A new repository with GitHub's default labels. Private unless said otherwise; `private` and `visibility`
   * must agree when both are given (internal repositories are private).
   */
  createRepo(
    spec: Partial<RepoInfo> & { owner: string; name: string; private?: boolean | undefined },
  ): RepoState {
    const id = spec.id ?? this.ids.take();
    const repo = new RepoState({
      owner: spec.owner,
      name: spec.name,
      id,
      nodeId: spec.nodeId ?? legacyNodeId("Repository", id),
      visibility: visibilityOf(spec),
      archived: spec.archived ?? false,
      defaultBranch: spec.defaultBranch ?? "main",
      createdAt: spec.createdAt ?? this.clock.now(),
    });
    addDefaultLabels(this, repo);
    this.repos.set(repo.fullName.toLowerCase(), repo);
    this.formerNames.delete(repo.fullName.toLowerCase());
    return repo;
  }

  /** Renames or transfers a repository; its former name redirects to it, as on GitHub. */
  moveRepo(repo: RepoState, to: { owner: string; name: string }): void {
    const from = repo.fullName.toLowerCase();
    const target = `${to.owner}/${to.name}`.toLowerCase();
    if (from === target) {
      repo.info.owner = to.owner;
      repo.info.name = to.name;
      return;
    }
    const taken = this.repos.get(target);
    if (taken) throw new Error(`sandbox: cannot move ${repo.fullName} to ${taken.fullName}: it exists`);
    this.repos.delete(from);
    repo.info.owner = to.owner;
    repo.info.name = to.name;
    this.repos.set(target, repo);
    this.formerNames.set(from, repo.info.id);
    this.formerNames.delete(target);
  }

  /** Deletes a repository: its name and former names answer 404 afterwards. */
  deleteRepo(repo: RepoState): void {
    this.repos.delete(repo.fullName.toLowerCase());
    for (const [name, id] of this.formerNames) if (id === repo.info.id) this.formerNames.delete(name);
  }

  account(login: string): Account {
    return this.accounts.get(login);
  }

  /** A commit signature for a login at the current time. */
  signature(login: string, at = this.clock.now()): Signature {
    let email = this.emails.get(login);
    if (email === undefined) {
      email = `${this.accounts.get(login).id}+${login}@users.noreply.github.com`;
      this.emails.set(login, email);
    }
    return { name: login, email, login, date: at };
  }

  /** Moves the clock forward to `ms`; the clock never runs backwards when the world follows events. */
  catchUp(ms: number | undefined): void {
    if (ms !== undefined && ms > this.clock.now()) this.clock.set(ms);
  }
}

const visibilityOf = (spec: {
  visibility?: Visibility | undefined;
  private?: boolean | undefined;
}): Visibility => {
  const visibility = spec.visibility ?? (spec.private === false ? "public" : "private");
  if (spec.private !== undefined && spec.private !== (visibility !== "public")) {
    throw new Error(`sandbox: a ${visibility} repository cannot have private: ${spec.private}`);
  }
  return visibility;
};
