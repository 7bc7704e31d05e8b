import { describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/authorization.js";
import { parseCommands } from "../../src/domain/commands.js";
import { type EvidenceItem, evidenceRef } from "../../src/domain/evidence.js";
import {
  applyComment,
  type CommandScope,
  claimKey,
  type GoalComment,
  type LedgerFileItems,
} from "../../src/domain/goal-commands.js";
import { signer } from "../../src/domain/signature.js";
import { typedPullRequest } from "../support/typed.js";

const s = signer("test-key");
const HEAD = "people/carol/evidence/2026-Q4.yml";
const SHARD = "people/carol/evidence/2026-Q4/2026-10-05.yml";
const LINK = "https://docs.example/impact";

const scope = (roles: Role[]): CommandScope => ({
  login: "carol",
  quarter: "2026-Q4",
  quarterStart: "2026-09-30T22:00:00.000Z",
  quarterEnd: "2026-12-31T22:59:59.999Z",
  level: "IC2",
  next: "IC3",
  criteria: [
    { id: "metric-impact-project", title: "Drive a project that moves a metric", manual: true },
    { id: "product-influence", title: "Influence product direction", manual: true },
    { id: "architecture-decisions", title: "Write design docs", manual: false },
  ],
  roles,
});

const comment = (id: number, author: string, at = "2026-10-20T10:00:00Z"): GoalComment => ({
  id,
  url: `https://github.com/acme/careers/issues/1#issuecomment-${id}`,
  author,
  createdAt: at,
  updatedAt: at,
});

const pr: EvidenceItem = s.sign(
  typedPullRequest({
    key: "PR_1",
    at: "2026-10-05T15:00:00Z",
    title: "feat: one",
    url: "https://github.com/acme/web/pull/1",
    number: 1,
  }),
  "carol",
  "2026-Q4",
);

const files = (head: EvidenceItem[] = [], shard: EvidenceItem[] = [pr]): LedgerFileItems[] => [
  { path: HEAD, items: head },
  { path: SHARD, items: shard },
];

const run = (f: LedgerFileItems[], c: GoalComment, body: string, roles: Role[]) =>
  applyComment(f, c, parseCommands(body), scope(roles), s);

/** The files after an effect: written ones replaced. */
const applied = (f: LedgerFileItems[], e: ReturnType<typeof applyComment>): LedgerFileItems[] =>
  f.map((x) => e.writes.find((w) => w.path === x.path) ?? x);

const trust = (item: EvidenceItem | undefined) => (item ? s.verify(item, "carol", "2026-Q4") : false);

describe("applyComment", () => {
  it("an engineer's /evidence is a signed claim in the head, keyed by comment and link, dated in its quarter", () => {
    const e = run(
      files(),
      comment(5, "carol", "2027-01-02T10:00:00Z"),
      `/evidence metric-impact-project ${LINK} moved p95`,
      ["engineer"],
    );
    expect(e.outcomes).toEqual([{ line: 1, ok: true }]);
    expect(e.writes.map((w) => w.path)).toEqual([HEAD]);
    const [claim] = e.writes[0]?.items ?? [];
    expect(claim).toMatchObject({
      kind: "manual",
      key: claimKey(5, "metric-impact-project", LINK),
      at: "2026-12-31T22:59:59.999Z",
      title: "moved p95",
      provenance: { source: "added", by: "carol", recorded_at: "2027-01-02T10:00:00Z" },
    });
    expect(claim).not.toHaveProperty("confirmed");
    expect(trust(claim)).toBe(true);
    expect(e.refresh).toBe(true);
  });

  it("a claim made before the quarter began is dated at its start; the note defaults to the link", () => {
    const e = run(
      files(),
      comment(5, "carol", "2026-09-01T00:00:00Z"),
      `/evidence product-influence ${LINK}`,
      ["engineer"],
    );
    expect(e.writes[0]?.items[0]).toMatchObject({ at: "2026-09-30T22:00:00.000Z", title: LINK });
  });

  it("a judge's /evidence is confirmed by them, with the comment", () => {
    for (const role of ["manager", "skip-level", "admin"] as const) {
      const e = run(files(), comment(6, "dana"), `/evidence product-influence ${LINK}`, [role]);
      expect(e.writes[0]?.items[0]).toMatchObject({
        confirmed: { by: "dana", comment: 6, url: comment(6, "dana").url, at: "2026-10-20T10:00:00Z" },
      });
    }
  });

  it("refuses a measured criterion, an unknown one and a link already claimed, naming what is valid", () => {
    const first = run(files(), comment(5, "carol"), `/evidence product-influence ${LINK}`, ["engineer"]);
    const f = applied(files(), first);
    const e = run(
      f,
      comment(7, "carol"),
      [
        `/evidence architecture-decisions ${LINK}`,
        `/evidence nope ${LINK}`,
        `/evidence product-influence ${LINK}/`,
      ].join("\n"),
      ["engineer"],
    );
    expect(e.outcomes.map((o) => o.ok)).toEqual([false, false, false]);
    expect(e.outcomes[0]?.said).toMatch(
      /`architecture-decisions` is measured from GitHub automatically; evidence can be added for: `metric-impact-project`, `product-influence`/,
    );
    expect(e.outcomes[1]?.said).toMatch(/`nope` is not a criterion on carol's path \(IC2 → IC3\)/);
    expect(e.outcomes[2]?.said).toMatch(
      new RegExp(
        `already recorded for \`product-influence\` as \`${evidenceRef(f[0]?.items[0] ?? { key: "" })}\``,
      ),
    );
    expect(e.writes).toEqual([]);
    expect(e.refresh).toBe(false);
  });

  it("/confirm and /reject are the judges'; the later decision wins, an earlier one re-read does not undo it", () => {
    const f1 = applied(
      files(),
      run(files(), comment(5, "carol"), `/evidence product-influence ${LINK}`, ["engineer"]),
    );
    const ref = evidenceRef(f1[0]?.items[0] ?? { key: "" });
    const own = run(f1, comment(6, "carol"), `/confirm ${ref}`, ["engineer"]);
    expect(own.outcomes[0]).toMatchObject({ ok: false });
    expect(own.writes).toEqual([]);

    const confirm = run(f1, comment(7, "dana", "2026-10-21T00:00:00Z"), `/confirm ${ref}`, ["manager"]);
    const f2 = applied(f1, confirm);
    expect(f2[0]?.items[0]).toMatchObject({ confirmed: { by: "dana", comment: 7 } });
    expect(trust(f2[0]?.items[0])).toBe(true);

    const reject = run(f2, comment(8, "erin", "2026-10-22T00:00:00Z"), `/reject ${ref} not adopted`, [
      "skip-level",
    ]);
    const f3 = applied(f2, reject);
    expect(f3[0]?.items[0]).toMatchObject({ rejected: { by: "erin", reason: "not adopted", comment: 8 } });
    expect(f3[0]?.items[0]).not.toHaveProperty("confirmed");

    // Dana's earlier confirmation, redelivered, is older news: the rejection stands.
    const again = run(f3, comment(7, "dana", "2026-10-21T00:00:00Z"), `/confirm ${ref}`, ["manager"]);
    expect(applied(f3, again)[0]?.items[0]).toMatchObject({ rejected: { by: "erin" } });
  });

  it("/exclude by link or ref marks the item where it sits, re-signed; an engineer cannot include what a manager excluded", () => {
    const ex = run(files(), comment(9, "dana"), `/exclude ${pr.url} revert`, ["manager"]);
    expect(ex.writes.map((w) => w.path)).toEqual([SHARD]);
    const f = applied(files(), ex);
    const item = f[1]?.items[0];
    expect(item?.excluded).toEqual({
      by: "dana",
      at: "2026-10-20T10:00:00Z",
      reason: "revert",
      url: comment(9, "dana").url,
      comment: 9,
    });
    expect(trust(item)).toBe(true);

    const inc = run(f, comment(10, "carol", "2026-10-21T00:00:00Z"), `/include ${evidenceRef(pr)}`, [
      "engineer",
    ]);
    expect(inc.outcomes[0]).toMatchObject({
      ok: false,
      said: expect.stringMatching(
        /excluded by dana; only their manager, skip-level or an admin may include it again/,
      ),
    });
    const mgr = run(f, comment(11, "dana", "2026-10-21T00:00:00Z"), `/include ${evidenceRef(pr)}`, [
      "manager",
    ]);
    const back = applied(f, mgr)[1]?.items[0];
    expect(back).not.toHaveProperty("excluded");
    expect(back?.included).toMatchObject({ by: "dana", comment: 11 });
    expect(trust(back)).toBe(true);
  });

  it("an engineer may exclude and include again their own items", () => {
    const f = applied(
      files(),
      run(files(), comment(9, "carol"), `/exclude ${pr.url} pairing credit for bob`, ["engineer"]),
    );
    const inc = run(f, comment(10, "carol", "2026-10-21T00:00:00Z"), `/include ${pr.url}`, ["engineer"]);
    expect(applied(f, inc)[1]?.items[0]).not.toHaveProperty("excluded");
  });

  it("never vouches for a typed item: excluding one is refused, and it stays unsigned", () => {
    const typed: EvidenceItem = {
      ...pr,
      key: "PR_2",
      url: "https://github.com/acme/web/pull/2",
      provenance: { source: "observed", recorded_at: "2026-10-05T15:00:01Z" },
    };
    const e = run(files([], [pr, typed]), comment(9, "dana"), `/exclude ${typed.url} whatever`, ["manager"]);
    expect(e.outcomes[0]).toMatchObject({
      ok: false,
      said: expect.stringMatching(/not as Rungs recorded it/),
    });
    expect(e.writes).toEqual([]);
  });

  it("undoing a comment's decision on a typed item leaves it unsigned", () => {
    const typed: EvidenceItem = {
      ...pr,
      key: "PR_3",
      provenance: { source: "observed", recorded_at: "2026-10-05T15:00:01Z" },
      excluded: { by: "dana", at: "2026-10-20T10:00:00Z", comment: 5 },
    };
    const e = run(files([], [pr, typed]), comment(5, "dana"), "", ["manager"]);
    const item = applied(files([], [pr, typed]), e)[1]?.items.find((i) => i.key === "PR_3");
    expect(item).not.toHaveProperty("excluded");
    expect(trust(item)).toBe(false);
  });

  it("re-reading a comment replaces its effect; an empty comment undoes it and says what", () => {
    const c = comment(5, "carol");
    const f1 = applied(
      files(),
      run(files(), c, `/evidence product-influence ${LINK}\n/exclude ${pr.url} revert`, ["engineer"]),
    );
    const same = run(f1, c, `/evidence product-influence ${LINK}\n/exclude ${pr.url} revert`, ["engineer"]);
    expect(same.writes).toEqual([]);
    expect(same.undone).toEqual([]);

    const gone = run(f1, c, "", ["engineer"]);
    const f2 = applied(f1, gone);
    expect(f2[0]?.items).toEqual([]);
    expect(f2[1]?.items[0]).not.toHaveProperty("excluded");
    expect(trust(f2[1]?.items[0])).toBe(true);
    expect(gone.undone).toEqual([
      `the claim \`${evidenceRef(f1[0]?.items[0] ?? { key: "" })}\` for \`product-influence\``,
      `the exclusion of \`${evidenceRef(pr)}\``,
    ]);
  });

  it("a decision another comment made about a claim stands only while the claim says the same and was recorded by the app", () => {
    const c = comment(5, "carol");
    const f1 = applied(files(), run(files(), c, `/evidence product-influence ${LINK} first`, ["engineer"]));
    const ref = evidenceRef(f1[0]?.items[0] ?? { key: "" });
    const f2 = applied(f1, run(f1, comment(6, "dana"), `/confirm ${ref}`, ["manager"]));
    const again = applied(f2, run(f2, c, `/evidence product-influence ${LINK} first`, ["engineer"]));
    expect(again[0]?.items[0]).toMatchObject({ confirmed: { by: "dana" } });
    expect(trust(again[0]?.items[0])).toBe(true);
    const note = applied(f2, run(f2, c, `/evidence product-influence ${LINK} second`, ["engineer"]));
    expect(note[0]?.items[0]).toMatchObject({ title: "second" });
    expect(note[0]?.items[0]).not.toHaveProperty("confirmed");
    // A confirmation typed into the ledger beside the claim is dropped, never signed, when the comment is re-read.
    const claim = f1[0]?.items[0] as EvidenceItem;
    const typed = [
      { path: HEAD, items: [{ ...claim, confirmed: { by: "dana", at: "2026-10-21T00:00:00Z" } }] },
      f1[1] as LedgerFileItems,
    ];
    const reread = applied(typed, run(typed, c, `/evidence product-influence ${LINK} first`, ["engineer"]));
    expect(reread[0]?.items[0]).not.toHaveProperty("confirmed");
    expect(trust(reread[0]?.items[0])).toBe(true);
  });

  it("a judge cannot confirm a claim typed into the ledger; an engineer cannot take over a judge's exclusion", () => {
    const typed: EvidenceItem = {
      kind: "manual",
      key: "manual:1:abc",
      at: "2025-01-01T00:00:00Z",
      title: "typed",
      criterion: "not-on-the-path",
      provenance: { source: "added", by: "dana", recorded_at: "2025-01-01T00:00:00Z" },
    };
    const e = run(files([typed]), comment(6, "dana"), `/confirm ${evidenceRef(typed)}`, ["manager"]);
    expect(e.outcomes[0]).toMatchObject({
      ok: false,
      said: expect.stringMatching(/typed into the ledger, not added with `\/evidence`/),
    });
    expect(e.writes).toEqual([]);

    const ex = applied(files(), run(files(), comment(9, "dana"), `/exclude ${pr.url} revert`, ["manager"]));
    const over = run(ex, comment(10, "carol", "2026-10-21T00:00:00Z"), `/exclude ${pr.url} mine now`, [
      "engineer",
    ]);
    expect(over.outcomes[0]).toMatchObject({
      ok: false,
      said: expect.stringMatching(/already excluded by dana/),
    });
    expect(over.writes).toEqual([]);
  });

  it("says when a decision is older news and when an item is not excluded", () => {
    const f1 = applied(
      files(),
      run(files(), comment(5, "carol"), `/evidence product-influence ${LINK}`, ["engineer"]),
    );
    const ref = evidenceRef(f1[0]?.items[0] ?? { key: "" });
    const f2 = applied(
      f1,
      run(f1, comment(8, "erin", "2026-10-22T00:00:00Z"), `/reject ${ref} no`, ["skip-level"]),
    );
    const old = run(f2, comment(7, "dana", "2026-10-21T00:00:00Z"), `/confirm ${ref}`, ["manager"]);
    expect(old.outcomes[0]?.said).toMatch(/superseded by erin's later rejection \(2026-10-22\)/);
    const inc = run(files(), comment(9, "dana"), `/include ${pr.url}`, ["manager"]);
    expect(inc.outcomes[0]?.said).toMatch(/is not excluded/);
  });

  it("reports unknown refs and commands nobody may run, line by line; /focus, /refresh and help are flags", () => {
    const e = run(
      files(),
      comment(5, "carol"),
      [
        "/confirm abcdef",
        "/focus product-influence nope",
        "/focus product-influence metric-impact-project",
        "/refresh",
        "/rungs help",
      ].join("\n"),
      ["engineer"],
    );
    expect(e.outcomes.map((o) => o.ok)).toEqual([false, false, true, true, true]);
    expect(e.outcomes[1]?.said).toMatch(/`nope` is not a criterion on carol's path/);
    expect(e.focus).toEqual(["product-influence", "metric-impact-project"]);
    expect(e).toMatchObject({ refresh: true, help: true, writes: [] });
    const ref = run(files(), comment(5, "dana"), "/confirm abcdef", ["manager"]);
    expect(ref.outcomes[0]?.said).toMatch(/no claim `abcdef` in carol's 2026-Q4 evidence/);
  });

  it("nobody without a role may run anything", () => {
    const e = run(files(), comment(5, "mallory"), `/evidence product-influence ${LINK}\n/refresh`, []);
    expect(e.outcomes.map((o) => o.ok)).toEqual([false, false]);
    expect(e.writes).toEqual([]);
    expect(e.refresh).toBe(false);
  });

  it("finds an item by its link as people paste it: host in any case, with or without a trailing slash", () => {
    for (const typed of ["https://GitHub.com/acme/web/pull/1/", "https://github.com/acme/web/pull/1"]) {
      const e = run(files(), comment(9, "dana"), `/exclude ${typed} revert`, ["manager"]);
      expect(e.writes.map((w) => w.path)).toEqual([SHARD]);
    }
    const other = run(files(), comment(9, "dana"), "/exclude https://github.com/acme/web/pull/10 revert", [
      "manager",
    ]);
    expect(other.writes).toEqual([]);
  });

  it("keys a claim by its comment, criterion and link", () => {
    expect(claimKey(5, "a", LINK)).toMatch(/^manual:5:[0-9a-f]{12}$/);
    expect(claimKey(5, "a", LINK)).toBe(claimKey(5, "a", LINK));
    expect(claimKey(5, "a", LINK)).not.toBe(claimKey(5, "b", LINK));
    expect(claimKey(5, "a", LINK)).not.toBe(claimKey(5, "a", `${LINK}/2`));
    expect(claimKey(5, "a", LINK)).not.toBe(claimKey(6, "a", LINK));
  });

  it("/promote asks for the packet, with the level if one is given", () => {
    expect(run(files(), comment(5, "dana"), "/promote", ["manager"]).promote).toEqual({});
    expect(run(files(), comment(5, "dana"), "/promote IC3", ["manager"]).promote).toEqual({ target: "IC3" });
    expect(run(files(), comment(5, "dana"), "/refresh", ["manager"]).promote).toBeUndefined();
  });

  it("of two opposite decisions written at the same moment, the one read last stands", () => {
    const f1 = applied(
      files(),
      run(files(), comment(5, "carol"), `/evidence product-influence ${LINK}`, ["engineer"]),
    );
    const ref = evidenceRef(f1[0]?.items[0] ?? { key: "" });
    const at = "2026-10-22T00:00:00Z";
    const f2 = applied(f1, run(f1, comment(8, "erin", at), `/reject ${ref} no`, ["skip-level"]));
    const f3 = applied(f2, run(f2, comment(7, "dana", at), `/confirm ${ref}`, ["manager"]));
    expect(f3[0]?.items[0]).toMatchObject({ confirmed: { by: "dana" } });
    expect(f3[0]?.items[0]).not.toHaveProperty("rejected");
  });
});
