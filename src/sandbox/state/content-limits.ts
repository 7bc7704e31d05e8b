/**
 * GitHub's secondary limits on content-creating requests, per installation: at most 80 a minute and 500
 * an hour (docs: rate-limits-for-the-rest-api#about-secondary-rate-limits). Counted on the sandbox clock
 * over sliding windows; a request over either is refused and not counted.
 */
export interface ContentLimitsSpec {
  perMinute: number;
  perHour: number;
}

export const GITHUB_CONTENT_LIMITS: ContentLimitsSpec = { perMinute: 80, perHour: 500 };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export class ContentLimits {
  /** When each counted request of the last hour arrived, oldest first. */
  private readonly times: number[] = [];
  /** Content-creating requests refused for being over a limit. */
  refused = 0;

  constructor(readonly spec: ContentLimitsSpec | false) {}

  /** Counts a content-creating request; when over a limit, the seconds to wait instead (nothing counted). */
  take(now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (!this.spec) return { ok: true };
    while (this.times.length && (this.times[0] as number) <= now - HOUR_MS) this.times.shift();
    const wait = Math.max(
      waitFor(this.times, now, MINUTE_MS, this.spec.perMinute),
      waitFor(this.times, now, HOUR_MS, this.spec.perHour),
    );
    if (wait > 0) {
      this.refused++;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    this.times.push(now);
    return { ok: true };
  }

  /** Content-creating requests counted in the window ending now. */
  used(now: number, windowMs: number): number {
    return this.times.filter((t) => t > now - windowMs).length;
  }
}

/** Milliseconds until the window ending `now` holds fewer than `limit` requests (0: it already does). */
const waitFor = (times: readonly number[], now: number, windowMs: number, limit: number): number => {
  const inWindow = times.filter((t) => t > now - windowMs);
  if (inWindow.length < limit) return 0;
  // The request that must leave the window for one more to fit.
  const oldest = inWindow[inWindow.length - limit] as number;
  return oldest + windowMs - now;
};
