import { describe, expect, it } from "vitest";
import { FOCUS_END, FOCUS_START } from "../../src/domain/goals-file.js";
import { parseShard } from "../../src/domain/ledger.js";
import { octokitFor } from "../sandbox/octokit.js";
import { featureMerged, issueClosed, push, reviewSubmitted } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";
import { typedLedgerFile, typedPullRequest } from "../support/typed.js";

const aliasBomb = [
  "---",
  "level: IC1",
  "manager: dana",
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
  "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
  "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
  "---",
  "",
].join("\n");

const smuggled = "<!-- rungs:goal-issue login=alice quarter=2026-Q4 -->";

describe("bad input in one stream", () => {
  it("stops nobody else: every other person's evidence is recorded and nothing that isn't Rungs' is touched", async () => {
    const h = await harness({
      files: {
        // An alias bomb in one person's profile.
        "people/bob/profile.md": aliasBomb,
        // The top of the organisation that simply leaves out `manager`.
        "people/erin/profile.md": "---\nname: Erin Evans\nlevel: M2\nsince: 2023-01-01\n---\n",
        // A profile saved with a byte-order mark and Windows line ends.
        "people/dana/profile.md":
          "\uFEFF---\r\nname: Dana Diaz\r\nlevel: M1\r\nmanager: null\r\nsince: 2024-01-01\r\n---\r\nManages the web team.\r\n",
        // Goals whose focus carries another person's hidden marker and a team mention.
        "people/carol/goals/2026-Q4.md": `---\nfocus: ["${smuggled} @acme/everyone"]\n---\nShip the ledger export. cc @acme/everyone\n`,
        // A ledger hand-edited to point at someone else's confidential issue.
        "people/alice/evidence/2026-Q4.yml": "login: alice\nquarter: 2026-Q4\ngoal_issue: 1\nitems: []\n",
      },
    });
    const gh = octokitFor(h.sandbox);
    await gh.rest.issues.create({
      owner: "acme",
      repo: "careers",
      title: "Confidential: compensation review",
      body: "Only for the leadership team.",
      labels: ["rungs: goals"],
    });

    const bad = featureMerged(90, { author: "carol", nodeId: "" });
    const dateOnly = featureMerged(91, { author: "carol" });
    (dateOnly.payload.pull_request as { merged_at: string }).merged_at = "2026-10-05";
    for (const d of [
      featureMerged(1, { author: "bob", title: "feat: bob's" }),
      featureMerged(2),
      featureMerged(3, { author: "carol", title: "feat: carol's" }),
      bad,
      dateOnly,
      reviewSubmitted({
        number: 3,
        prAuthor: "carol",
        reviewer: "dana",
        state: "approved",
        submittedAt: "2026-10-05T16:00:00Z",
        reviewId: 31,
      }),
      issueClosed({
        number: 7,
        title: "Outage",
        assignees: ["erin"],
        labels: ["incident"],
        createdAt: "2026-10-04T09:00:00Z",
        closedAt: "2026-10-05T09:00:00Z",
      }),
      push({
        pusher: "carol",
        at: "2026-10-06T08:00:00Z",
        after: "c".repeat(40),
        files: {
          "people/carol/learning/queues.md":
            "# Queues\n\nBackpressure: why a bounded queue protects the service behind it.\n",
        },
      }),
    ])
      await h.deliver(d);
    // Mid-stream dana's goal issue is deleted: her next review still lands and she gets a new one.
    const danas = h.ledger("dana")?.goal_issue as number;
    h.sandbox.deleteIssue(CAREER, danas);
    await h.deliver(
      reviewSubmitted({
        number: 9,
        prAuthor: "carol",
        reviewer: "dana",
        state: "commented",
        submittedAt: "2026-10-07T10:00:00Z",
        reviewId: 32,
      }),
    );
    expect(h.ledger("dana")?.goal_issue).not.toBe(danas);

    // Everyone whose files are fine got their evidence and one goal issue each.
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_2"]);
    expect(h.ledger("carol")?.items.map((i) => [i.kind, "path" in i ? i.path : i.key])).toEqual([
      ["pull_request", "PR_acme_web_3"],
      ["learning_note", "people/carol/learning/queues.md"],
    ]);
    expect(h.ledger("dana")?.items.map((i) => i.kind)).toEqual(["review", "review"]);
    expect(
      h
        .goalIssues()
        .map((i) => i.title)
        .sort(),
    ).toEqual([
      "2026-Q4 goals: alice (IC0 → IC1)",
      "2026-Q4 goals: carol (IC2 → IC3)",
      "2026-Q4 goals: dana (M1 → M2)",
      "Confidential: compensation review",
    ]);
    // The confidential issue is exactly as it was.
    const confidential = h.sandbox.issues(CAREER).find((i) => i.number === 1);
    expect(confidential).toMatchObject({
      title: "Confidential: compensation review",
      body: "Only for the leadership team.",
    });
    expect(confidential?.comments).toEqual([]);
    // Alice's ledger now names her real goal issue.
    const alices = h.goalIssues("alice");
    expect(alices).toHaveLength(1);
    expect(h.ledger("alice")?.goal_issue).toBe(alices[0]?.number);

    // Bob's and Erin's evidence waits beside their files, and the check run says what to fix, where.
    expect(h.sandbox.readFile(CAREER, "people/bob/evidence/2026-Q4.pending.yml")).toContain(
      "key: PR_acme_web_1",
    );
    expect(h.sandbox.readFile(CAREER, "people/erin/evidence/2026-Q4.pending.yml")).toContain(
      "key: I_acme_web_7:erin",
    );
    const summaries = h.sandbox.checkRuns(CAREER).map((c) => c.output?.summary ?? "");
    expect(summaries.join("\n")).toContain("people/bob/profile.md:1:1: YAML more than 100 aliases");
    expect(summaries.join("\n")).toContain(
      `people/erin/profile.md:2:1: manager: name the manager's login, or write "manager: null" at the top of the organisation (missing)`,
    );
    expect(summaries.join("\n")).toContain('people/carol/goals/2026-Q4.md:2:1: focus: "');

    // No goal issue carries a second marker, a raw comment or a live mention.
    for (const issue of h.goalIssues().filter((i) => i.title.includes("goals:"))) {
      // Besides the marker, only the focus list's own delimiters.
      expect(issue.body.replace(FOCUS_START, "").replace(FOCUS_END, "").split("<!--")).toHaveLength(2);
      expect(issue.body).not.toMatch(/@acme\/everyone/);
    }

    // The two malformed deliveries wrote nothing and each left one line naming the delivery.
    const skipped = h.logs.filter((l) => l.msg.startsWith("delivery skipped"));
    expect(skipped.map((l) => [l.delivery, l.problem])).toEqual([
      [bad.id, "pull_request.node_id: empty node id"],
      [dateOnly.id, "pull_request.merged_at: expected an ISO 8601 date-time"],
    ]);
    // Nothing at info level or above carries a payload (Probot's own debug line does, below the default level).
    expect(JSON.stringify(h.logs.filter((l) => l.level >= 30))).not.toContain('"payload"');
    const written = Object.values(h.sandbox.files(CAREER)).join("\n");
    expect(written).not.toContain("PR_acme_web_91");
    expect(written).not.toContain("pull/90");
  });
});

describe("the goal issue", () => {
  it("is replaced when deleted or transferred, instead of failing every later delivery", async () => {
    const h = await harness();
    await h.deliver(featureMerged(1));
    const first = h.ledger("alice")?.goal_issue as number;
    h.sandbox.deleteIssue(CAREER, first);
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-06T15:00:00Z" }));
    const second = h.ledger("alice")?.goal_issue as number;
    expect(second).not.toBe(first);
    expect(h.goalIssues("alice").map((i) => i.number)).toEqual([second]);
    expect(h.goalIssues("alice")[0]?.body).toContain("2 items.");

    h.sandbox.addRepo({ owner: "acme", name: "archive", private: true, files: { "README.md": "x\n" } });
    h.sandbox.transferIssue(CAREER, second, "acme/archive");
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-07T15:00:00Z" }));
    const third = h.ledger("alice")?.goal_issue as number;
    expect([first, second]).not.toContain(third);
    expect(h.goalIssues("alice").map((i) => i.number)).toEqual([third]);
    // The transferred issue, now elsewhere, was not edited.
    expect(h.sandbox.issues("acme/archive")[0]?.body).toContain("2 items.");
  });

  it("transferred away after it was checked is never edited in its new (public) repository", async () => {
    const h = await harness();
    await h.deliver(featureMerged(1));
    // The second event checks the issue and remembers it passed.
    await h.deliver(featureMerged(2, { mergedAt: "2026-10-05T15:01:00Z" }));
    const first = h.ledger("alice")?.goal_issue as number;
    h.sandbox.addRepo({ owner: "acme", name: "public", private: false, files: { "README.md": "x\n" } });
    h.sandbox.transferIssue(CAREER, first, "acme/public");
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-05T15:02:00Z" }));
    // The write fence (no write outside the career repo) is checked when the test ends; and:
    expect(h.sandbox.issues("acme/public")[0]?.body).not.toContain("3 items.");
    const now = h.ledger("alice")?.goal_issue as number;
    expect(now).not.toBe(first);
    expect(h.goalIssues("alice").map((i) => i.number)).toEqual([now]);
    expect(h.goalIssues("alice")[0]?.body).toContain("3 items.");
  });

  it("is never someone else's: a ledger pointing at another person's goal issue gets its own", async () => {
    const h = await harness();
    await h.deliver(featureMerged(1, { author: "carol" }));
    const carols = h.ledger("carol")?.goal_issue as number;
    const before = h.sandbox.issues(CAREER).find((i) => i.number === carols)?.body;
    h.sandbox.writeFiles(CAREER, {
      "people/alice/evidence/2026-Q4.yml": `login: alice\nquarter: 2026-Q4\ngoal_issue: ${carols}\nitems: []\n`,
    });
    await h.deliver(featureMerged(2));
    expect(h.sandbox.issues(CAREER).find((i) => i.number === carols)?.body).toBe(before);
    expect(h.goalIssues("alice")).toHaveLength(1);
    expect(h.ledger("alice")?.goal_issue).toBe(h.goalIssues("alice")[0]?.number);
    expect(h.logs.some((l) => l.reason === "its marker is not this person's for this quarter")).toBe(true);
  });

  it("left behind by an instance that died before recording it is adopted once its claim expires", async () => {
    const h = await harness();
    const gh = octokitFor(h.sandbox);
    const marker = "<!-- rungs:goal-issue login=alice quarter=2026-Q4 -->";
    const { data: orphan } = await gh.rest.issues.create({
      owner: "acme",
      repo: "careers",
      title: "2026-Q4 goals: alice (IC0 → IC1)",
      body: `${marker}\nhalf-rendered`,
      labels: ["rungs: goals"],
      assignees: ["alice"],
    });
    const claimedAt = new Date(h.sandbox.clock.now() - 11 * 60_000).toISOString();
    h.sandbox.writeFiles(CAREER, {
      "people/alice/evidence/2026-Q4.yml": `login: alice\nquarter: 2026-Q4\ngoal_issue: null\ngoal_issue_claim: { by: dead-instance/1, at: "${claimedAt}" }\nitems: []\n`,
    });
    await h.deliver(featureMerged(1));
    expect(h.goalIssues("alice").map((i) => i.number)).toEqual([orphan.number]);
    expect(h.ledger("alice")?.goal_issue).toBe(orphan.number);
    expect(h.goalIssues("alice")[0]?.body).toContain("1 item.");
  });
});

describe("writes that may have landed", () => {
  it("a ledger write whose response was lost (502 after it applied) is recorded once", async () => {
    let lost = 0;
    const h = await harness({
      wrapFetch: (fetch) => async (input, init) => {
        const response = await fetch(input, init);
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        if (
          init?.method === "PUT" &&
          url.includes("/contents/people%2Falice%2Fevidence%2F2026-Q4%2F") &&
          lost === 0
        ) {
          lost++;
          return new Response(JSON.stringify({ message: "Bad Gateway" }), { status: 502 });
        }
        return response;
      },
    });
    await h.deliver(featureMerged(1));
    expect(lost).toBe(1);
    expect(h.ledger("alice")?.items.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
    expect(h.goalIssues("alice")).toHaveLength(1);
  });
});

describe("order of deliveries", () => {
  const incident = (closedAt: string, id: string) =>
    issueClosed({
      id,
      number: 12,
      title: "Checkout outage",
      assignees: ["bob"],
      labels: ["incident"],
      createdAt: "2026-12-20T09:00:00Z",
      closedAt,
    });
  it("counts an issue closed, reopened and closed again across a quarter's end once, whatever the order", async () => {
    const views: string[][] = [];
    for (const order of [
      ["2026-12-30T10:00:00Z", "2027-01-04T10:00:00Z"],
      ["2027-01-04T10:00:00Z", "2026-12-30T10:00:00Z"],
    ]) {
      const h = await harness();
      for (const [k, at] of order.entries()) await h.deliver(incident(at as string, `close-${k}`));
      const row = /`independent-incidents` \| (\d+) \|/;
      const q4 = h.goalIssues("bob").find((i) => i.title.startsWith("2026-Q4"));
      const q1 = h.goalIssues("bob").find((i) => i.title.startsWith("2027-Q1"));
      views.push([row.exec(q4?.body ?? "")?.[1] ?? "none", row.exec(q1?.body ?? "")?.[1] ?? "none"]);
    }
    expect(views).toEqual([
      ["1", "0"],
      ["1", "0"],
    ]);
  });
});

describe("one person's failure", () => {
  it("never stops the others in the same delivery; the delivery then fails so GitHub can redeliver it", async () => {
    const h = await harness({
      wrapFetch: (fetch) => async (input, init) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        if (init?.method === "PUT" && url.includes("people%2Fbob%2F"))
          return new Response(JSON.stringify({ message: "Server Error" }), { status: 500 });
        return fetch(input, init);
      },
    });
    const shared = issueClosed({
      number: 8,
      title: "Spec: export",
      assignees: ["bob", "carol"],
      labels: ["spec"],
      createdAt: "2026-10-01T09:00:00Z",
      closedAt: "2026-10-05T09:00:00Z",
    });
    await expect(h.deliver(shared)).rejects.toThrow(/1 of 2 people not recorded/);
    expect(h.ledger("carol")?.items.map((i) => i.key)).toEqual(["I_acme_web_8:carol"]);
    expect(h.ledger("bob")).toBeUndefined();
    expect(
      h.logs.filter((l) => l.msg.startsWith("could not record this person's evidence")).map((l) => l.login),
    ).toEqual(["bob"]);
  });
});

describe("the pending file", () => {
  it("gives back only what Rungs kept aside: an item typed into it is never merged or signed", async () => {
    const typed = typedLedgerFile(typedPullRequest());
    // The typed file is valid: what keeps it out is its missing signature, not a parse error.
    expect(parseShard("p.yml", typed).ok).toBe(true);
    const h = await harness({ files: { "people/alice/evidence/2026-Q4.pending.yml": typed } });
    await h.deliver(featureMerged(1));
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1"]);
    const written = Object.entries(h.sandbox.files(CAREER))
      .filter(([p]) => p.startsWith("people/alice/evidence/2026-Q4/"))
      .map(([, t]) => t)
      .join("\n");
    expect(written).not.toContain("FORGED_1");
  });
});

describe("learning notes", () => {
  it("count only when their person wrote or pushed them: a note dropped into someone else's folder does not", async () => {
    const h = await harness();
    const text = "# Queues\n\nBackpressure: why a bounded queue protects the service behind it.\n";
    await h.deliver(
      push({
        pusher: "bob",
        at: "2026-10-06T08:00:00Z",
        after: "b".repeat(40),
        files: { "people/alice/learning/q.md": text },
      }),
    );
    expect(h.ledger("alice")).toBeUndefined();
    await h.deliver(
      push({
        pusher: "alice",
        at: "2026-10-07T08:00:00Z",
        after: "a".repeat(40),
        files: { "people/alice/learning/r.md": `${text}More.\n` },
      }),
    );
    expect(h.ledger("alice")?.items.map((i) => ("path" in i ? i.path : i.key))).toEqual([
      "people/alice/learning/r.md",
    ]);
  });
});

describe("evidence kept aside", () => {
  it("keeps a review that became teaching while the profile was broken, signed, and merges it once fixed", async () => {
    const h = await harness({ files: { "people/bob/profile.md": "---\nlevel: IC1\n---\n" } });
    const review = (reviewId: number, state: "approved" | "changes_requested", at: string, number = 5) =>
      reviewSubmitted({ number, prAuthor: "alice", reviewer: "bob", state, submittedAt: at, reviewId });
    await h.deliver(review(1, "approved", "2026-10-05T10:00:00Z"));
    await h.deliver(review(2, "changes_requested", "2026-10-05T11:00:00Z"));
    h.sandbox.writeFiles(CAREER, {
      "people/bob/profile.md": "---\nname: Bob Brown\nlevel: IC1\nmanager: dana\nsince: 2025-10-01\n---\n",
    });
    await h.deliver(review(3, "approved", "2026-10-06T10:00:00Z", 6));
    expect(h.sandbox.readFile(CAREER, "people/bob/evidence/2026-Q4.pending.yml")).toBeUndefined();
    const counted = h.ledger("bob")?.counted ?? [];
    expect(counted.map((i) => [i.key, i.kind === "review" && i.teaching])).toEqual([
      ["PR_acme_web_5:review:bob", true],
      ["PR_acme_web_6:review:bob", false],
    ]);
  });
});
