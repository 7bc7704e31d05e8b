/**
 * The whole promotion story through the app, as people live it: evidence over three quarters, the
 * goal issue suggesting a packet once, `/promote` in comments (twice, and redelivered), one packet pull
 * request with reviewers and a passing readiness check, its merge delivered as `pull_request.closed`.
 */
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { commentCreated, INSTALLATION_ID, prMerged, rawExample } from "../support/events.js";
import { CAREER, type Harness } from "../support/harness.js";
import {
  BRANCH,
  credits,
  fullQuarter,
  PACKET,
  packetPulls,
  profileOf,
  readiness,
  story,
} from "../support/promotion.js";

const q4 = (h: Harness) => {
  const issue = h.goalIssues("bob").find((i) => i.title === "2026-Q4 goals: bob (IC1 → IC2)");
  if (!issue) throw new Error("no 2026-Q4 goal issue for bob");
  return issue;
};

let nextComment = 800_000;
const promote = async (h: Harness, author: string, body = "/promote", id?: string) => {
  const issue = q4(h);
  const spec = {
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      assignees: issue.assignees,
    },
    commentId: nextComment++,
    author,
    body,
    createdAt: "2026-11-25T10:00:00Z",
  };
  const d = commentCreated(id ? { ...spec, id } : spec);
  await h.deliver(d);
  return d;
};

/** GitHub's `pull_request.closed` for the packet as it now stands (merged or not), to the app only. */
const closedDelivery = (h: Harness, number: number, id: string, merger = "dana") => {
  const pull = h.sandbox.pulls(CAREER).find((p) => p.number === number);
  if (!pull) throw new Error(`no pull request #${number}`);
  const payload = rawExample("pull_request", "closed");
  const repository = payload.repository as Record<string, unknown>;
  Object.assign(repository, {
    name: "careers",
    full_name: "acme/careers",
    private: true,
    default_branch: "main",
  });
  Object.assign(repository.owner as Record<string, unknown>, { login: "acme", type: "Organization" });
  payload.installation = { id: INSTALLATION_ID };
  payload.sender = { login: "dana", id: 4, type: "User" };
  Object.assign(payload.pull_request as Record<string, unknown>, {
    number,
    html_url: `https://github.com/acme/careers/pull/${number}`,
    state: "closed",
    merged: pull.mergedAt !== null,
    merged_at: pull.mergedAt,
    merged_by: pull.mergedAt ? { login: merger, id: 4, type: "User" } : null,
    head: { ...((payload.pull_request as Record<string, unknown>).head as object), ref: pull.head },
    base: { ...((payload.pull_request as Record<string, unknown>).base as object), ref: "main" },
    user: { login: "rungs[bot]", id: 1, type: "Bot" },
  });
  return { id, name: "pull_request", payload };
};

const receive = (h: Harness, d: { id: string; name: string; payload: Record<string, unknown> }) =>
  (h.probots[0] as Probot).receive({ id: d.id, name: d.name, payload: d.payload } as Parameters<
    Probot["receive"]
  >[0]);

describe("promotion, through the app", () => {
  it("suggests once, opens one packet for /promote (twice, redelivered), and merging it promotes", async () => {
    const h = await story();
    // Readiness first held at the end of 2026-Q3 (two quarters of two): said there, once, and never again.
    const suggestions = () =>
      h
        .goalIssues("bob")
        .flatMap((i) => i.comments.map((c) => ({ issue: i.title, ...c })))
        .filter((c) => c.author === "rungs[bot]" && c.body.includes("`/promote`"));
    expect(suggestions().map((c) => c.issue)).toEqual(["2026-Q3 goals: bob (IC1 → IC2)"]);
    expect(suggestions()[0]?.body).toMatch(/^bob meets every criterion for IC2 under the readiness rule/);
    for (const d of fullQuarter("2026-12", 400, 1).slice(0, 1)) await h.deliver(d);
    expect(suggestions()).toHaveLength(1);

    const first = await promote(h, "bob");
    await promote(h, "dana", "/promote");
    await h.deliver({ ...first, id: first.id }); // redelivered
    const pulls = packetPulls(h);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull?.requestedReviewers).toEqual(["dana", "erin"]);
    expect(readiness(h, pull?.headSha ?? "")).toMatchObject({ conclusion: "success" });
    // Asked again and redelivered: the same verdict is not listed twice on the commit.
    expect(
      h.sandbox.checkRuns(CAREER).filter((r) => r.name === "Rungs readiness" && r.headSha === pull?.headSha),
    ).toHaveLength(1);
    const replies = q4(h).comments.filter(
      (c) => c.author === "rungs[bot]" && /Promotion packet for IC2/.test(c.body),
    );
    expect(replies.map((c) => c.body.split("\n")[1])).toEqual([
      `Promotion packet for IC2 opened: #${pull?.number}.`,
      expect.stringMatching(
        new RegExp(`^Promotion packet for IC2 (brought )?up to date: #${pull?.number}\\.$`),
      ),
    ]);
    expect(h.sandbox.readFile(CAREER, "people/bob/evidence/2026-Q4.yml")).toMatch(
      new RegExp(`packet:\\n  number: ${pull?.number}\\n  target: IC2`),
    );

    // Merged by the manager on GitHub; the delivery reaches the app (twice).
    h.sandbox.clock.set(Date.parse("2026-12-01T10:00:00Z"));
    const github = await (h.probots[0] as Probot).auth(INSTALLATION_ID);
    await github.rest.pulls.merge({
      owner: "acme",
      repo: "careers",
      pull_number: pull?.number ?? 0,
      merge_method: "squash",
    });
    const merged = closedDelivery(h, pull?.number ?? 0, "packet-merged");
    await receive(h, merged);
    await receive(h, merged);

    expect(profileOf(h, "bob").profile).toMatchObject({ level: "IC2", since: "2026-12-01" });
    expect(q4(h).state).toBe("closed");
    expect(
      h.goalIssues("bob").filter((i) => i.title === "2026-Q4 goals: bob (IC2 → IC3)" && i.state === "open"),
    ).toHaveLength(1);
    expect(credits(h, "carol").map((i) => i.criterion)).toEqual(["engineers-leveled-up"]);
    expect(credits(h, "dana").map((i) => i.criterion)).toEqual(["reports-leveled-up"]);
    expect(h.sandbox.readFile(CAREER, PACKET)).toContain("Ready for IC2");
  });

  it("a not-next target is refused with the valid one; an outsider cannot open a packet", async () => {
    const h = await story();
    const refused = await promote(h, "dana", "/promote IC3");
    const outsider = await promote(h, "mallory");
    expect(packetPulls(h)).toEqual([]);
    const said = (d: typeof refused) =>
      q4(h).comments.filter(
        (c) =>
          c.author === "rungs[bot]" &&
          c.body.includes(`comment=${(d.payload.comment as { id: number }).id} `),
      );
    expect(said(refused)[0]?.body).toMatch(/No promotion packet was opened: .*IC3.*\(valid: `IC2`\)/);
    expect(said(outsider)[0]?.body).toMatch(/nothing was changed/);
  });

  it("new evidence refreshes an open packet; a packet closed without merging changes nothing and is forgotten", async () => {
    const h = await story();
    await promote(h, "dana");
    const pull = packetPulls(h)[0];
    const before = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    for (const d of fullQuarter("2026-12", 500, 1).slice(0, 1)) await h.deliver(d);
    const after = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    expect(after).not.toEqual(before);
    expect(after).toContain("31 of 31 items verified");

    const github = await (h.probots[0] as Probot).auth(INSTALLATION_ID);
    await github.rest.pulls.update({
      owner: "acme",
      repo: "careers",
      pull_number: pull?.number ?? 0,
      state: "closed",
    });
    await receive(h, closedDelivery(h, pull?.number ?? 0, "packet-closed"));
    expect(profileOf(h, "bob").profile.level).toBe("IC1");
    for (const d of fullQuarter("2026-12", 600, 1).slice(0, 1)) await h.deliver(d);
    expect(h.sandbox.readFile(CAREER, "people/bob/evidence/2026-Q4.yml")).not.toMatch(/packet:/);
    expect(h.sandbox.readFile(CAREER, PACKET, BRANCH)).toEqual(after);
  });

  it("promotes only from the packet Rungs opened, merged by someone who judges the engineer", async () => {
    const h = await story();
    const said = (n: number) =>
      h.sandbox
        .pulls(CAREER)
        .find((p) => p.number === n)
        ?.comments.map((c) => c.body) ?? [];
    // The real packet, merged by the engineer themself: refused too.
    await promote(h, "dana");
    const pull = packetPulls(h)[0];
    const github = await (h.probots[0] as Probot).auth(INSTALLATION_ID);
    await github.rest.pulls.merge({ owner: "acme", repo: "careers", pull_number: pull?.number ?? 0 });
    await receive(h, closedDelivery(h, pull?.number ?? 0, "merged-by-bob", "bob"));
    expect(profileOf(h, "bob").profile.level).toBe("IC1");
    expect(said(pull?.number ?? 0).join()).toMatch(
      /merged by bob; only bob's manager, their manager's manager or an admin may promote/,
    );
    // Someone pushes a branch with the packet's name and merges it: not the packet Rungs opened.
    const fake = prMerged({
      repo: "careers",
      number: 90,
      author: "bob",
      title: "Promotion packet: bob IC1 → IC2",
      createdAt: "2026-11-26T09:00:00Z",
      mergedAt: "2026-11-26T10:00:00Z",
    });
    ((fake.payload.pull_request as Record<string, unknown>).head as Record<string, unknown>).ref = BRANCH;
    h.sandbox.applyEvent(fake.name, fake.payload);
    await receive(h, closedDelivery(h, 90, "fake-packet", "bob"));
    expect(profileOf(h, "bob").profile.level).toBe("IC1");
    expect(said(90).join()).toMatch(
      /does not promote bob: \\?#90 is not the promotion packet Rungs opened for bob/,
    );

    expect(credits(h, "carol")).toEqual([]);
  });

  it("a redelivered /promote does not reopen a packet the manager closed", async () => {
    const h = await story();
    const asked = await promote(h, "dana");
    const pull = packetPulls(h)[0];
    const github = await (h.probots[0] as Probot).auth(INSTALLATION_ID);
    await github.rest.pulls.update({
      owner: "acme",
      repo: "careers",
      pull_number: pull?.number ?? 0,
      state: "closed",
    });
    await h.deliver({ ...asked, id: "promote-redelivered" });
    expect(packetPulls(h).map((p) => p.state)).toEqual(["closed"]);
    // Asking again in a new comment reopens the same one.
    await promote(h, "dana");
    expect(packetPulls(h).map((p) => [p.number, p.state])).toEqual([[pull?.number, "open"]]);
  });

  it("/refresh re-runs an open packet's readiness check after the profile changes under it", async () => {
    const h = await story();
    await promote(h, "dana");
    const pull = packetPulls(h)[0];
    const before = h.sandbox.checkRuns(CAREER).filter((r) => r.name === "Rungs readiness").length;
    // Nothing changed: /refresh keeps the same verdict and lists no second check.
    await promote(h, "bob", "/refresh");
    expect(h.sandbox.checkRuns(CAREER).filter((r) => r.name === "Rungs readiness")).toHaveLength(before);
    // New evidence arrives while nobody looks: the packet and its check follow.
    for (const d of fullQuarter("2026-12", 700, 1).slice(0, 1)) await h.deliver(d);
    const head = packetPulls(h)[0]?.headSha ?? "";
    expect(head).not.toBe(pull?.headSha);
    expect(readiness(h, head)).toMatchObject({ conclusion: "success" });
  });
});
