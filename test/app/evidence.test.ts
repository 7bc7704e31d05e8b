import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  featureMerged,
  issueClosed,
  prClosedUnmerged,
  prMerged,
  prOpened,
  prSynchronize,
  push,
  reviewSubmitted,
  shaFor,
} from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";

// Every harness checks the write fence when its test finishes (see test/support/harness.ts).
let h: Harness | undefined;

describe("a merged pull request", () => {
  it("becomes one ledger item for its author and opens one goal issue", async () => {
    h = await harness();
    await h.deliver(
      reviewSubmitted({
        number: 7,
        prAuthor: "alice",
        reviewer: "bob",
        state: "approved",
        submittedAt: "2026-10-05T12:00:00Z",
        reviewId: 1,
      }),
    );
    await h.deliver(featureMerged(7, { additions: 120, deletions: 30 }));

    const ledger = h.ledger("alice");
    expect(ledger?.items).toEqual([
      expect.objectContaining({
        kind: "pull_request",
        key: "PR_acme_web_7",
        repo: "acme/web",
        number: 7,
        title: "feat: step 7",
        url: "https://github.com/acme/web/pull/7",
        at: "2026-10-05T15:00:00Z",
        labels: ["feature"],
        additions: 120,
        deletions: 30,
        class: "feature",
        small: true,
        review_rounds: 1,
        reviewed: true,
        hours_to_merge: 6,
        provenance: {
          source: "observed",
          recorded_at: "2026-10-05T15:00:00.000Z",
          sig: expect.stringMatching(/^[\w-]{43}$/),
        },
      }),
    ]);
    // Signed by the app, so it counts.
    expect(ledger?.counted.map((i) => i.key)).toEqual(["PR_acme_web_7"]);
    const [issue, ...more] = h.goalIssues("alice");
    expect(more).toEqual([]);
    expect(ledger?.goal_issue).toBe(issue?.number);
    expect(issue?.title).toBe("2026-Q4 goals: alice (IC0 → IC1)");
    expect(issue?.assignees).toEqual(["alice"]);
    expect(issue?.body).toContain("| 1 | ≥ 10 | ⏳ not yet |");
    expect(issue?.comments.map((c) => c.body)).toEqual([
      "@dana: alice's goals for 2026-Q4 are open. Progress updates here as evidence arrives.",
    ]);
    // bob's review landed in bob's ledger, with the author's level.
    expect(h.ledger("bob")?.items).toEqual([
      expect.objectContaining({
        kind: "review",
        pr_author: "alice",
        pr_author_level: "IC0",
        state: "APPROVED",
      }),
    ]);
  });

  it("updates the same goal issue as evidence arrives, mentioning the manager only once", async () => {
    h = await harness();
    for (let n = 1; n <= 3; n++)
      await h.deliver(
        featureMerged(n, { mergedAt: `2026-10-0${n + 1}T15:00:00Z`, createdAt: `2026-10-0${n}T09:00:00Z` }),
      );
    const [issue, ...more] = h.goalIssues("alice");
    expect(more).toEqual([]);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual([
      "PR_acme_web_1",
      "PR_acme_web_2",
      "PR_acme_web_3",
    ]);
    // No ledger last quarter: no data to compare with, so no "+3 since last quarter".
    expect(issue?.body).toContain("| 3 | ≥ 10 | ⏳ not yet | — |");
    expect(issue?.comments).toHaveLength(1);
  });

  it("uses the merge time in the organisation's time zone, not the wall clock", async () => {
    h = await harness();
    // 23:30 UTC on 31 December is already 2027 in Berlin (the sample's time zone).
    await h.deliver(
      featureMerged(9, { createdAt: "2026-12-31T20:00:00Z", mergedAt: "2026-12-31T23:30:00Z" }),
    );
    expect(h.ledger("alice", "2026-Q4")).toBeUndefined();
    expect(h.ledger("alice", "2027-Q1")?.items).toHaveLength(1);
    expect(h.goalIssues("alice").map((i) => i.title)).toEqual(["2027-Q1 goals: alice (IC0 → IC1)"]);
  });

  it("is ignored, with a reason, when it should not count", async () => {
    h = await harness();
    await h.deliver(
      prClosedUnmerged({
        number: 1,
        author: "alice",
        title: "feat: no",
        createdAt: "2026-10-05T09:00:00Z",
        closedAt: "2026-10-05T10:00:00Z",
      }),
    );
    await h.deliver(featureMerged(2, { author: "dependabot[bot]", authorType: "Bot" }));
    await h.deliver(featureMerged(3, { author: "mallory" }));
    await h.deliver(featureMerged(4, { repo: "careers" }));
    await h.deliver(
      reviewSubmitted({
        number: 5,
        prAuthor: "alice",
        reviewer: "alice",
        state: "commented",
        submittedAt: "2026-10-05T12:00:00Z",
        reviewId: 2,
      }),
    );
    await h.deliver(
      reviewSubmitted({
        number: 6,
        prAuthor: "alice",
        reviewer: "coderabbitai[bot]",
        reviewerType: "Bot",
        state: "commented",
        submittedAt: "2026-10-05T12:00:00Z",
        reviewId: 3,
      }),
    );
    expect(h.sandbox.files("acme/careers")).not.toHaveProperty(["people/alice/evidence/2026-Q4.yml"]);
    expect(h.goalIssues()).toEqual([]);
    expect(h.debugReasons()).toEqual([
      "closed without merging",
      "bot dependabot[bot]",
      "no profile in the career repo",
      "the career repo itself",
      "author reviewing their own pull request",
      "bot coderabbitai[bot]",
    ]);
    expect(
      h.logs.some(
        (l) => l.msg === "ignored" && l.reason === "no profile in the career repo" && l.login === "mallory",
      ),
    ).toBe(true);
  });

  it("skips excluded repositories", async () => {
    h = await harness({ files: { ".github/rungs.yml": "excluded_repos: [sandbox-*]\n" } });
    await h.deliver(featureMerged(1, { repo: "sandbox-play" }));
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.debugReasons()).toEqual(["excluded repository acme/sandbox-play"]);
  });
});

describe("redelivery", () => {
  it("changes nothing the second time, and writes nothing", async () => {
    h = await harness();
    const d = featureMerged(1);
    await h.deliver(d);
    const once = h.state();
    const writes = h.sandbox.requests.filter((r) => r.mutating).length;
    await h.deliver(d);
    await h.deliver({ ...d, id: "another-delivery-of-the-same-merge" });
    expect(h.state()).toEqual(once);
    expect(h.sandbox.requests.filter((r) => r.mutating).length).toBe(writes);
  });
});

describe("closed issues", () => {
  it("count incidents without escalation, once per assignee, and ignore not-planned closes", async () => {
    h = await harness();
    const incident = (number: number, labels: string[], over = {}) =>
      issueClosed({
        repo: "api",
        number,
        title: `Outage ${number}`,
        assignees: ["bob", "carol"],
        labels,
        createdAt: "2026-10-06T01:00:00Z",
        closedAt: "2026-10-06T05:00:00Z",
        ...over,
      });
    await h.deliver(incident(1, ["incident"]));
    await h.deliver(incident(2, ["incident", "escalated"]));
    await h.deliver(incident(3, ["incident"], { stateReason: "not_planned" }));
    await h.deliver(incident(1, ["incident"], { id: "closed-again", closedAt: "2026-10-09T05:00:00Z" }));
    const items = h.ledger("bob")?.items ?? [];
    expect(
      items.map((i) => [
        i.kind === "issue" && i.number,
        i.kind === "issue" && i.class,
        i.kind === "issue" && i.escalated,
      ]),
    ).toEqual([
      [1, "incident", false],
      [2, "incident", true],
    ]);
    expect(h.ledger("carol")?.items).toHaveLength(2);
    expect(h.debugReasons()).toEqual(["closed as not_planned"]);
  });
});

describe("learning notes", () => {
  it("pushed to people/<login>/learning/ count for that person, dated by the push", async () => {
    h = await harness();
    const text = "# Indexes\n\nA B-tree index keeps keys sorted, so range scans are cheap.\n";
    const note = push({
      pusher: "alice",
      at: "2026-10-07T08:00:00Z",
      after: "c".repeat(40),
      files: { "people/alice/learning/indexes.md": text },
    });
    await h.deliver(note);
    const expected = [
      expect.objectContaining({
        kind: "learning_note",
        // The git blob of the note's content: a rename or move with the same content is the same note.
        key: `learning:${createHash("sha1")
          .update(`blob ${Buffer.byteLength(text)}\0${text}`)
          .digest("hex")}`,
        at: "2026-10-07T08:00:00.000Z",
        title: "indexes",
        path: "people/alice/learning/indexes.md",
      }),
    ];
    expect(h.ledger("alice")?.items).toEqual(expected);
    // Redelivered after the app's own commits: nothing is rewound or counted twice.
    await h.deliver(note);
    expect(h.ledger("alice")?.items).toEqual(expected);
    expect(h.sandbox.readFile(CAREER, "people/alice/learning/indexes.md")).toBe(text);
  });
});

describe("edits in the career repo", () => {
  it("re-render the goal issue when the engineer's goals change, and open nothing without evidence", async () => {
    h = await harness();
    await h.deliver(featureMerged(1));
    const goals = "---\nfocus: [ship-small-features]\n---\nShip the profile editor; @carol reviews.\n";
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-08T08:00:00Z",
        after: "d".repeat(40),
        files: { "people/alice/goals/2026-Q4.md": goals },
      }),
    );
    const [issue] = h.goalIssues("alice");
    expect(issue?.body).toMatch(/^- \[x\] `ship-small-features`/m);
    expect(issue?.body).toContain("Ship the profile editor; @&#8203;carol reviews.");
    await h.deliver(
      push({
        pusher: "bob",
        at: "2026-10-08T09:00:00Z",
        after: "e".repeat(40),
        files: { "people/bob/goals/2026-Q4.md": "Handle incidents.\n" },
      }),
    );
    expect(h.goalIssues("bob")).toEqual([]);
    expect(h.ledger("bob")).toBeUndefined();
  });

  it("match logins case-insensitively to the career repo's folders", async () => {
    h = await harness();
    await h.deliver(featureMerged(1, { author: "Alice" }));
    expect(h.ledger("alice")?.items).toHaveLength(1);
  });
});

describe("a long pull request timeline", () => {
  it("is paged only when it overflows, and review rounds still count every push", async () => {
    h = await harness();
    const spec = {
      number: 77,
      author: "alice",
      title: "feat: big one",
      labels: ["feature"],
      createdAt: "2026-10-05T08:00:00Z",
    };
    await h.deliver(prOpened(spec));
    // 120 commits, then a review, one more commit, and an approval: 2 rounds, 122 timeline items.
    for (let i = 0; i < 120; i++) {
      const at = new Date(Date.UTC(2026, 9, 5, 8, 1 + i)).toISOString();
      await h.deliver(prSynchronize({ ...spec, at, after: shaFor(`big-${i}`) }));
    }
    await h.deliver(
      reviewSubmitted({
        number: 77,
        prAuthor: "alice",
        reviewer: "bob",
        state: "changes_requested",
        submittedAt: "2026-10-05T11:00:00Z",
        reviewId: 501,
        headSha: shaFor("big-119"),
      }),
    );
    await h.deliver(prSynchronize({ ...spec, at: "2026-10-05T11:30:00Z", after: shaFor("big-fix") }));
    await h.deliver(
      reviewSubmitted({
        number: 77,
        prAuthor: "alice",
        reviewer: "bob",
        state: "approved",
        submittedAt: "2026-10-05T12:00:00Z",
        reviewId: 502,
        headSha: shaFor("big-fix"),
      }),
    );
    const before = h.sandbox.requests.length;
    await h.deliver(prMerged({ ...spec, mergedAt: "2026-10-05T13:00:00Z", headSha: shaFor("big-fix") }));
    const graphql = h.sandbox.requests
      .slice(before)
      .filter((r) => r.route === "POST /graphql" && r.operation !== "RungsConfig")
      .map((r) => r.operation);
    // The event's one read and the overflowing timeline's second page. Holding alice's lease since
    // before the read, the delivery knows its render is current without reading the ledger back.
    expect(graphql).toEqual(["RungsPullRequest", "RungsTimelinePage"]);
    expect(h.ledger("alice")?.items.find((i) => i.key === "PR_acme_web_77")).toMatchObject({
      review_rounds: 2,
      reviewed: true,
    });
  });
});
