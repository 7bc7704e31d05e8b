import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// No test reaches the network; every interceptor a test sets up must be used, and nothing unmocked may be called.
beforeAll(() => {
  nock.disableNetConnect();
});

const unmatched: string[] = [];
nock.emitter.on("no match", (req: { method?: string; path?: string; hostname?: string }) => {
  unmatched.push(`${req.method ?? "?"} ${req.hostname ?? ""}${req.path ?? ""}`);
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const missed = unmatched.splice(0);
  nock.cleanAll();
  if (pending.length) throw new Error(`unused nock interceptors:\n  ${pending.join("\n  ")}`);
  if (missed.length) throw new Error(`requests nothing mocked:\n  ${missed.join("\n  ")}`);
});
