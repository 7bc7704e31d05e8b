import { describe, expect, it } from "vitest";
import { featureMerged, INSTALLATION_ID, rawExample } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";

describe("privacy", () => {
  it("refuses to write evidence into a public career repo, and says so once", async () => {
    const h = await harness({ private: false });
    await h.deliver(featureMerged(1));
    await h.deliver(featureMerged(2));
    expect(h.ledger("alice")).toBeUndefined();
    const issues = h.sandbox.issues(CAREER);
    expect(issues.map((i) => [i.title, i.labels])).toEqual([
      ["Rungs is paused: this career repo is public", ["rungs: paused"]],
    ]);
    expect(issues[0]?.body).toContain("privacy.allow_public_career_repo: true");
    expect(h.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([
      "career repo is public: Rungs refuses to write evidence about people there",
      "career repo is public: Rungs refuses to write evidence about people there",
    ]);
  });

  it("writes to a public career repo only when settings explicitly allow it", async () => {
    const h = await harness({
      private: false,
      files: { ".github/rungs.yml": "privacy:\n  allow_public_career_repo: true\n" },
    });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")?.items).toHaveLength(1);
  });

  it("labels counted PRs with their criteria only when tagging is on, and never in a public repository", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "privacy:\n  tagging: true\n" } });
    await h.deliver(featureMerged(1, { repo: "web" }));
    await h.deliver(featureMerged(2, { repo: "site", private: false }));
    expect(h.sandbox.issues("acme/web")).toEqual([]);
    const [pr1] = h.sandbox.pulls("acme/web");
    const [pr2] = h.sandbox.pulls("acme/site");
    expect(pr1?.labels.sort()).toEqual(["feature", "rungs: ship-small-features"]);
    expect(pr2?.labels).toEqual(["feature"]);
    expect(h.mutationsOutsideCareer().map((r) => `${r.route} ${r.repo}`)).toEqual([
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels acme/web",
    ]);
  });
});

describe("a ledger a person broke", () => {
  it("is never overwritten; new evidence lands beside it and the goal issue waits until it is fixed", async () => {
    const broken = "login: alice\nquarter: 2026-Q4\ngoal_issue: lots\nitems: []\n";
    const h = await harness({ files: { "people/alice/evidence/2026-Q4.yml": broken } });
    await h.deliver(featureMerged(1));
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-05T16:00:00Z" }));
    expect(h.sandbox.readFile(CAREER, "people/alice/evidence/2026-Q4.yml")).toBe(broken);
    expect(h.sandbox.readFile(CAREER, "people/alice/evidence/2026-Q4/2026-10-05.yml")).toContain(
      "key: PR_acme_web_1",
    );
    // Its goal-issue number cannot be trusted, so no issue is opened or edited meanwhile.
    expect(h.goalIssues("alice")).toEqual([]);
    // Said once per commit, at the line to fix.
    const checks = h.sandbox.checkRuns(CAREER);
    expect(checks).toHaveLength(1);
    expect(checks[0]?.output?.summary).toContain(
      'people/alice/evidence/2026-Q4.yml:3:1: goal_issue: Invalid input: expected number, received string (saw "lots")',
    );

    h.sandbox.writeFiles(CAREER, {
      "people/alice/evidence/2026-Q4.yml": "login: alice\nquarter: 2026-Q4\nitems: []\n",
    });
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-06T16:00:00Z" }));
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual([
      "PR_acme_web_1",
      "PR_acme_web_2",
      "PR_acme_web_3",
    ]);
    expect(h.goalIssues("alice")).toHaveLength(1);
  });

  it("keeps a shard someone broke as it is; that day's new evidence waits aside and merges once it is fixed", async () => {
    const broken = "login: alice\nquarter: 2026-Q4\nitems: [oops\n";
    const shard = "people/alice/evidence/2026-Q4/2026-10-05.yml";
    const h = await harness({ files: { [shard]: broken } });
    await h.deliver(featureMerged(1));
    expect(h.sandbox.readFile(CAREER, shard)).toBe(broken);
    expect(h.sandbox.readFile(CAREER, "people/alice/evidence/2026-Q4.pending.yml")).toContain(
      "key: PR_acme_web_1",
    );
    expect(h.sandbox.checkRuns(CAREER).map((c) => c.output?.summary)).toEqual([
      expect.stringContaining(`${shard}:4:1: YAML syntax error`),
    ]);
    h.sandbox.writeFiles(CAREER, { [shard]: "login: alice\nquarter: 2026-Q4\nitems: []\n" });
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-07T16:00:00Z" }));
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
    expect(h.sandbox.readFile(CAREER, "people/alice/evidence/2026-Q4.pending.yml")).toBeUndefined();
    expect(h.goalIssues("alice")).toHaveLength(1);
  });
});

describe("invalid configuration", () => {
  it("records nothing and says what to fix, with file and line, on the career repo once", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "time_zone: Mars/Olympus\n" } });
    await h.deliver(featureMerged(1));
    await h.deliver(featureMerged(2));
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.goalIssues()).toEqual([]);
    const checks = h.sandbox.requests.filter((r) => r.route === "POST /repos/{owner}/{repo}/check-runs");
    expect(checks.map((c) => c.repo)).toEqual([CAREER]);
    const logged = h.logs.find((l) => l.msg.startsWith("career repo configuration is invalid"));
    expect(logged?.problems).toEqual([
      '.github/rungs.yml:1:1: time_zone: not an IANA time zone, e.g. Europe/Berlin (saw "Mars/Olympus")',
    ]);
  });
});

describe("visibility changes", () => {
  const publicized = () => {
    const payload = rawExample("repository", "publicized");
    const repository = payload.repository as Record<string, unknown>;
    Object.assign(repository, { name: "careers", full_name: CAREER, private: false, visibility: "public" });
    Object.assign(repository.owner as Record<string, unknown>, { login: "acme" });
    payload.installation = { id: INSTALLATION_ID };
    return { id: "publicized-1", name: "repository", payload };
  };

  it("stops writes the moment the career repo turns public, even on an instance that did not hear of it", async () => {
    // No shared store: instance 1 has no way to learn of the change but the read of the event itself.
    const h = await harness({ instances: 2, store: "none" });
    await h.deliver(featureMerged(1), 0);
    // Minutes apart, so instance 1's cached config is still fresh when the repo turns public.
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-05T15:01:00Z" }), 1);
    const before = h.sandbox.requests.filter((r) => r.mutating).length;
    // GitHub makes the repo public; only instance 0 receives the event. Instance 1's config is still cached.
    await h.deliver(publicized(), 0);
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-05T15:02:00Z" }), 1);
    expect(
      h.sandbox.requests
        .filter((r) => r.mutating)
        .slice(before)
        .map((r) => `${r.route} ${r.url}`),
    ).toEqual([]);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
    // Instance 0 read its config afresh and says why it is paused.
    await h.deliver(featureMerged(4, { mergedAt: "2026-10-05T15:03:00Z" }), 0);
    expect(h.ledger("alice")?.items).toHaveLength(2);
    expect(h.sandbox.issues(CAREER).map((i) => i.title)).toContain(
      "Rungs is paused: this career repo is public",
    );
  });

  it("tells every instance sharing a store: the next delivery anywhere reads the config again and pauses", async () => {
    const h = await harness({ instances: 2 });
    await h.deliver(featureMerged(1), 0);
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-05T15:01:00Z" }), 1);
    await h.deliver(publicized(), 0);
    const before = h.sandbox.requests.length;
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-05T15:02:00Z" }), 1);
    // Instance 1 read the config again (the generation moved on) and wrote nothing about anyone.
    expect(h.sandbox.requests.slice(before).some((r) => r.operation === "RungsConfig")).toBe(true);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
    expect(h.sandbox.issues(CAREER).map((i) => i.title)).toContain(
      "Rungs is paused: this career repo is public",
    );
  });

  it("never labels pull requests in internal repositories (visible to the whole enterprise)", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "privacy:\n  tagging: true\n" } });
    const internal = featureMerged(1, { repo: "platform" });
    (internal.payload.repository as Record<string, unknown>).visibility = "internal";
    await h.deliver(internal);
    expect(h.ledger("alice")?.items).toHaveLength(1);
    expect(h.sandbox.pulls("acme/platform")[0]?.labels).toEqual(["feature"]);
  });
});
