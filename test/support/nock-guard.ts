import nock from "nock";

const unmatched: string[] = [];
nock.emitter.on(
  "no match",
  (req: {
    method?: string;
    path?: string;
    hostname?: string;
    options?: { hostname?: string; path?: string; method?: string };
  }) => {
    const method = req.method ?? req.options?.method ?? "?";
    const where = `${req.hostname ?? req.options?.hostname ?? ""}${req.path ?? req.options?.path ?? ""}`;
    unmatched.push(`${method} ${where}`);
  },
);

/** Interceptors a test set up but never used, and requests nothing mocked; clears both. */
export const takeNockViolations = (): string[] => {
  const pending = nock.pendingMocks().map((m) => `unused interceptor: ${m}`);
  const missed = unmatched.splice(0).map((m) => `request nothing mocked: ${m}`);
  nock.cleanAll();
  return [...pending, ...missed];
};
