import type { TextFile } from "../domain/ladder/load.js";
import { type ConfigResult, loadConfig } from "../github/config.js";
import type { GitHub } from "../github/types.js";

/**
 * Config per organisation, trusted for `ttlMs` and dropped early when a push changes settings,
 * ladder or profiles. Held by one app instance; other instances notice changes through the TTL.
 */
export class ConfigCache {
  private readonly entries = new Map<string, { result: ConfigResult; at: number }>();

  constructor(
    private readonly bundledLadder: readonly TextFile[],
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(github: GitHub, owner: string): Promise<ConfigResult> {
    const key = owner.toLowerCase();
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.result;
    const result = await loadConfig(github, owner, this.bundledLadder);
    // A failure is read again next time, so a fix takes effect on the next event.
    if (result.ok) this.entries.set(key, { result, at: this.now() });
    return result;
  }

  invalidate(owner: string): void {
    this.entries.delete(owner.toLowerCase());
  }
}
