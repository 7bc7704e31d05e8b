import type { IncomingMessage, ServerResponse } from "node:http";
import { createNodeMiddleware, createProbot, type Probot } from "probot";
import { z } from "zod";
import { createApp } from "./app.js";
import { productionDeps } from "./deps.js";
import { HEALTH_PATH, withHealthRoute } from "./server/health.js";
import type { AppDeps } from "./usecases/context.js";

/**
 * Serverless entries, for hosts that run a function per request instead of `npm start`. The published
 * Probot adapters pin Probot 13 (and would nest a second Probot), so these are written here: Probot's own
 * Node middleware for hosts that pass Node's `(req, res)`, and verify-then-receive for AWS Lambda.
 */

export interface ServerlessOptions {
  /** A Probot, not yet running the app. Default: configured from the environment (see .env.example). */
  probot?: () => Probot;
  /** Default: the real world (productionDeps). */
  deps?: () => AppDeps;
}

/** What keeps the app from starting safely from this environment, or undefined. */
export const configurationProblem = (env: NodeJS.ProcessEnv): string | undefined => {
  const missing = [
    ...(env.APP_ID ? [] : ["APP_ID"]),
    ...(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH ? [] : ["PRIVATE_KEY (or PRIVATE_KEY_PATH)"]),
    // Without it Probot would accept deliveries signed with the well-known secret "development".
    ...(env.WEBHOOK_SECRET ? [] : ["WEBHOOK_SECRET"]),
  ];
  return missing.length
    ? `Rungs cannot start: set ${missing.join(", ")} in the function's environment (see .env.example)`
    : undefined;
};

const fromEnvironment = (): Probot => {
  const problem = configurationProblem(process.env);
  if (problem) throw new Error(problem);
  return createProbot();
};

/** Made once per cold start and reused by warm invocations; made again if making it failed. */
const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch((e: unknown) => {
      made = undefined;
      throw e;
    });
    return made;
  };
};

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";

const json = (res: ServerResponse, status: number, body: object): void => {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
};

/**
 * For any Node host that hands a function Node's `(req, res)` (Vercel, Netlify, Google Cloud Functions,
 * an existing http server): the webhook path (WEBHOOK_PATH, default /api/github/webhooks) and /healthz.
 * Hosts that parse the body first must keep the raw bytes as `req.rawBody`: the signature is over them.
 */
export const createHandler = (options: ServerlessOptions = {}) => {
  const middleware = once(() =>
    createNodeMiddleware(withHealthRoute(createApp((options.deps ?? productionDeps)())), {
      probot: (options.probot ?? fromEnvironment)(),
    }),
  );
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let handle: Awaited<ReturnType<typeof middleware>>;
    try {
      handle = await middleware();
    } catch (e) {
      console.error(firstLine(e));
      return json(res, 500, { error: "Rungs is not configured; see the function's logs" });
    }
    if (!(await handle(req, res))) json(res, 404, { error: `Unknown route: ${req.method} ${req.url}` });
  };
};

/** An API Gateway (REST v1 or HTTP v2) or Lambda function URL request: only the fields Rungs reads. */
const LambdaEvent = z.object({
  headers: z.record(z.string(), z.string()).nullish(),
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
  // v1
  httpMethod: z.string().optional(),
  path: z.string().optional(),
  // v2 and function URLs
  rawPath: z.string().optional(),
  requestContext: z.object({ http: z.object({ method: z.string() }).optional() }).optional(),
});

export interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const answer = (statusCode: number, body: object): LambdaResult => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const WEBHOOK_HEADERS = ["x-github-event", "x-github-delivery", "x-hub-signature-256"] as const;

/**
 * The Lambda handler over a given Probot: checks the delivery's signature over the exact bytes GitHub
 * sent, then hands it to the app. 200 once the app has handled it; 400 for a request that is not a
 * webhook delivery; 401 for a wrong signature (nothing reaches the app); 500 when the app failed, so
 * GitHub shows the delivery as failed and it can be redelivered.
 */
export const lambdaFor = (options: ServerlessOptions = {}) => {
  const ready = once(async () => {
    const probot = (options.probot ?? fromEnvironment)();
    await probot.load(createApp((options.deps ?? productionDeps)()));
    return probot;
  });
  return async (event: unknown): Promise<LambdaResult> => {
    const parsed = LambdaEvent.safeParse(event);
    if (!parsed.success) return answer(400, { error: "not an API Gateway or function URL request" });
    const e = parsed.data;
    const method = (e.requestContext?.http?.method ?? e.httpMethod ?? "POST").toUpperCase();
    if (method === "GET" && (e.rawPath ?? e.path) === HEALTH_PATH) return answer(200, { status: "ok" });
    if (method !== "POST") return answer(405, { error: `Unknown route: ${method}` });

    // Header names are case-insensitive; API Gateway v1 keeps the sender's spelling.
    const headers = new Map(Object.entries(e.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const missing = WEBHOOK_HEADERS.filter((h) => !headers.get(h));
    if (missing.length) return answer(400, { error: `Required headers missing: ${missing.join(", ")}` });
    const name = headers.get("x-github-event") ?? "";
    const id = headers.get("x-github-delivery") ?? "";
    const signature = headers.get("x-hub-signature-256") ?? "";
    const body = e.isBase64Encoded ? Buffer.from(e.body ?? "", "base64").toString("utf8") : (e.body ?? "");

    let probot: Probot;
    try {
      probot = await ready();
    } catch (err) {
      console.error(firstLine(err));
      return answer(500, { error: "Rungs is not configured; see the function's logs" });
    }
    if (!(await probot.webhooks.verify(body, signature))) {
      probot.log.warn(
        { delivery: id, event: name },
        "delivery refused: its signature does not match WEBHOOK_SECRET (is it the app's webhook secret?)",
      );
      return answer(401, { error: "signature does not match event payload and secret" });
    }
    try {
      // Takes the payload as the signed text: it checks the signature again (cheap) and parses it.
      await probot.webhooks.verifyAndReceive({ id, name, payload: body, signature });
    } catch (err) {
      const invalidJson = err instanceof AggregateError && firstLine(err) === "Invalid JSON";
      if (invalidJson) return answer(400, { error: "the body is not JSON" });
      probot.log.error({ delivery: id, event: name, error: firstLine(err) }, "delivery failed");
      return answer(500, { error: `delivery ${id} failed; see the function's logs` });
    }
    return answer(200, { status: "ok", delivery: id });
  };
};

/** AWS Lambda entry (API Gateway v1/v2 or a function URL): handler `lib/serverless.lambdaHandler`. */
export const lambdaHandler = lambdaFor();
