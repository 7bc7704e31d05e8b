import nock from "nock";
import { afterEach, beforeAll } from "vitest";
import { takeNockViolations } from "./support/nock-guard.js";

// No test reaches the network; every interceptor a test sets up must be used, and nothing unmocked may be called.
beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const violations = takeNockViolations();
  if (violations.length) throw new Error(`HTTP mocks:\n  ${violations.join("\n  ")}`);
});
