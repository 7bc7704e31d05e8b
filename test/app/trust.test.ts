import { describe, expect, it } from "vitest";
import { type Delivery, featureMerged, push, reviewSubmitted, shaFor } from "../support/events.js";
import { type Harness, harness } from "../support/harness.js";
import { fullQuarter, incident } from "../support/promotion.js";
import { reportJson } from "../support/report.js";

const goalIssue = (h: Harness, login: string, quarter = "2026-Q4") => {
  const found = h.goalIssues(login).filter((i) => i.title.startsWith(`${quarter} goals:`));
  expect(found).toHaveLength(1);
  return found[0]?.body ?? "";
};

/** The progress-table row of a criterion. */
const row = (body: string, id: string): string => body.split("\n").find((l) => l.includes(`\`${id}\``)) ?? "";

/** A delivery with the review's written body set. */
const withBody = (d: Delivery, body: string): Delivery => {
  (d.payload.review as { body: string | null }).body = body;
  return d;
};

const bobProfile = (since: string) =>
  `---\nname: Bob Brown\nlevel: IC1\nmanager: dana\nsince: ${since}\nhistory:\n  - { level: IC0, since: 2026-01-05 }\n---\n`;

describe("a promotion in the middle of the readiness window", () => {
  // The milestone (spec to launch, ◆) counts only in window quarters at the level: with every quarter
  // before IC1 there are none, so even the spec launched after the promotion does not show as met.
  it.each<[string, string, string[], boolean, string, boolean]>([
    [
      "promoted mid-November: every quarter of the window began before IC1, not ready",
      "2026-11-15",
      ["before-level", "before-level", "before-level"],
      false,
      "2026-Q4 before IC1 · 2026-Q3 before IC1 · 2026-Q2 before IC1. Not ready yet.",
      false,
    ],
    [
      "the same evidence, promoted on 1 July: Q3 and Q4 count, ready",
      "2026-07-01",
      ["met", "met", "before-level"],
      true,
      "2026-Q4 ✅ · 2026-Q3 ✅ · 2026-Q2 before IC1. **Ready for a promotion packet.**",
      true,
    ],
  ])("%s", async (_name, since, window, ready, trail, milestoneMet) => {
    const h = await harness({ files: { "people/bob/profile.md": bobProfile(since) } });
    for (const d of [...fullQuarter("2026-08", 100), ...fullQuarter("2026-11", 200)]) await h.deliver(d);

    // Plenty of evidence, signed and counted, in both quarters.
    expect(h.ledger("bob", "2026-Q3")?.counted).toHaveLength(10);
    expect(h.ledger("bob")?.counted).toHaveLength(10);

    const body = goalIssue(h, "bob");
    for (const id of ["independent-incidents", "mentor-intern"]) expect(row(body, id)).toContain("✅ met");
    expect(row(body, "feature-spec-to-launch")).toContain(
      milestoneMet ? "| 2 | ≥ 1 | ✅ met |" : "| 0 | ≥ 1 | ⏳ not yet |",
    );
    expect(body).toContain(trail);

    const json = await reportJson(h, "bob");
    expect(json.readiness.window).toEqual(
      ["2026-Q4", "2026-Q3", "2026-Q2"].map((quarter, i) => ({ quarter, status: window[i] })),
    );
    expect(json.readiness.needed).toEqual({ quarters: 2, of: 3 });
    expect([json.ready, json.readiness.ready]).toEqual([ready, ready]);
    expect(json.criteria.map((c) => [c.id, c.met])).toEqual([
      ["feature-spec-to-launch", milestoneMet],
      ["independent-incidents", true],
      ["mentor-intern", true],
    ]);
    expect(json.items).toMatchObject({ counted: 10, claimed: 0, unverified: 0 });
  });
});

describe("a first quarter after install", () => {
  it("shows earlier quarters as no data, never ✗, and no change since last quarter", async () => {
    const h = await harness();
    for (const d of [
      incident(1, ["bob"], "2026-10-05T10:00:00Z"),
      incident(2, ["bob"], "2026-10-06T10:00:00Z"),
    ])
      await h.deliver(d);

    const body = goalIssue(h, "bob");
    expect(body).toContain("2026-Q4 ✗ · 2026-Q3 no data · 2026-Q2 no data. Not ready yet.");
    expect(body).not.toMatch(/2026-Q[23] ✗/);
    // Value, target, status, then the change since last quarter: "—", not "+2".
    expect(row(body, "independent-incidents")).toContain("| 2 | ≥ 5 | ⏳ not yet | — |");
    for (const id of ["feature-spec-to-launch", "independent-incidents", "mentor-intern"])
      expect(row(body, id).split(" | ")[4]).toBe("—");
    expect(body).not.toMatch(/\| [+−±]\d/);

    const json = await reportJson(h, "bob");
    expect(json.readiness.window.map((w) => w.status)).toEqual(["not-met", "no-data", "no-data"]);
  });
});

describe("a stacked-branch merge", () => {
  it("records nothing and logs why; the same pull request merged into main counts", async () => {
    const h = await harness();
    await h.deliver(featureMerged(5, { base: "feature-x" }));
    expect(h.ledger("alice")).toBeUndefined();
    expect(h.goalIssues("alice")).toEqual([]);
    expect(h.debugReasons()).toContain("merged into feature-x, not the default branch");

    await h.deliver(featureMerged(6, { base: "main" }));
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toEqual(["PR_acme_web_6"]);
  });
});

describe("a co-assigned incident", () => {
  it("is recorded for both assignees, shown in their evidence, and counts toward independent incidents for neither", async () => {
    const h = await harness({
      files: {
        "people/carol/profile.md":
          "---\nname: Carol Chen\nlevel: IC1\nmanager: dana\nsince: 2025-04-01\n---\n",
      },
    });
    await h.deliver(incident(7, ["bob", "carol"], "2026-10-05T10:00:00Z"));
    await h.deliver(incident(8, ["bob"], "2026-10-06T10:00:00Z"));

    expect(h.ledger("bob")?.counted.map((i) => [i.key, "assignees" in i ? i.assignees : null])).toEqual([
      ["I_acme_web_7:bob", 2],
      ["I_acme_web_8:bob", 1],
    ]);
    expect(h.ledger("carol")?.counted.map((i) => [i.key, "assignees" in i ? i.assignees : null])).toEqual([
      ["I_acme_web_7:carol", 2],
    ]);

    const bob = goalIssue(h, "bob");
    expect(row(bob, "independent-incidents")).toContain("| 1 | ≥ 5 |");
    expect(row(bob, "independent-incidents")).toContain("acme/web#8");
    expect(row(bob, "independent-incidents")).not.toContain("acme/web#7");
    expect(bob).toMatch(
      /^- `[0-9a-f]{6}` 2026-10-05 · \[acme\/web#7\]\(https:\/\/github\.com\/acme\/web\/issues\/7\) Outage 7 · incident/m,
    );

    const carol = goalIssue(h, "carol");
    expect(row(carol, "independent-incidents")).toContain("| 0 | ≥ 5 |");
    expect(carol).toMatch(/^- `[0-9a-f]{6}` 2026-10-05 · \[acme\/web#7\]/m);

    expect((await reportJson(h, "carol")).criteria.find((c) => c.id === "independent-incidents")?.value).toBe(
      0,
    );
  });
});

describe("reviews of an intern's pull requests", () => {
  it("count for mentor-intern only when they teach; a later teaching review upgrades a rubber stamp", async () => {
    const h = await harness();
    const review = (
      number: number,
      reviewId: number,
      state: "approved" | "changes_requested" | "commented",
      at: string,
    ) => reviewSubmitted({ number, prAuthor: "alice", reviewer: "bob", state, submittedAt: at, reviewId });
    for (const d of [
      // A one-click approval: no body, no inline comments.
      review(11, 1, "approved", "2026-10-05T10:00:00Z"),
      // Changes requested.
      review(12, 2, "changes_requested", "2026-10-05T11:00:00Z"),
      // An approval with a written body.
      withBody(
        review(13, 3, "approved", "2026-10-05T12:00:00Z"),
        "Nice. The retry loop could move into a helper.",
      ),
      // An approval whose body is only whitespace is still a rubber stamp.
      withBody(review(14, 4, "approved", "2026-10-05T13:00:00Z"), "  \n "),
    ])
      await h.deliver(d);

    const teaching = () =>
      h
        .ledger("bob")
        ?.counted.map((i) => [i.kind === "review" ? i.number : null, i.kind === "review" && i.teaching]);
    expect(teaching()).toEqual([
      [11, false],
      [12, true],
      [13, true],
      [14, false],
    ]);
    expect(row(goalIssue(h, "bob"), "mentor-intern")).toContain("| 2 | ≥ 3 |");

    // bob comes back to #11 with changes requested: still one item for #11, now teaching, and counted.
    await h.deliver(review(11, 5, "changes_requested", "2026-10-06T10:00:00Z"));
    const ledger = h.ledger("bob");
    expect(ledger?.items.filter((i) => i.kind === "review" && i.number === 11)).toHaveLength(1);
    expect(teaching()).toEqual([
      [11, true],
      [12, true],
      [13, true],
      [14, false],
    ]);
    expect(ledger?.counted).toHaveLength(4);
    const body = goalIssue(h, "bob");
    expect(row(body, "mentor-intern")).toContain("| 3 | ≥ 3 | ✅ met |");
    expect(body).not.toContain("Unverified");

    // A later rubber stamp on a teaching review changes nothing.
    await h.deliver(review(12, 6, "approved", "2026-10-07T10:00:00Z"));
    expect(teaching()).toEqual([
      [11, true],
      [12, true],
      [13, true],
      [14, false],
    ]);
  });
});

const forgedShard = (key: string, url: string, sig?: string) =>
  [
    "login: alice",
    "quarter: 2026-Q4",
    "items:",
    "  - kind: pull_request",
    `    key: ${key}`,
    "    at: 2026-10-05T15:00:00Z",
    "    title: 'feat: the big one'",
    `    url: ${url}`,
    "    provenance:",
    "      source: observed",
    "      recorded_at: 2026-10-05T15:00:00Z",
    ...(sig ? [`      sig: ${sig}`] : []),
    "    repo: acme/web",
    "    number: 42",
    "    labels: [feature]",
    "    additions: 10",
    "    deletions: 2",
    "    changed_files: 1",
    "    class: feature",
    "    small: true",
    "    review_rounds: 1",
    "    reviewed: true",
    "    hours_to_merge: 2",
    "    closes: []",
    "",
  ].join("\n");

/** alice's ledger with her #1 and #2 counted, and an item she committed claiming #42 before it existed. */
const forgedInAdvance = async (sig: string | undefined) => {
  const h = await harness();
  await h.deliver(featureMerged(1, { mergedAt: "2026-10-04T15:00:00Z" }));
  // alice commits a shard item claiming a pull request Rungs never saw, keyed as #42 will be.
  await h.deliver(
    push({
      pusher: "alice",
      at: "2026-10-06T08:00:00Z",
      after: shaFor("forged"),
      files: {
        "people/alice/evidence/2026-Q4/2026-10-05.yml": forgedShard(
          "PR_acme_web_42",
          "https://evil.example/pr/42",
          sig,
        ),
      },
    }),
  );
  await h.deliver(featureMerged(2, { mergedAt: "2026-10-07T15:00:00Z" }));
  return h;
};

describe("a forged ledger item", () => {
  it.each<[string, string | undefined]>([
    ["without a signature", undefined],
    ["with a made-up signature", "a".repeat(43)],
  ])("%s is shown as unverified and not counted; the real pull request later counts", async (_name, sig) => {
    const h = await forgedInAdvance(sig);

    let ledger = h.ledger("alice");
    expect(ledger?.items.map((i) => i.key).sort()).toEqual([
      "PR_acme_web_1",
      "PR_acme_web_2",
      "PR_acme_web_42",
    ]);
    expect(ledger?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_2"]);
    let body = goalIssue(h, "alice");
    expect(body).toContain(
      "Unverified: in the ledger but not as Rungs wrote it (typed, copied or edited by hand) (1, not counted):",
    );
    expect(body).toMatch(/^- `[0-9a-f]{6}` 2026-10-05 · .*acme\/web#42.* feat: the big one/m);
    expect(row(body, "ship-small-features")).toContain("| 2 | ≥ 10 |");
    let json = await reportJson(h, "alice");
    expect(json.items).toMatchObject({ counted: 2, claimed: 0, unverified: 1 });
    expect(json.err).toEqual(
      "rungs report: 1 item in 2026-Q4 could not be verified and does not count (typed, copied or edited by hand)",
    );

    // The real #42 is merged the same day: recorded, signed and counted, replacing what was forged under its key.
    await h.deliver(featureMerged(42, { mergedAt: "2026-10-05T16:00:00Z" }));
    ledger = h.ledger("alice");
    const real = ledger?.counted.find((i) => i.key === "PR_acme_web_42");
    expect(real).toMatchObject({ url: "https://github.com/acme/web/pull/42", at: "2026-10-05T16:00:00Z" });
    expect(ledger?.items.filter((i) => i.key === "PR_acme_web_42")).toEqual([real]);
    // Sorted by time: #42 was merged on 5 October, #2 on the 7th.
    expect(ledger?.counted.map((i) => i.key)).toEqual(["PR_acme_web_1", "PR_acme_web_42", "PR_acme_web_2"]);
    expect(row(goalIssue(h, "alice"), "ship-small-features")).toContain("| 3 | ≥ 10 |");
    json = await reportJson(h, "alice");
    expect(json.items).toMatchObject({ counted: 3, claimed: 0, unverified: 0 });
    expect(json.err).toEqual("");

    // The next event's render shows nothing unverified any more.
    await h.deliver(featureMerged(3, { mergedAt: "2026-10-09T15:00:00Z" }));
    body = goalIssue(h, "alice");
    expect(body).not.toContain("Unverified");
    expect(row(body, "ship-small-features")).toContain("| 4 | ≥ 10 |");
  });

  // Once found by review: the render right after the real #42 replaced the forged copy listed #42 both as
  // counted and as "Unverified" (the returned ledger kept the copy read before the write).
  it("right after the real pull request lands, the goal issue no longer lists its forged copy as unverified", async () => {
    const h = await forgedInAdvance(undefined);
    await h.deliver(featureMerged(42, { mergedAt: "2026-10-05T16:00:00Z" }));
    expect(h.ledger("alice")?.counted.map((i) => i.key)).toContain("PR_acme_web_42");
    expect(goalIssue(h, "alice")).not.toContain("Unverified");
  });
});

describe("an unverified item's link", () => {
  it("is shown as text, never as a link someone could have typed", async () => {
    const { harness } = await import("../support/harness.js");
    const { featureMerged } = await import("../support/events.js");
    const { typedLedgerFile, typedPullRequest } = await import("../support/typed.js");
    const forged = typedLedgerFile(
      typedPullRequest({
        key: "FORGED_LINK",
        title: "feat: look here",
        url: "https://evil.example.com/login",
        number: 4242,
      }),
    );
    const h = await harness({ files: { "people/alice/evidence/2026-Q4/2026-10-04.yml": forged } });
    await h.deliver(featureMerged(1));
    const body = h.goalIssues("alice")[0]?.body ?? "";
    expect(body).toContain("Unverified");
    expect(body).toContain("acme/web#4242");
    expect(body).not.toContain("evil.example.com");
  });
});
