/**
 * People in the loop: commands in comments on a goal issue, and focus ticked in it, driven through the
 * real app with GitHub's published `issue_comment` and `issues.edited` payloads against the sandbox.
 */
import { describe, expect, it } from "vitest";
import { evidenceRef } from "../../src/domain/evidence.js";
import {
  type CommentSpec,
  commentCreated,
  commentDeleted,
  commentEdited,
  issueEdited,
  prMerged,
} from "../support/events.js";
import { CAREER, type Harness, harness } from "../support/harness.js";
import { reportJson, reportOf } from "../support/report.js";

const LINK = "https://docs.acme.example/checkout-latency";

/** Carol (IC2, manager dana, skip-level erin who is also an admin) with a goal issue opened by a merged PR. */
const withGoalIssue = async (opts: Parameters<typeof harness>[0] = {}) => {
  const h = await harness(opts);
  await h.deliver(
    prMerged({
      number: 1,
      author: "carol",
      title: "feat: faster checkout",
      labels: ["feature"],
      createdAt: "2026-10-05T09:00:00Z",
      mergedAt: "2026-10-05T15:00:00Z",
      repo: "payments",
    }),
  );
  return h;
};

const goalIssue = (h: Harness, login = "carol") => {
  const issue = h.goalIssues(login)[0];
  if (!issue) throw new Error(`no goal issue for ${login}`);
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    assignees: issue.assignees,
  };
};

let nextId = 9000;
/** A comment on carol's goal issue; the same `commentId` is the same comment. */
const say = async (
  h: Harness,
  author: string,
  body: string,
  over: Partial<CommentSpec> = {},
): Promise<CommentSpec> => {
  const spec: CommentSpec = {
    issue: goalIssue(h),
    commentId: nextId++,
    author,
    body,
    createdAt: "2026-10-20T10:00:00Z",
    ...over,
  };
  await h.deliver(commentCreated(spec));
  return spec;
};

const commentOf = (h: Harness, id: number) =>
  h.sandbox
    .issues(CAREER)
    .flatMap((i) => i.comments)
    .find((c) => c.id === id);

const reactionsOn = (h: Harness, id: number) =>
  (commentOf(h, id)?.reactions ?? []).filter((r) => r.author === "rungs[bot]").map((r) => r.content);

const replies = (h: Harness, id: number) =>
  h.sandbox
    .issues(CAREER)
    .flatMap((i) => i.comments)
    .filter((c) => c.author === "rungs[bot]" && c.body.includes(`rungs:reply comment=${id} `))
    .map((c) => c.body);

const manual = (h: Harness) => (h.ledger("carol")?.items ?? []).filter((i) => i.kind === "manual");
const counted = (h: Harness) => (h.ledger("carol")?.counted ?? []).filter((i) => i.kind === "manual");

describe("commands on a goal issue", () => {
  it("/evidence by the engineer is a claim; the manager's /confirm makes it count, recorded with the comment", async () => {
    const h = await withGoalIssue();
    const claim = await say(h, "carol", `/evidence metric-impact-project ${LINK} p95 down 30%`);
    expect(reactionsOn(h, claim.commentId)).toEqual(["eyes", "+1"]);
    const [item] = manual(h);
    expect(item).toMatchObject({
      criterion: "metric-impact-project",
      url: LINK,
      title: "p95 down 30%",
      provenance: { source: "added", by: "carol" },
    });
    expect(counted(h)).toEqual([]);
    const ref = evidenceRef(item ?? { key: "" });
    expect(goalIssue(h).body).toContain(`\`${ref}\``);
    expect(goalIssue(h).body).toMatch(/Claimed, awaiting confirmation/);

    const confirm = await say(h, "dana", `/confirm ${ref}`);
    expect(reactionsOn(h, confirm.commentId)).toEqual(["eyes", "+1"]);
    const [confirmed] = counted(h);
    expect(confirmed).toMatchObject({
      key: item?.key,
      confirmed: {
        by: "dana",
        comment: confirm.commentId,
        url: `https://github.com/acme/careers/issues/${goalIssue(h).number}#issuecomment-${confirm.commentId}`,
      },
    });
    expect(goalIssue(h).body).not.toMatch(/Claimed, awaiting confirmation/);
  });

  it("/evidence by the manager or an admin is confirmed at once", async () => {
    const h = await withGoalIssue();
    await say(h, "dana", `/evidence product-influence https://docs.acme.example/roadmap shaped Q1 roadmap`);
    await say(h, "erin", `/evidence metric-impact-project ${LINK}`);
    expect(counted(h).map((i) => (i.kind === "manual" ? [i.criterion, i.confirmed?.by] : []))).toEqual(
      expect.arrayContaining([
        ["product-influence", "dana"],
        ["metric-impact-project", "erin"],
      ]),
    );
  });

  it("the engineer cannot confirm their own claim; an outsider gets one polite reply and nothing is written", async () => {
    const h = await withGoalIssue();
    await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    const own = await say(h, "carol", `/confirm ${ref}`);
    expect(counted(h)).toEqual([]);
    expect(reactionsOn(h, own.commentId)).toEqual(["confused"]);
    expect(replies(h, own.commentId).join()).toMatch(
      /is for the engineer's manager, skip-level manager or an admin/,
    );

    const before = h.state().files;
    const writes = h.sandbox.requests.filter((r) => r.mutating).length;
    const outsider = await say(h, "mallory", `/exclude https://github.com/acme/payments/pull/1 not real`);
    await h.deliver(commentCreated({ ...outsider, id: "outsider-again" }));
    expect(h.state().files).toEqual(before);
    expect(replies(h, outsider.commentId)).toHaveLength(1);
    expect(replies(h, outsider.commentId)[0]).toMatch(/for carol, their manager/);
    expect(replies(h, outsider.commentId)[0]).not.toContain("@");
    expect(h.sandbox.requests.filter((r) => r.mutating).length).toBe(writes + 1);
  });

  it("/reject needs a reason and is shown with it; a later /confirm overrides it", async () => {
    const h = await withGoalIssue();
    await say(h, "carol", `/evidence product-influence https://docs.acme.example/rfc`);
    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    const bare = await say(h, "dana", `/reject ${ref}`);
    expect(replies(h, bare.commentId).join()).toMatch(/a reason is required/);
    await say(h, "dana", `/reject ${ref} this RFC was not adopted`, { createdAt: "2026-10-21T10:00:00Z" });
    expect(manual(h)[0]).toMatchObject({ rejected: { by: "dana", reason: "this RFC was not adopted" } });
    expect(goalIssue(h).body).toMatch(
      /Rejected \(1, not counted\)[\s\S]*rejected by dana: this RFC was not adopted/,
    );
    await say(h, "erin", `/confirm ${ref}`, { createdAt: "2026-10-22T10:00:00Z" });
    expect(counted(h)).toHaveLength(1);
    expect(manual(h)[0]).not.toHaveProperty("rejected");
  });

  it("/exclude takes an automatic item out of the count with who and why; /include puts it back", async () => {
    const h = await withGoalIssue();
    const pr = "https://github.com/acme/payments/pull/1";
    const countedPrs = () => (h.ledger("carol")?.counted ?? []).filter((i) => i.kind === "pull_request");
    expect(countedPrs()).toHaveLength(1);
    await say(h, "dana", `/exclude ${pr} reverted the next day`);
    expect(countedPrs()).toHaveLength(0);
    const excluded = (h.ledger("carol")?.items ?? []).find((i) => i.kind === "pull_request");
    expect(excluded?.excluded).toMatchObject({ by: "dana", reason: "reverted the next day" });
    expect(goalIssue(h).body).toMatch(
      /Excluded \(1, not counted\)[\s\S]*excluded by dana: reverted the next day/,
    );
    // The engineer may not put back what a manager took out.
    const back = await say(h, "carol", `/include ${evidenceRef(excluded ?? { key: "" })}`, {
      createdAt: "2026-10-21T10:00:00Z",
    });
    expect(countedPrs()).toHaveLength(0);
    expect(replies(h, back.commentId).join()).toMatch(
      /excluded by dana; only their manager, skip-level or an admin may include it again/,
    );
    await say(h, "dana", `/include ${pr}`, { createdAt: "2026-10-22T10:00:00Z" });
    expect(countedPrs()).toHaveLength(1);
  });

  it("answers exactly what was wrong: an unknown criterion with the valid ids, a link that is not one, an unknown ref", async () => {
    const h = await withGoalIssue();
    const c = await say(
      h,
      "carol",
      [
        "/evidence mentoring https://x.example",
        "/evidence product-influence not-a-link",
        "/evidence architecture-decisions https://x.example/adr",
        "/confirm abc123",
        "/exclude ffffff because",
      ].join("\n"),
    );
    const [reply] = replies(h, c.commentId);
    expect(reply).toMatch(
      /line 1: `mentoring` is not a criterion on carol's path \(IC2 → IC3\); evidence can be added for: `metric-impact-project`, `product-influence`/,
    );
    expect(reply).toMatch(/line 2: `not-a-link` is not a link/);
    expect(reply).toMatch(/line 3: `architecture-decisions` is measured from GitHub automatically/);
    expect(reply).toMatch(/line 4: .*is for the engineer's manager/);
    expect(reply).toMatch(
      /line 5: nothing in carol's 2026-Q4 evidence is `ffffff`.*refs are the short codes/,
    );
    expect(reactionsOn(h, c.commentId)).toEqual(["confused"]);
    expect(manual(h)).toEqual([]);
  });

  it("commands in a code block or a quote are not run; prose is not answered", async () => {
    const h = await withGoalIssue();
    const c = await say(
      h,
      "dana",
      [
        "To add evidence, write:",
        "```",
        `/evidence product-influence ${LINK}`,
        "```",
        `> /evidence metric-impact-project ${LINK}`,
      ].join("\n"),
    );
    expect(manual(h)).toEqual([]);
    expect(reactionsOn(h, c.commentId)).toEqual([]);
    expect(replies(h, c.commentId)).toEqual([]);
  });

  it("a redelivered command is a no-op; an edit replaces its effect; a deletion undoes it and says so", async () => {
    const h = await withGoalIssue();
    const c = await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    const after = h.state().files;
    const writes = h.sandbox.requests.filter((r) => r.mutating).length;
    await h.deliver(commentCreated({ ...c, id: "redelivered" }));
    expect(h.state().files).toEqual(after);
    // Nothing rewritten: only the 👍 is said again (GitHub keeps one per person and content).
    expect(
      h.sandbox.requests
        .slice()
        .filter((r) => r.mutating)
        .slice(writes)
        .map((r) => r.route),
    ).toEqual(["POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"]);

    // The edit changes the link: the old claim goes, the new one is a fresh claim.
    const edited = {
      ...c,
      body: `/evidence metric-impact-project ${LINK}-v2`,
      updatedAt: "2026-10-20T11:00:00Z",
      from: c.body,
    };
    h.sandbox.applyEvent("issue_comment", commentEdited(edited).payload);
    await h.deliver(commentEdited(edited));
    expect(manual(h).map((i) => i.url)).toEqual([`${LINK}-v2`]);

    await h.deliver(commentDeleted({ ...edited }));
    expect(manual(h)).toEqual([]);
    const undone = h.sandbox
      .issues(CAREER)
      .flatMap((i) => i.comments)
      .filter(
        (x) => x.author === "rungs[bot]" && /was deleted, so what it no longer says was undone/.test(x.body),
      );
    expect(undone).toHaveLength(1);
  });

  it("a confirmation is of what the claim said: editing its note or its link makes it a claim again", async () => {
    const h = await withGoalIssue();
    const c = await say(h, "carol", `/evidence metric-impact-project ${LINK} first note`);
    await say(h, "dana", `/confirm ${evidenceRef(manual(h)[0] ?? { key: "" })}`);
    expect(counted(h).map((i) => i.title)).toEqual(["first note"]);
    // A redelivery of the claim keeps the confirmation: it says the same.
    await h.deliver(commentCreated({ ...c, id: "claim-again" }));
    expect(counted(h).map((i) => i.title)).toEqual(["first note"]);
    const note = {
      ...c,
      body: `/evidence metric-impact-project ${LINK} better note`,
      updatedAt: "2026-10-23T09:00:00Z",
      from: c.body,
    };
    h.sandbox.applyEvent("issue_comment", commentEdited(note).payload);
    await h.deliver(commentEdited(note));
    expect(counted(h)).toEqual([]);
    expect(manual(h).map((i) => i.title)).toEqual(["better note"]);
  });

  it("a redelivered /exclude does not undo a later /include", async () => {
    const h = await withGoalIssue();
    const pr = "https://github.com/acme/payments/pull/1";
    const ex = await say(h, "dana", `/exclude ${pr} pairing credit`);
    await say(h, "dana", `/include ${pr}`, { createdAt: "2026-10-25T10:00:00Z" });
    await h.deliver(commentCreated({ ...ex, id: "late-redelivery" }));
    expect((h.ledger("carol")?.counted ?? []).filter((i) => i.kind === "pull_request")).toHaveLength(1);
  });

  it("ignores the app's own comments and other bots, and commands anywhere but a goal issue", async () => {
    const h = await withGoalIssue();
    const bot = await say(h, "deploy-robot[bot]", `/evidence metric-impact-project ${LINK}`, {
      authorType: "Bot",
    });
    const self = await say(h, "rungs[bot]", `/evidence metric-impact-project ${LINK}`, { authorType: "Bot" });
    const elsewhere = await say(h, "dana", `/evidence metric-impact-project ${LINK}`, {
      issue: { number: 77, body: "Just an issue", labels: [] },
    });
    expect(manual(h)).toEqual([]);
    for (const c of [bot, self, elsewhere]) expect(reactionsOn(h, c.commentId)).toEqual([]);
  });

  it("admins by team may confirm; the skip-level may too", async () => {
    const h = await withGoalIssue({
      files: {
        ".github/rungs.yml": "time_zone: Europe/Berlin\nadmins:\n  teams: [people-leads]\n",
      },
    });
    h.sandbox.addTeam("acme", "people-leads", ["frank"]);
    await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    await say(h, "carol", `/evidence product-influence https://docs.acme.example/rfc`);
    const [a, b] = manual(h).map((i) => evidenceRef(i));
    await say(h, "frank", `/confirm ${a}`);
    await say(h, "erin", `/confirm ${b}`);
    expect(
      counted(h)
        .map((i) => (i.kind === "manual" ? i.confirmed?.by : ""))
        .sort(),
    ).toEqual(["erin", "frank"]);
    const stranger = await say(h, "gus", `/confirm ${a}`);
    expect(replies(h, stranger.commentId)).toHaveLength(1);
  });

  it("/focus and ticked checkboxes set the quarter's focus in the goals file, kept across re-renders", async () => {
    const h = await withGoalIssue();
    await say(h, "carol", "/focus metric-impact-project product-influence");
    const goals = () => h.state().files["people/carol/goals/2026-Q4.md"] ?? "";
    expect(goals()).toMatch(/focus: \[ metric-impact-project, product-influence \]/);
    expect(goalIssue(h).body).toMatch(/- \[x\] `metric-impact-project`/);
    expect(goalIssue(h).body).toMatch(/- \[ \] `architecture-decisions`/);

    const ticked = goalIssue(h)
      .body.replace("- [x] `product-influence`", "- [ ] `product-influence`")
      .replace("- [ ] `architecture-decisions`", "- [x] `architecture-decisions`");
    await h.deliver(issueEdited({ issue: { ...goalIssue(h), body: ticked }, editor: "carol" }));
    expect(goals()).toMatch(/focus: \[ metric-impact-project, architecture-decisions \]/);
    // A re-render for new evidence keeps the ticks: they come from the goals file.
    await h.deliver(
      prMerged({
        number: 2,
        author: "carol",
        title: "feat: more",
        labels: ["feature"],
        createdAt: "2026-10-06T09:00:00Z",
        mergedAt: "2026-10-06T15:00:00Z",
        repo: "payments",
      }),
    );
    expect(goalIssue(h).body).toMatch(/- \[x\] `architecture-decisions`/);
    expect(goalIssue(h).body).toMatch(/- \[ \] `product-influence`/);
  });

  it("/rungs help answers with what this person may do here", async () => {
    const h = await withGoalIssue();
    const eng = await say(h, "carol", "/rungs help");
    const mgr = await say(h, "dana", "/rungs help");
    expect(replies(h, eng.commentId)[0]).toMatch(/you are the engineer here/);
    expect(replies(h, eng.commentId)[0]).not.toContain("/confirm");
    expect(replies(h, mgr.commentId)[0]).toMatch(/their manager/);
    expect(replies(h, mgr.commentId)[0]).toContain("/confirm <ref>");
  });

  it("rungs report counts only confirmed manual evidence, leaves excluded items out and lists every decision with its ref", async () => {
    const h = await withGoalIssue();
    await say(h, "carol", `/evidence metric-impact-project ${LINK} p95 down`);
    let json = await reportJson(h, "carol");
    const met = (id: string) => json.criteria.find((c) => c.id === id);
    // A claim alone never meets a criterion measured by people.
    expect(met("metric-impact-project")).toMatchObject({ kind: "manual", value: 0, met: false });
    expect(json.items).toMatchObject({ counted: 1, observed: 1, confirmed: 0, claimed: 1 });

    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    await say(h, "dana", `/confirm ${ref}\n/exclude https://github.com/acme/payments/pull/1 reverted`);
    json = await reportJson(h, "carol");
    expect(met("metric-impact-project")).toMatchObject({ value: 1, met: true });
    expect(json.items).toMatchObject({ counted: 1, observed: 0, confirmed: 1, claimed: 0, excluded: 1 });
    expect(json.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ref, status: "confirmed", criterion: "metric-impact-project", by: "dana" }),
        expect.objectContaining({ status: "excluded", kind: "pull_request", by: "dana", reason: "reverted" }),
      ]),
    );
    const text = await reportOf(h, "carol", "2026-Q4", false);
    expect(text.out).toMatch(
      /evidence: 1 counted \(0 observed, 1 confirmed\) · 0 claimed · 0 rejected · 1 excluded/,
    );
    expect(text.out).toMatch(new RegExp(`${ref}\\s+confirmed\\s+metric-impact-project`));
  });

  it("an admin by login may confirm; /refresh puts back a goal issue someone edited by hand", async () => {
    const h = await withGoalIssue({
      files: { ".github/rungs.yml": "time_zone: Europe/Berlin\nadmins:\n  users: [Frank]\n" },
    });
    await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    const admin = await say(h, "frank", `/confirm ${ref}`);
    expect(reactionsOn(h, admin.commentId)).toEqual(["eyes", "+1"]);
    expect(counted(h)).toHaveLength(1);

    const rendered = goalIssue(h).body;
    h.sandbox.applyEvent(
      "issues",
      issueEdited({ issue: { ...goalIssue(h), body: `${rendered}\n\nI was here` }, editor: "carol" }).payload,
    );
    expect(goalIssue(h).body).toContain("I was here");
    const refresh = await say(h, "carol", "/refresh");
    expect(reactionsOn(h, refresh.commentId)).toEqual(["eyes", "+1"]);
    expect(goalIssue(h).body).toBe(rendered);
  });

  it("an outsider's edit of the goal issue changes no focus and is put back", async () => {
    const h = await withGoalIssue();
    const rendered = goalIssue(h).body;
    const ticked = rendered.replace("- [ ] `product-influence`", "- [x] `product-influence`");
    await h.deliver(issueEdited({ issue: { ...goalIssue(h), body: ticked }, editor: "mallory" }));
    expect(h.state().files["people/carol/goals/2026-Q4.md"]).toBeUndefined();
    expect(goalIssue(h).body).toBe(rendered);
    // The app's own edits are never read as ticks.
    await h.deliver(
      issueEdited({ issue: { ...goalIssue(h), body: ticked }, editor: "rungs[bot]", editorType: "Bot" }),
    );
    expect(h.state().files["people/carol/goals/2026-Q4.md"]).toBeUndefined();
  });

  it("reads a comment only as its author wrote it: an edit by someone else is not read, a stale delivery does not win", async () => {
    const h = await withGoalIssue();
    const c = await say(h, "dana", "Thanks, looking at it.\n/refresh");
    await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    // Carol (who can edit any comment with write access) slips a confirmation into dana's comment.
    const forged = { ...c, body: `/confirm ${ref}`, updatedAt: "2026-10-21T10:00:00Z", from: c.body };
    const edit = commentEdited(forged);
    (edit.payload.sender as { login: string }).login = "carol";
    await h.deliver(edit);
    expect(counted(h)).toEqual([]);
    // A redelivery of the original creation now carries a stale version: it does not act for the new one.
    await h.deliver(commentCreated({ ...c, id: "stale-redelivery" }));
    expect(counted(h)).toEqual([]);
  });

  it("the skip-level alone (no admin) may confirm; the engineer's peer may not", async () => {
    const h = await withGoalIssue({ files: { ".github/rungs.yml": "time_zone: Europe/Berlin\n" } });
    await say(h, "carol", `/evidence metric-impact-project ${LINK}`);
    const ref = evidenceRef(manual(h)[0] ?? { key: "" });
    const peer = await say(h, "bob", `/confirm ${ref}`);
    expect(replies(h, peer.commentId).join()).toMatch(/nothing was changed/);
    expect(counted(h)).toEqual([]);
    await say(h, "erin", `/confirm ${ref}`);
    expect(counted(h).map((i) => (i.kind === "manual" ? i.confirmed?.by : ""))).toEqual(["erin"]);
  });
});
