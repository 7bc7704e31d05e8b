import type { Signature } from "../git/objects.js";
import { type Clock, createClock } from "../time.js";
import type { SandboxOptions } from "../types.js";
import { type Account, Accounts } from "./accounts.js";
import { IdSequence, legacyNodeId } from "./ids.js";
import { RateLimits } from "./rate-limits.js";
import { type RepoInfo, RepoState } from "./repo.js";

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
  readonly accounts = new Accounts(this.ids);
  readonly rateLimits = new RateLimits();
  readonly installation: Installation;
  readonly app: AppIdentity;
  readonly createdAt: number;
  /** "org/slug" → member logins. */
  readonly teams = new Map<string, Set<string>>();
  tokensIssued = 0;
  private readonly repos = new Map<string, RepoState>();

  constructor(opts: SandboxOptions) {
    this.seed = opts.seed ?? 1;
    this.clock = createClock(opts.now ?? DEFAULT_NOW);
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

  createRepo(spec: Partial<RepoInfo> & { owner: string; name: string }): RepoState {
    const id = spec.id ?? this.ids.take();
    const repo = new RepoState({
      owner: spec.owner,
      name: spec.name,
      id,
      nodeId: spec.nodeId ?? legacyNodeId("Repository", id),
      private: spec.private ?? true,
      defaultBranch: spec.defaultBranch ?? "main",
      createdAt: spec.createdAt ?? this.clock.now(),
    });
    this.repos.set(repo.fullName.toLowerCase(), repo);
    return repo;
  }

  account(login: string): Account {
    return this.accounts.get(login);
  }

  /** A commit signature for a login at the current time. */
  signature(login: string, at = this.clock.now()): Signature {
    const account = this.accounts.get(login);
    return { name: login, email: `${account.id}+${login}@users.noreply.github.com`, login, date: at };
  }

  /** Moves the clock forward to `ms`; the clock never runs backwards when the world follows events. */
  catchUp(ms: number | undefined): void {
    if (ms !== undefined && ms > this.clock.now()) this.clock.set(ms);
  }
}
