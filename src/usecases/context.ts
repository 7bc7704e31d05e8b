import type { TextFile } from "../domain/ladder/load.js";
import type { ParsedFiles } from "../domain/ledger.js";
import type { Signer } from "../domain/signature.js";
import type { WriteLimits } from "../domain/write-window.js";
import type { RungsConfig } from "../github/config.js";
import type { GitHub, Logger } from "../github/types.js";
import type { Coordination } from "../store/coordination.js";
import type { WriteBudget } from "../store/write-budget.js";
import type { BoundedSet } from "./bounded-set.js";
import type { Writes } from "./coalesce.js";
import type { PersonLeases } from "./leases.js";

/** What a use-case needs for one event: the installation's client and config, time and randomness passed in. */
export interface UseCaseContext {
  github: GitHub;
  config: RungsConfig;
  log: Logger;
  deliveryId: string;
  now(): number;
  random(): number;
  sleep(ms: number): Promise<void>;
  templates: Templates;
  /**
   * What this instance remembers between events, bounded: goal issues it checked are the person's (by
   * ledger-head version) and problems it already reported on a commit.
   */
  memo: BoundedSet;
  /** Signs what the app records and verifies what it reads (domain/signature.ts). */
  signer: Signer;
  /**
   * Read ledger folders by blob oid, texts from the blobs this process knows (github/career-files.ts): the
   * app, which lives long; a one-off command reads texts inline.
   */
  blobsByOid?: boolean;
  /** Ledger files this instance parsed, by content: read again unchanged, they are not parsed again. */
  parsed?: ParsedFiles | undefined;
  /**
   * The people this delivery holds against other instances (usecases/leases.ts), taken as their files are
   * first read; absent (the CLI, tests without a store): nobody is held and every render reads back.
   */
  leases?: PersonLeases | undefined;
  /** The installation's write budget and backlog (usecases/coalesce.ts); absent: every write goes out at once. */
  writes?: Writes | undefined;
}

export interface Templates {
  goalIssue: string;
  /** The promotion packet's file (templates/promotion-packet.md). */
  packet: string;
}

export interface AppDeps {
  bundledLadder: readonly TextFile[];
  templates: Templates;
  now(): number;
  random(): number;
  sleep(ms: number): Promise<void>;
  /**
   * Config generations and person leases shared by every instance (store/coordination.ts): Redis when
   * REDIS_URL is set, else this process's memory. Absent: the config is trusted for `configTtlMs` only and
   * every goal-issue render reads the ledger back.
   */
  coordination?: Coordination;
  /** How long a loaded config is trusted before it is read again. */
  configTtlMs: number;
  /** The key observed evidence is signed with; only the app holds it (docs/metrics.md#trust). */
  signingKey: string;
  /**
   * Keeps writes inside GitHub's content limits (docs/scale.md): a budget shared by instances (Redis when
   * REDIS_URL is set), batched ledger commits and debounced goal issues. Absent: no budget.
   */
  writeBudget?: {
    budget: WriteBudget;
    limits: WriteLimits;
    /** Longest one write waits for room before its event fails (then it is redelivered or reconciled). */
    maxWaitMs: number;
    /** Runs `task` every `ms` while the process lives (the backlog drains with no events too). */
    every?(ms: number, task: () => Promise<void>): void;
  };
}
