/**
 * GitHub's secondary content limits (docs/scale.md): an installation may make about 80 content-creating
 * requests a minute and 500 an hour. Rungs keeps its own budget below both, over sliding windows.
 */
export interface WriteLimits {
  perMinute: number;
  perHour: number;
}

/** GitHub's own secondary limits on content-creating requests, per installation. */
export const GITHUB_CONTENT_LIMITS: WriteLimits = { perMinute: 80, perHour: 500 };

/** Rungs' budget per installation: headroom under GitHub's 80 and 500 for people's own tools and retries. */
export const DEFAULT_WRITE_LIMITS: WriteLimits = { perMinute: 60, perHour: 400 };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * Milliseconds until one more write fits in both windows ending `now`, given when the writes of the last
 * hour were made (ascending); 0 when it fits now.
 */
export const waitForRoom = (times: readonly number[], now: number, limits: WriteLimits): number => {
  const inMinute = times.filter((t) => t > now - MINUTE_MS);
  const inHour = times.filter((t) => t > now - HOUR_MS);
  const minute =
    inMinute.length < limits.perMinute
      ? 0
      : (inMinute[inMinute.length - limits.perMinute] as number) + MINUTE_MS - now;
  const hour =
    inHour.length < limits.perHour ? 0 : (inHour[inHour.length - limits.perHour] as number) + HOUR_MS - now;
  return Math.max(0, minute, hour);
};

/** Writes still allowed now in the tighter of the two windows. */
export const roomIn = (times: readonly number[], now: number, limits: WriteLimits): number =>
  Math.max(
    0,
    Math.min(
      limits.perMinute - times.filter((t) => t > now - MINUTE_MS).length,
      limits.perHour - times.filter((t) => t > now - HOUR_MS).length,
    ),
  );
