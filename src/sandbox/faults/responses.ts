import { DOCS_URL } from "../http/errors.js";
import type { RouteReply } from "../http/router.js";
import { epochSeconds } from "../time.js";
import type { FaultRule } from "../types.js";

/** The answer GitHub gives for each kind of failure, as an Octokit client would receive it. */
export const faultReply = (rule: FaultRule, ctx: { now: number; installationId: number }): RouteReply => {
  const retryAfter = String(rule.retryAfter ?? 1);
  switch (rule.kind) {
    case "server-error": {
      const status = rule.status ?? 502;
      const message = status === 502 ? "Server Error" : "Service Unavailable";
      return { status, body: { message, documentation_url: DOCS_URL, status: String(status) } };
    }
    case "secondary-rate-limit":
      return {
        status: 403,
        headers: { "retry-after": retryAfter },
        body: {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
          status: "403",
        },
      };
    case "primary-rate-limit":
      return {
        status: 403,
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(epochSeconds(ctx.now + 60_000)),
        },
        body: {
          message: `API rate limit exceeded for installation ID ${ctx.installationId}.`,
          documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          status: "403",
        },
      };
    case "latency":
      throw new Error("sandbox: latency is a delay, not an answer");
  }
};
