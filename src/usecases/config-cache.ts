import type { TextFile } from "../domain/ladder/load.js";
import { type ConfigResult, loadConfig } from "../github/config.js";
import type { GitHub } from "../github/types.js";
import type { Coordination } from "../store/coordination.js";

/** How long a config is trusted with a shared store: its generation says when it changed before that. */
export const CONFIG_TTL_MS = 6 * 60 * 60_000;

/**
 * Config per organisation. With a shared store (store/coordination.ts), a cached config is trusted while
 * the organisation's config generation stands — a push that changes settings, ladder or profiles moves it
 * on for every instance — and for `ttlMs` at most (a push delivery lost on the way). Without one, for
 * `ttlMs`, and dropped early on this instance when a push changes them.
 */
export class ConfigCache {
  private readonly entries = new Map<string, { result: ConfigResult; at: number; generation: number }>();

  constructor(
    private readonly bundledLadder: readonly TextFile[],
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly coordination?: Coordination,
  ) {}

  async get(github: GitHub, owner: string): Promise<ConfigResult> {
    const key = owner.toLowerCase();
    const generation = (await this.coordination?.configGeneration(key)) ?? 0;
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && this.now() - hit.at < this.ttlMs) return hit.result;
    const result = await loadConfig(github, owner, this.bundledLadder);
    // A failure is read again next time, so a fix takes effect on the next event.
    if (result.ok) this.entries.set(key, { result, at: this.now(), generation });
    else this.entries.delete(key);
    return result;
  }

  /** The organisation's config changed: read it again here, and (shared store) on every instance. */
  async invalidate(owner: string): Promise<void> {
    this.entries.delete(owner.toLowerCase());
    await this.coordination?.bumpConfig(owner.toLowerCase());
  }
}
