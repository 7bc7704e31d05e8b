import type { TextFile } from "../domain/ladder/load.js";
import type { Signer } from "../domain/signature.js";
import type { RungsConfig } from "../github/config.js";
import type { GitHub, Logger } from "../github/types.js";
import type { BoundedSet } from "./bounded-set.js";

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
  /** How long a loaded config is trusted before it is read again. */
  configTtlMs: number;
  /** The key observed evidence is signed with; only the app holds it (docs/metrics.md#trust). */
  signingKey: string;
}
