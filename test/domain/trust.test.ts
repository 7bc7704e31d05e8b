/**
 * Trust in the ledger: which items count (partitionByTrust), what an observed item does to an untrusted
 * copy (addToLedger, planShardWrites), how two records of one review combine (combineItems, mergeItems),
 * and the facts trust rests on (isTeaching, an issue's assignees).
 * src/domain/ledger.ts, evidence.ts, review-evidence.ts, issue-evidence.ts.
 */
import { describe, expect, it } from "vitest";
import { combineItems, type EvidenceItem, mergeItems, type ReviewItem } from "../../src/domain/evidence.js";
import { type ClosedIssue, issueItem } from "../../src/domain/issue-evidence.js";
import {
  addToLedger,
  emptyLedger,
  partitionByTrust,
  planShardWrites,
  type ReadFile,
  readQuarterLedger,
  serializeLedger,
  serializeShard,
} from "../../src/domain/ledger.js";
import { isTeaching, reviewItem, type SubmittedReview } from "../../src/domain/review-evidence.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { signer } from "../../src/domain/signature.js";
import { manual, pr, review } from "./fixtures.js";

const Q = "2026-Q4";
const OWNER = { login: "alice", quarter: Q };
const s = signer("trust-key");
const sign = (i: EvidenceItem, login = "alice", quarter = Q) => s.sign(i, login, quarter);
const keys = (xs: readonly EvidenceItem[]) => xs.map((i) => i.key);
const confirmed = { by: "dana", at: "2026-11-01T00:00:00Z" };

/** The same pull request three ways: as the app signed it, typed by hand, and edited after signing. */
const realPr = pr({ key: "K", at: "2026-10-05T12:00:00Z", title: "feat: real" });
const real = sign(realPr);
const forged: EvidenceItem = {
  ...real,
  title: "feat: forged",
  provenance: { source: "observed", recorded_at: "2026-10-01T00:00:00Z" },
};
/** Signed, then its numbers edited by hand (the signature kept). */
const edited: EvidenceItem = { ...realPr, additions: 9999, provenance: real.provenance };

describe("partitionByTrust", () => {
  type Out = { items: string[]; unverified: string[]; claimed: string[] };
  it.each<[string, EvidenceItem[], Out]>([
    ["a verified item counts", [real], { items: ["K"], unverified: [], claimed: [] }],
    ["a forged item is unverified", [forged], { items: [], unverified: ["K"], claimed: [] }],
    ["an edited item is unverified", [edited], { items: [], unverified: ["K"], claimed: [] }],
    [
      "the verified one wins over a forged copy (verified first)",
      [real, forged],
      { items: ["K"], unverified: [], claimed: [] },
    ],
    [
      "the verified one wins over a forged copy (forged first)",
      [forged, real],
      { items: ["K"], unverified: [], claimed: [] },
    ],
    ["…and over an edited copy", [edited, real], { items: ["K"], unverified: [], claimed: [] }],
    [
      "two forged copies: one unverified item",
      [forged, edited],
      { items: [], unverified: ["K"], claimed: [] },
    ],
    [
      "a copy of someone else's item is unverified",
      [sign(pr({ key: "B" }), "bob")],
      { items: [], unverified: ["B"], claimed: [] },
    ],
    [
      "an item from another quarter is unverified",
      [sign(pr({ key: "B" }), "alice", "2026-Q3")],
      { items: [], unverified: ["B"], claimed: [] },
    ],
    [
      "an unconfirmed manual item is claimed",
      [manual("c", { key: "M" })],
      { items: [], unverified: [], claimed: ["M"] },
    ],
    [
      "a confirmed and signed manual item counts",
      [sign(manual("c", { key: "M", confirmed }))],
      { items: ["M"], unverified: [], claimed: [] },
    ],
    [
      "a claim with a counted item's key is not listed as claimed",
      [manual("c", { key: "K" }), real],
      { items: ["K"], unverified: [], claimed: [] },
    ],
    [
      "a claim and a forgery with their own keys are both listed",
      [manual("c", { key: "M" }), forged, sign(pr({ key: "P" }))],
      { items: ["P"], unverified: ["K"], claimed: ["M"] },
    ],
    [
      "a non-manual item added by a person is claimed",
      [pr({ key: "A", provenance: { source: "added", by: "alice", recorded_at: "2026-10-01T00:00:00Z" } })],
      { items: [], unverified: [], claimed: ["A"] },
    ],
  ])("%s", (_name, items, want) => {
    const p = partitionByTrust(items, OWNER, s);
    expect({ items: keys(p.items), unverified: keys(p.unverified), claimed: keys(p.claimed) }).toEqual(want);
  });

  it("the counted copy is the verified one, whichever file it came from", () => {
    for (const order of [
      [real, forged],
      [forged, real],
    ]) {
      expect(partitionByTrust(order, OWNER, s).items).toEqual([real]);
    }
  });

  it("without a key nothing observed counts", () => {
    const p = partitionByTrust([real, sign(manual("c", { key: "M", confirmed }))], OWNER, undefined);
    expect([keys(p.items), keys(p.unverified), keys(p.claimed)]).toEqual([[], ["K"], ["M"]]);
  });

  it("reads the owner's login in any case", () => {
    expect(keys(partitionByTrust([real], { login: "ALICE", quarter: Q }, s).items)).toEqual(["K"]);
  });

  it("lists are sorted by time", () => {
    const late = sign(pr({ key: "late", at: "2026-12-01T00:00:00Z" }));
    const early = sign(pr({ key: "early", at: "2026-10-01T00:00:00Z" }));
    expect(keys(partitionByTrust([late, early], OWNER, s).items)).toEqual(["early", "late"]);
  });

  it("readQuarterLedger applies it across head and shards: a forged head copy neither counts nor hides the shard's", () => {
    const head: ReadFile = {
      path: "people/alice/evidence/2026-Q4.yml",
      text: serializeLedger({ ...emptyLedger("alice", Q), items: [forged, manual("c", { key: "M" })] }),
      sha: "h",
    };
    const shard = {
      name: "2026-10-05",
      path: "people/alice/evidence/2026-Q4/2026-10-05.yml",
      text: serializeShard({ login: "alice", quarter: Q, items: [real] }, "2026-10-05"),
      sha: "s",
    };
    const q = readQuarterLedger(OWNER, head, [shard], undefined, s);
    expect(q.problems).toEqual([]);
    expect([keys(q.items), keys(q.unverified), keys(q.claimed)]).toEqual([["K"], [], ["M"]]);
    expect(q.items[0]?.title).toBe("feat: real");
  });
});

const stamp = (over: Partial<ReviewItem> = {}): ReviewItem =>
  review({ key: "R", at: "2026-10-05T12:00:00Z", state: "APPROVED", teaching: false, ...over });
const taught = (over: Partial<ReviewItem> = {}): ReviewItem =>
  review({ key: "R", at: "2026-10-06T12:00:00Z", state: "CHANGES_REQUESTED", teaching: true, ...over });

describe("combineItems: the first record wins, except that a review that taught stays teaching", () => {
  it.each<[string, EvidenceItem, EvidenceItem, "first" | "upgraded"]>([
    ["a rubber stamp, then a teaching review: upgraded", sign(stamp()), sign(taught()), "upgraded"],
    ["an unsigned stamp, then a teaching review: upgraded", stamp(), taught(), "upgraded"],
    ["a teaching review, then a stamp: the first", sign(taught()), sign(stamp()), "first"],
    ["two stamps: the first", sign(stamp()), sign(stamp({ at: "2026-10-07T00:00:00Z" })), "first"],
    [
      "two teaching reviews: the first",
      sign(taught()),
      sign(taught({ at: "2026-10-07T00:00:00Z" })),
      "first",
    ],
    ["two pull requests: the first", real, forged, "first"],
    ["a review, then a pull request with its key: the first", stamp(), pr({ key: "R" }), "first"],
  ])("%s", (_name, first, second, want) => {
    const out = combineItems(first, second);
    if (want === "first") {
      expect(out).toBe(first);
      return;
    }
    const { sig: _sig, ...provenance } = first.provenance;
    // The first record's facts, teaching, and no signature: it no longer is what the app signed.
    expect(out).toEqual({ ...first, teaching: true, provenance });
    expect(out.provenance.sig).toBeUndefined();
    expect(s.verify(out, "alice", Q)).toBe(false);
  });
});

describe("mergeItems: teaching is an OR, whatever order the records arrive in", () => {
  const records = [stamp(), stamp({ at: "2026-10-04T00:00:00Z" }), taught()];
  const permutations = <T>(xs: T[]): T[][] =>
    xs.length <= 1
      ? [xs]
      : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  it.each(permutations([0, 1, 2]).map((p) => [p.join(","), p] as const))("order %s", (_name, order) => {
    const inOrder = order.map((i) => records[i] as EvidenceItem);
    // Arriving together, or one by one into what is already there.
    const together = mergeItems([], inOrder);
    const oneByOne = inOrder.reduce<EvidenceItem[]>((acc, i) => mergeItems(acc, [i]), []);
    for (const merged of [together, oneByOne]) {
      expect(merged).toHaveLength(1);
      expect(merged[0]).toMatchObject({ kind: "review", key: "R", teaching: true });
    }
  });

  it("no teaching record: not teaching, in either order", () => {
    expect(mergeItems([stamp()], [stamp({ at: "2026-10-09T00:00:00Z" })])).toEqual([stamp()]);
    expect(mergeItems([], [stamp({ at: "2026-10-09T00:00:00Z" }), stamp()])[0]).toMatchObject({
      teaching: false,
    });
  });

  it("different keys stay apart and come out sorted by time, then key", () => {
    const a = stamp({ key: "b", at: "2026-10-02T00:00:00Z" });
    const b = stamp({ key: "a", at: "2026-10-02T00:00:00Z" });
    const c = stamp({ key: "c", at: "2026-10-01T00:00:00Z" });
    expect(keys(mergeItems([a], [b, c]))).toEqual(["c", "a", "b"]);
  });
});

describe("addToLedger with a `trusted` predicate", () => {
  const verified = (i: EvidenceItem) => s.verify(i, "alice", Q);
  const ledgerOf = (...items: EvidenceItem[]) => ({ ...emptyLedger("alice", Q), items });
  const upgraded = (() => {
    const { sig: _sig, ...provenance } = sign(stamp()).provenance;
    return { ...stamp(), teaching: true, provenance };
  })();
  const added = sign(pr({ key: "N", at: "2026-10-06T00:00:00Z" }));
  type Row = [string, EvidenceItem[], EvidenceItem, EvidenceItem[] | "unchanged"];
  it.each<Row>([
    ["a new key is added", [real], added, [real, added]],
    [
      "a verified item with the key is kept: nothing changes",
      [real],
      sign({ ...real, title: "feat: again" }),
      "unchanged",
    ],
    ["a forged item with the key is replaced by the incoming one", [forged], real, [real]],
    ["an edited item with the key is replaced", [edited], real, [real]],
    ["a copy from another person's ledger is replaced", [sign(real, "bob")], real, [real]],
    [
      "a forged 'teaching' review is replaced by the real rubber stamp",
      [taught()],
      sign(stamp()),
      [sign(stamp())],
    ],
    [
      "a verified stamp is upgraded by a teaching review (losing its stale signature)",
      [sign(stamp())],
      sign(taught()),
      [upgraded],
    ],
    ["a verified teaching review is kept over a stamp", [sign(taught())], sign(stamp()), "unchanged"],
    [
      "a verified stamp is kept over another stamp",
      [sign(stamp())],
      sign(stamp({ at: "2026-10-09T00:00:00Z" })),
      "unchanged",
    ],
  ])("%s", (_name, existing, incoming, want) => {
    const before = ledgerOf(...existing);
    const after = addToLedger(before, [incoming], verified);
    if (want === "unchanged") {
      expect(after).toBe(before);
      return;
    }
    expect(after).not.toBe(before);
    expect(after.items).toEqual(want);
  });

  it("without a predicate every item already there is trusted (kept)", () => {
    const before = ledgerOf(forged);
    expect(addToLedger(before, [real])).toBe(before);
  });

  it("the predicate is asked about the item already there", () => {
    const asked: string[] = [];
    addToLedger(ledgerOf(forged), [real], (i) => {
      asked.push(i.title);
      return false;
    });
    expect(asked).toEqual(["feat: forged"]);
  });
});

const shardOf = (name: string, items: EvidenceItem[]) => ({
  name,
  path: `people/alice/evidence/2026-Q4/${name}.yml`,
  text: serializeShard({ login: "alice", quarter: Q, items }, name),
  sha: name,
});

describe("planShardWrites: counted keys are skipped, untrusted copies written again", () => {
  const realReview = sign(stamp());
  const quarter = readQuarterLedger(
    OWNER,
    undefined,
    [
      shardOf("2026-10-05", [real, realReview]),
      shardOf("2026-10-06", [sign(pr({ key: "F", at: "2026-10-06T09:00:00Z" }), "bob")]),
    ],
    undefined,
    s,
  );
  const bobsCopyReal = sign(pr({ key: "F", at: "2026-10-06T09:00:00Z" }));

  it("reads the setup: K and R counted, F (bob's copy) unverified", () => {
    expect([keys(quarter.items), keys(quarter.unverified)]).toEqual([["K", "R"], ["F"]]);
  });

  type Row = [string, EvidenceItem[], Record<string, string[]>];
  it.each<Row>([
    ["a counted key: nothing written", [real], {}],
    ["a counted key recorded differently: still nothing", [sign({ ...real, title: "feat: renamed" })], {}],
    ["an untrusted copy's key is written again, to its day's shard", [bobsCopyReal], { "2026-10-06": ["F"] }],
    ["a counted stamp and another stamp: nothing", [sign(stamp({ at: "2026-10-07T00:00:00Z" }))], {}],
    ["a counted stamp and a teaching review: written again", [sign(taught())], { "2026-10-06": ["R"] }],
    [
      "a new key: written to its day",
      [sign(pr({ key: "N", at: "2026-11-02T23:59:59Z" }))],
      { "2026-11-02": ["N"] },
    ],
    [
      "a mix: only the untrusted and the new",
      [real, bobsCopyReal, sign(pr({ key: "N", at: "2026-10-05T01:00:00Z" }))],
      { "2026-10-05": ["N"], "2026-10-06": ["F"] },
    ],
    [
      "the same new key twice: written once",
      [sign(pr({ key: "N" })), sign(pr({ key: "N" }))],
      { "2026-10-02": ["N"] },
    ],
  ])("%s", (_name, incoming, want) => {
    const plan = planShardWrites(quarter, incoming);
    expect(plan.blocked).toEqual([]);
    expect(Object.fromEntries(plan.writes.map((w) => [w.name, keys(w.items)]))).toEqual(want);
    for (const w of plan.writes) expect(w.path).toBe(`people/alice/evidence/2026-Q4/${w.name}.yml`);
  });
});

describe("isTeaching: changes requested, a written body, or inline comments", () => {
  it.each<[string, string, number, boolean]>([
    ["APPROVED", "", 0, false],
    ["APPROVED", "   \n\t ", 0, false],
    ["APPROVED", "LGTM", 0, true],
    ["APPROVED", "", 1, true],
    ["APPROVED", "", 12, true],
    ["CHANGES_REQUESTED", "", 0, true],
    ["changes_requested", "", 0, true],
    ["Changes_Requested", "", 0, true],
    ["COMMENTED", "", 0, false],
    ["COMMENTED", "Why a map here?", 0, true],
    ["COMMENTED", "", 3, true],
    ["DISMISSED", "", 0, false],
  ])("%s, body %j, %i inline comments → %s", (state, body, inlineComments, want) => {
    expect(isTeaching({ state, body, inlineComments })).toBe(want);
    const submitted: SubmittedReview = {
      prNodeId: "PR_1",
      reviewer: "Bob",
      repo: "acme/web",
      number: 1,
      title: "t",
      url: "u",
      state,
      submittedAt: "2026-10-05T12:00:00Z",
      prAuthor: "alice",
      prAuthorLevel: "IC0",
      body,
      inlineComments,
    };
    const item = reviewItem(submitted, "2026-10-05T12:00:00Z");
    expect(item.teaching).toBe(want);
    expect(item.state).toBe(state.toUpperCase());
    expect(item.key).toBe("PR_1:review:bob");
  });
});

describe("issueItem: how many people the issue was assigned to", () => {
  const closed = (assignees: number): ClosedIssue => ({
    nodeId: "I_7",
    repo: "acme/web",
    number: 7,
    title: "Outage",
    url: "https://github.com/acme/web/issues/7",
    labels: ["incident"],
    closedAt: "2026-10-05T09:00:00Z",
    linkedPrAuthors: [],
    assignees,
  });
  it.each<[number, number]>([
    [1, 1],
    [2, 2],
    [5, 5],
    // Closed by someone with no human assignee left: still one (the person it is recorded for).
    [0, 1],
  ])("%i assignees → %i", (n, want) => {
    const item = issueItem(closed(n), "Erin", defaultSettings(), "2026-10-05T09:00:00Z");
    expect(item.assignees).toBe(want);
    expect(item.key).toBe("I_7:erin");
    expect(item.class).toBe("incident");
  });
});
