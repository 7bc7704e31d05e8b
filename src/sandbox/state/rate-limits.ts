import { epochSeconds } from "../time.js";

export type RateResource = "core" | "graphql";

export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

const LIMIT = 5000;
const WINDOW_MS = 60 * 60 * 1000;

/** GitHub's hourly budgets, one per resource, counted on the sandbox clock. */
export class RateLimits {
  private readonly windows = new Map<RateResource, { used: number; resetAt: number }>();

  /** Counts one request and returns the window as the response headers report it. */
  take(resource: RateResource, now: number): RateWindow {
    const window = this.current(resource, now);
    window.used++;
    return this.view(window);
  }

  /** Counts points beyond the one every request takes (a GraphQL query's cost). */
  charge(resource: RateResource, now: number, points: number): void {
    if (points > 0) this.current(resource, now).used += points;
  }

  peek(resource: RateResource, now: number): RateWindow {
    return this.view(this.current(resource, now));
  }

  private current(resource: RateResource, now: number): { used: number; resetAt: number } {
    let window = this.windows.get(resource);
    if (!window || now >= window.resetAt) {
      window = { used: 0, resetAt: now + WINDOW_MS };
      this.windows.set(resource, window);
    }
    return window;
  }

  private view(window: { used: number; resetAt: number }): RateWindow {
    return {
      limit: LIMIT,
      used: window.used,
      remaining: Math.max(0, LIMIT - window.used),
      reset: epochSeconds(window.resetAt),
    };
  }
}
