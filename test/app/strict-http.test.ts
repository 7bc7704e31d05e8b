import { Octokit } from "@octokit/rest";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { takeNockViolations } from "../support/nock-guard.js";

describe("the strict HTTP setup every test runs under", () => {
  it("answers a mocked GitHub request and refuses the real network", async () => {
    const scope = nock("https://api.github.com").get("/repos/acme/careers").reply(200, { private: true });
    const octokit = new Octokit();
    expect((await octokit.rest.repos.get({ owner: "acme", repo: "careers" })).data).toEqual({
      private: true,
    });
    expect(scope.isDone()).toBe(true);
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "web" })).rejects.toThrow(
      /Nock: (Disallowed net connect|No match)/,
    );
    expect(takeNockViolations()).toEqual(["request nothing mocked: GET api.github.com/repos/acme/web"]);
  });

  it("flags an interceptor a test set up but never used", () => {
    nock("https://api.github.com").get("/repos/acme/unused").reply(200, {});
    expect(takeNockViolations()).toEqual([
      "unused interceptor: GET https://api.github.com:443/repos/acme/unused",
    ]);
  });
});
