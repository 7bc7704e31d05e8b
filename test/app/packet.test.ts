/**
 * The promotion packet through the in-memory GitHub: evidence over three quarters, the packet asked
 * for (twice, and redelivered), its reviewers and readiness check, verification of every counted item,
 * and what merging it (or closing it without merging) does, through the use-cases directly
 * (test/app/promotion.test.ts drives the same through the app's `/promote` and `pull_request.closed`).
 */
import { describe, expect, it } from "vitest";
import { type EvidenceItem, evidenceRef } from "../../src/domain/evidence.js";
import { serializeShard } from "../../src/domain/ledger.js";
import { signer } from "../../src/domain/signature.js";
import type { GitHub } from "../../src/github/types.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import type { UseCaseContext } from "../../src/usecases/context.js";
import {
  type ClosedPullRequest,
  onPacketClosed,
  openOrRefreshPacket,
  type PacketOutcome,
  refreshOpenPacket,
} from "../../src/usecases/promotion-packet.js";
import { commentCreated } from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";
import {
  BOB,
  BRANCH,
  credits,
  fullQuarter,
  incident,
  PACKET,
  packetPulls,
  profileOf,
  readiness,
  story,
} from "../support/promotion.js";
import { useCaseContext } from "../support/usecase.js";

const opened = (o: PacketOutcome) => {
  if (o.status === "refused" || o.status === "dry-run") throw new Error(`packet not opened: ${o.status}`);
  return o;
};

const merge = async (
  h: Harness,
  ctx: UseCaseContext,
  number: number,
  at: string,
): Promise<ClosedPullRequest> => {
  h.sandbox.clock.set(Date.parse(at));
  await ctx.github.rest.pulls.merge({
    owner: "acme",
    repo: "careers",
    pull_number: number,
    merge_method: "squash",
  });
  const pr = packetPulls(h).find((p) => p.number === number);
  return closedPayload(number, pr?.mergedAt ?? null);
};

const closedPayload = (number: number, mergedAt: string | null, head = BRANCH): ClosedPullRequest => ({
  repository: { name: "careers", owner: { login: "acme" } },
  sender: { login: "dana" },
  pull_request: {
    number,
    html_url: `https://github.com/acme/careers/pull/${number}`,
    merged_at: mergedAt,
    merged_by: mergedAt ? { login: "dana" } : null,
    head: { ref: head },
    base: { ref: "main" },
  },
});

const goalIssue = (h: Harness, login: string, title: string) =>
  h.goalIssues(login).filter((i) => i.title === title);

/** Writes a file on the career repo's default branch, as someone editing it by hand would. */
const handEdit = async (github: GitHub, path: string, text: string) => {
  const existing = await github.rest.repos
    .getContent({ owner: "acme", repo: "careers", path })
    .then(({ data }) => data)
    .catch(() => undefined);
  const sha = existing && !Array.isArray(existing) && existing.type === "file" ? existing.sha : undefined;
  await github.rest.repos.createOrUpdateFileContents({
    owner: "acme",
    repo: "careers",
    path,
    message: "hand edit",
    content: Buffer.from(text).toString("base64"),
    ...(sha ? { sha } : {}),
  });
};

describe("the promotion packet, end to end", () => {
  it("evidence over three quarters → asked twice and redelivered → one packet with reviewers and a passing check → merge promotes and credits", async () => {
    const h = await story();
    expect(goalIssue(h, "bob", "2026-Q4 goals: bob (IC1 → IC2)")).toHaveLength(1);
    const ctx = await useCaseContext(h, "promote-1");

    const first = opened(await openOrRefreshPacket(ctx, "bob", { requestedBy: "bob" }));
    const second = opened(await openOrRefreshPacket(ctx, "bob", { requestedBy: "dana" }));
    const redelivered = opened(
      await openOrRefreshPacket(await useCaseContext(h, "promote-1"), "bob", { requestedBy: "bob" }),
    );
    expect([first.status, first.ready]).toEqual(["opened", true]);
    expect(second.number).toBe(first.number);
    expect(redelivered.number).toBe(first.number);

    const pulls = packetPulls(h);
    expect(pulls).toHaveLength(1);
    const pull = pulls[0];
    expect(pull?.state).toBe("open");
    expect(pull?.title).toBe("Promotion packet: bob IC1 → IC2");
    expect(pull?.labels).toEqual(["rungs: promotion"]);
    expect(pull?.requestedReviewers).toEqual(["dana", "erin"]);
    expect(readiness(h, pull?.headSha ?? "")).toMatchObject({
      conclusion: "success",
      output: { title: "Ready for IC2" },
    });

    const packet = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    expect(packet).toContain(
      "**Verdict:** Ready for IC2: every criterion met in 3 of the last 3 quarters (2 needed).",
    );
    // 10 items a quarter (5 incidents, 3 reviews, a PR, a spec), every one checked against GitHub.
    expect(packet).toContain("30 of 30 items verified against GitHub");
    expect(packet).toMatch(
      /\| Debug production issues independently.*\| ✅ met · 5 \| ✅ met · 5 \| ✅ met · 5 \| ≥ 5 \|/,
    );
    expect(packet).toContain("xychart-beta");
    expect(packet).toContain("- [ ] You design solutions.");
    expect(h.sandbox.readFile(CAREER, PACKET)).toBeUndefined(); // only on the branch until merged

    const closed = await merge(h, ctx, first.number, "2026-12-01T10:00:00Z");
    const outcome = await onPacketClosed(ctx, closed);
    expect(outcome).toMatchObject({
      status: "promoted",
      from: "IC1",
      to: "IC2",
      since: "2026-12-01",
      profile: "written",
    });
    // A redelivered merge changes nothing more.
    expect(await onPacketClosed(await useCaseContext(h, "merge-again"), closed)).toMatchObject({
      status: "promoted",
      profile: "unchanged",
    });

    const { text, profile } = profileOf(h, "bob");
    expect([profile.level, profile.since, profile.name, profile.mentor, profile.notes]).toEqual([
      "IC2",
      "2026-12-01",
      "Bob Brown",
      "carol",
      "Web team.",
    ]);
    expect(profile.history).toEqual([
      { level: "IC0", since: "2025-01-06" },
      { level: "IC1", since: "2026-04-01" },
    ]);
    expect(text).toContain("  - { level: IC0, since: 2025-01-06 }\n  - { level: IC1, since: 2026-04-01 }\n");
    expect(h.sandbox.readFile(CAREER, PACKET)).toContain("Ready for IC2");

    const old = goalIssue(h, "bob", "2026-Q4 goals: bob (IC1 → IC2)");
    expect(old.map((i) => i.state)).toEqual(["closed"]);
    expect(old[0]?.comments.at(-1)?.body).toMatch(
      /^Promoted to IC2 on 2026-12-01 by merging the promotion packet #\d+\. These IC1 goals end here; bob's IC2 goals for 2026-Q4 continue in #\d+\.$/,
    );
    const now = goalIssue(h, "bob", "2026-Q4 goals: bob (IC2 → IC3)");
    expect(now.map((i) => i.state)).toEqual(["open"]);
    expect(h.ledger("bob")?.goal_issue).toBe(now[0]?.number);

    // Credited once each, whatever the redelivery: the mentor for a mentee, the manager for a report.
    expect(credits(h, "carol").map((i) => [i.criterion, i.title])).toEqual([
      ["engineers-leveled-up", "bob (mentee) promoted IC1 → IC2"],
    ]);
    expect(credits(h, "dana").map((i) => i.criterion)).toEqual(["reports-leveled-up"]);
    // The manager's own criterion counts the promotion from the profile's history.
    const dana = h.goalIssues("dana").find((i) => i.title.startsWith("2026-Q4"))?.body ?? "";
    expect(dana.split("\n").find((l) => l.includes("`reports-leveled-up`"))).toContain("| 1 | ≥ 2 |");
  });
});

describe("a packet that is not ready", () => {
  it("shows a neutral check naming each missing criterion and where it fell short", async () => {
    const h = await harness({ files: { "people/bob/profile.md": BOB } });
    for (const d of fullQuarter("2026-11", 300, 3).filter(
      (d) => d.name === "issues" && !String((d.payload.issue as { title: string }).title).startsWith("Spec"),
    ))
      await h.deliver(d);
    const ctx = await useCaseContext(h);
    const o = opened(await openOrRefreshPacket(ctx, "bob"));
    expect(o.ready).toBe(false);
    const run = readiness(h, o.headSha);
    expect(run?.conclusion).toBe("neutral");
    expect(run?.output?.title).toBe("Not ready for IC2 yet");
    const summary = run?.output?.summary ?? "";
    expect(summary).toContain(
      "- `feature-spec-to-launch` Own a feature from spec to launch: short in 2026-Q4 (0, needs ≥ 1)",
    );
    expect(summary).toContain("- `independent-incidents`");
    expect(summary).toContain("short in 2026-Q4 (3, needs ≥ 5)");
    expect(summary).toContain("- `mentor-intern`");
    expect(o.verdict.missing.map((m) => m.id)).toEqual([
      "feature-spec-to-launch",
      "independent-incidents",
      "mentor-intern",
    ]);
    expect(packetPulls(h)[0]?.labels).toEqual(["rungs: promotion"]);

    // New evidence re-runs the open packet's check: two more incidents leave one criterion fewer missing.
    for (const d of [
      incident(390, ["bob"], "2026-11-22T10:00:00Z"),
      incident(391, ["bob"], "2026-11-23T10:00:00Z"),
    ])
      await h.deliver(d);
    // The deliveries refreshed it already (the open packet is recorded with bob's quarter): asking again changes nothing.
    const again = await refreshOpenPacket(await useCaseContext(h), "bob");
    if (again.status !== "unchanged") throw new Error(again.status);
    expect(again.number).toBe(o.number);
    expect(again.verdict.missing.map((m) => m.id)).toEqual(["feature-spec-to-launch", "mentor-intern"]);
    expect(readiness(h, again.headSha)?.output?.summary).not.toContain("`independent-incidents`");
  });

  it("is not opened by a refresh when nobody asked for one", async () => {
    const h = await story();
    expect(await refreshOpenPacket(await useCaseContext(h), "bob")).toEqual({ status: "no-packet" });
    expect(h.sandbox.pulls(CAREER)).toEqual([]);
  });
});

describe("verification against GitHub", () => {
  /** A signed incident in bob's ledger that points at an issue assigned to carol: the signature holds, the claim does not. */
  const forged = (number: number): EvidenceItem => ({
    kind: "issue",
    key: `I_acme_web_${number}:bob`,
    at: "2026-08-06T10:00:00Z",
    title: `Outage ${number}`,
    url: `https://github.com/acme/web/issues/${number}`,
    provenance: { source: "observed", recorded_at: "2026-08-06T10:00:00Z" },
    repo: "acme/web",
    number,
    labels: ["incident"],
    class: "incident",
    escalated: false,
    linked_prs: 0,
    assignees: 1,
  });

  it("fails an item that points at someone else's work, leaves it out of readiness, and lists an unsigned one as not counted", async () => {
    const h = await harness({
      files: { "people/bob/profile.md": BOB.replace("since: 2026-04-01", "since: 2026-07-01") },
    });
    // Q3: four real incidents (one short); Q4: everything.
    for (const d of [
      ...fullQuarter("2026-08", 200, 4),
      ...fullQuarter("2026-11", 300),
      incident(250, ["carol"], "2026-08-06T10:00:00Z"),
    ])
      await h.deliver(d);
    const sign = signer(SIMULATE_SIGNING_KEY);
    const unsigned = { ...forged(251), key: "I_acme_web_251:bob", number: 251, title: "Typed by hand" };
    const ctx = await useCaseContext(h);
    await handEdit(
      ctx.github,
      "people/bob/evidence/2026-Q3/2026-08-06.yml",
      serializeShard(
        { login: "bob", quarter: "2026-Q3", items: [sign.sign(forged(250), "bob", "2026-Q3"), unsigned] },
        "2026-08-06",
      ),
    );
    // Without the check it would count: five incidents in Q3, so ready.
    expect(
      h.ledger("bob", "2026-Q3")?.counted.filter((i) => i.kind === "issue" && i.class === "incident"),
    ).toHaveLength(5);

    const o = opened(await openOrRefreshPacket(ctx, "bob"));
    expect(o.ready).toBe(false);
    expect(o.verdict.missing.map((m) => [m.id, m.short])).toEqual([
      ["independent-incidents", [{ quarter: "2026-Q3", value: 4, target: "≥ 5" }]],
    ]);
    const packet = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    expect(packet).toContain("19 of 20 items verified against GitHub");
    expect(packet).toContain("- 2026-Q3 · acme/web#250 Outage 250 · neither opened by nor assigned to bob");
    expect(packet).toMatch(/acme\/web#251.*Typed by hand.*unverified: not as Rungs wrote it/);
    const run = readiness(h, o.headSha);
    expect(run?.conclusion).toBe("neutral");
    expect(run?.output?.summary).toContain(
      "Not ready for IC2 yet: every criterion met in 1 of the last 3 quarters (2 needed; 2026-Q4 met, 2026-Q3 not met, 2026-Q2 before IC1).",
    );
    expect(run?.output?.summary).toContain("- acme/web\\#250: neither opened by nor assigned to bob");
  });
});

describe("verification of confirmations", () => {
  it("counts a confirmation written by the manager, and fails one by someone not allowed to confirm or whose comment is gone", async () => {
    const h = await story();
    const goal = h.goalIssues("bob").find((i) => i.title.startsWith("2026-Q4")) ?? { number: 0, body: "" };
    const commentBy = (author: string, commentId: number, body: string) =>
      h.sandbox.applyEvent(
        "issue_comment",
        commentCreated({
          issue: { number: goal.number, body: goal.body, labels: ["rungs: goals"], assignees: ["bob"] },
          commentId,
          author,
          body,
          createdAt: "2026-11-25T10:00:00Z",
        }).payload,
      );
    commentBy("dana", 7001, `/confirm ${evidenceRef({ key: "by-manager" })}`);
    commentBy("alice", 7002, `/confirm ${evidenceRef({ key: "by-intern" })}`);
    // The manager's comment, but about something else: it confirms nothing of this item.
    commentBy("dana", 7003, "Looks good to me.");
    const confirmed = (key: string, commentId: number): EvidenceItem => ({
      kind: "manual",
      key,
      at: "2026-11-25T09:00:00Z",
      title: `Runbook ${key}`,
      url: "https://github.com/acme/web/wiki/runbook",
      provenance: { source: "added", by: "bob", recorded_at: "2026-11-25T09:00:00Z" },
      criterion: "independent-incidents",
      confirmed: {
        by: "dana",
        at: "2026-11-25T10:00:00Z",
        url: `https://github.com/acme/careers/issues/${goal.number}#issuecomment-${commentId}`,
      },
    });
    const sign = signer(SIMULATE_SIGNING_KEY);
    const ctx = await useCaseContext(h);
    await handEdit(
      ctx.github,
      "people/bob/evidence/2026-Q4/2026-11-25.yml",
      serializeShard(
        {
          login: "bob",
          quarter: "2026-Q4",
          items: [
            sign.sign(confirmed("by-manager", 7001), "bob", "2026-Q4"),
            sign.sign(confirmed("by-intern", 7002), "bob", "2026-Q4"),
            sign.sign(confirmed("comment-gone", 7999), "bob", "2026-Q4"),
            sign.sign(confirmed("pointed-elsewhere", 7003), "bob", "2026-Q4"),
          ],
        },
        "2026-11-25",
      ),
    );
    opened(await openOrRefreshPacket(ctx, "bob"));
    const packet = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    expect(packet).toContain("31 of 34 items verified against GitHub");
    expect(packet).toContain(
      "- 2026-Q4 · by-intern Runbook by-intern · confirmed by alice, who may not confirm bob's evidence",
    );
    expect(packet).toContain(
      "- 2026-Q4 · comment-gone Runbook comment-gone · the confirmation comment was not found",
    );
    expect(packet).toContain(
      "- 2026-Q4 · pointed-elsewhere Runbook pointed-elsewhere · the confirmation comment does not confirm this item",
    );
    expect(packet).not.toMatch(/by-manager Runbook by-manager ·/);
  });
});

describe("targets", () => {
  it("refuses a target that is not next, naming the valid one, and opens nothing", async () => {
    const h = await story();
    const o = await openOrRefreshPacket(await useCaseContext(h), "bob", { target: "IC3" });
    expect(o).toEqual({
      status: "refused",
      message: "IC3 is not a valid target from IC1: the next level is IC2",
      valid: ["IC2"],
    });
    expect(h.sandbox.pulls(CAREER)).toEqual([]);
  });

  it("labels a track change (IC4 → M1) a role change, and asks for it by name", async () => {
    const h = await harness({
      files: {
        "people/ivy/profile.md": "---\nname: Ivy Ito\nlevel: IC4\nmanager: erin\nsince: 2024-01-01\n---\n",
      },
    });
    const ctx = await useCaseContext(h);
    expect(await openOrRefreshPacket(ctx, "ivy")).toEqual({
      status: "refused",
      message: "IC4 is the top of its track; a role change may go to M1: name the target",
      valid: ["M1"],
    });
    const o = opened(await openOrRefreshPacket(ctx, "ivy", { target: "M1" }));
    const pull = packetPulls(h, "rungs/promotion/ivy/M1")[0];
    expect([pull?.title, pull?.labels, pull?.requestedReviewers]).toEqual([
      "Role change: ivy IC4 → M1",
      ["rungs: role change"],
      ["erin"],
    ]);
    expect(readiness(h, o.headSha)?.conclusion).toBe("neutral");
    expect(h.sandbox.readFile(CAREER, "people/ivy/promotions/M1.md", "rungs/promotion/ivy/M1")).toContain(
      "changes track: a **role change**, not a promotion",
    );
  });

  it("opens a packet for someone with no manager and asks an admin in its body", async () => {
    const h = await harness({ files: { ".github/rungs.yml": "admins:\n  users: [root]\n" } });
    const o = opened(await openOrRefreshPacket(await useCaseContext(h), "erin"));
    const pull = packetPulls(h, "rungs/promotion/erin/M3")[0];
    expect(pull?.requestedReviewers).toEqual([]);
    expect(pull?.body).toContain(
      "**No manager in the profile:** @root, please review this packet and assign reviewers.",
    );
    expect(o.status).toBe("opened");
  });
});

describe("people's sections and hand edits", () => {
  it("keeps the self-review and manager's notes through a refresh", async () => {
    const h = await story();
    const ctx = await useCaseContext(h);
    opened(await openOrRefreshPacket(ctx, "bob"));
    const file = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    const edited = file
      .replace(
        /(<!-- rungs:self-review:start -->\n)[\s\S]*?(\n<!-- rungs:self-review:end -->)/,
        "$1I led checkout v2.$2",
      )
      .replace(
        /(<!-- rungs:manager-notes:start -->\n)[\s\S]*?(\n<!-- rungs:manager-notes:end -->)/,
        "$1- [x] Strong quarter.$2",
      );
    const { data } = await ctx.github.rest.repos.getContent({
      owner: "acme",
      repo: "careers",
      path: PACKET,
      ref: BRANCH,
    });
    await ctx.github.rest.repos.createOrUpdateFileContents({
      owner: "acme",
      repo: "careers",
      path: PACKET,
      branch: BRANCH,
      message: "self-review",
      content: Buffer.from(edited.replace("30 of 30", "3 of 30")).toString("base64"),
      sha: !Array.isArray(data) && data.type === "file" ? data.sha : "",
    });
    expect((await openOrRefreshPacket(ctx, "bob")).status).toBe("updated");
    const after = h.sandbox.readFile(CAREER, PACKET, BRANCH) ?? "";
    expect(after).toContain(
      "<!-- rungs:self-review:start -->\nI led checkout v2.\n<!-- rungs:self-review:end -->",
    );
    expect(after).toContain(
      "<!-- rungs:manager-notes:start -->\n- [x] Strong quarter.\n<!-- rungs:manager-notes:end -->",
    );
    expect(after).toContain("30 of 30 items verified"); // the rest is regenerated
  });

  it("never reverts a hand edit to the profile made while the packet was open", async () => {
    const h = await story();
    const ctx = await useCaseContext(h);
    const o = opened(await openOrRefreshPacket(ctx, "bob"));
    const edited = BOB.replace("name: Bob Brown", "name: Robert Brown # renamed\npronouns-note: he").replace(
      "pronouns-note: he\n",
      "",
    );
    await handEdit(ctx.github, "people/bob/profile.md", edited);
    const closed = await merge(h, ctx, o.number, "2026-12-02T10:00:00Z");
    expect(await onPacketClosed(ctx, closed)).toMatchObject({ status: "promoted", profile: "written" });
    const { text, profile } = profileOf(h, "bob");
    expect([profile.name, profile.level, profile.since]).toEqual(["Robert Brown", "IC2", "2026-12-02"]);
    expect(text).toContain("name: Robert Brown # renamed\n");
  });

  it("leaves a profile already moved by hand as it is, and promotes nothing over it", async () => {
    const h = await story();
    const ctx = await useCaseContext(h);
    const o = opened(await openOrRefreshPacket(ctx, "bob"));
    const byHand = BOB.replace("level: IC1", "level: IC0");
    await handEdit(ctx.github, "people/bob/profile.md", byHand);
    const closed = await merge(h, ctx, o.number, "2026-12-02T10:00:00Z");
    expect(await onPacketClosed(ctx, closed)).toEqual({
      status: "refused",
      reason: "IC2 is not a valid target from IC0: the next level is IC1",
    });
    expect(h.sandbox.readFile(CAREER, "people/bob/profile.md")).toBe(byHand);
    expect(credits(h, "dana")).toEqual([]);
  });
});

describe("closed without merging", () => {
  it("changes nothing, and asking again reopens the same pull request", async () => {
    const h = await story();
    const ctx = await useCaseContext(h);
    const o = opened(await openOrRefreshPacket(ctx, "bob"));
    await ctx.github.rest.pulls.update({
      owner: "acme",
      repo: "careers",
      pull_number: o.number,
      state: "closed",
    });
    const before = h.state();
    expect(await onPacketClosed(ctx, closedPayload(o.number, null))).toEqual({ status: "closed-unmerged" });
    expect(h.state()).toEqual(before);
    expect(profileOf(h, "bob").profile.level).toBe("IC1");

    const again = opened(await openOrRefreshPacket(ctx, "bob"));
    expect([again.status, again.number]).toEqual(["reopened", o.number]);
    expect(packetPulls(h).map((p) => p.state)).toEqual(["open"]);
  });

  it("ignores pull requests that are not packets", async () => {
    const h = await story();
    const ctx = await useCaseContext(h);
    expect(await onPacketClosed(ctx, closedPayload(1, "2026-12-01T10:00:00Z", "topic-1"))).toEqual({
      status: "ignored",
      reason: "not a promotion packet branch",
    });
  });
});
