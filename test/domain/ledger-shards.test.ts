import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import {
  addToLedger,
  CLAIM_TTL_MS,
  claimGoalIssue,
  compareShardNames,
  emptyLedger,
  emptyShard,
  FILE_MAX_ITEMS,
  type Ledger,
  type LedgerShard,
  parseLedger,
  parseShard,
  planShardWrites,
  type QuarterLedger,
  type ReadFile,
  readQuarterLedger,
  recordGoalIssue,
  SHARD_MAX_ITEMS,
  serializeLedger,
  serializeShard,
  shardDay,
} from "../../src/domain/ledger.js";
import { formatProblem } from "../../src/domain/problem.js";
import { signer } from "../../src/domain/signature.js";
import { manual, note, review } from "./fixtures.js";

type Note = ReturnType<typeof note>;

/** A learning note keyed `key`, on `day` (UTC) at `hour`. */
const item = (key: string, day = "2026-10-05", hour = 12, by?: string): Note =>
  note({
    key,
    at: `${day}T${String(hour).padStart(2, "0")}:00:00Z`,
    title: `note ${key}`,
    path: `people/alice/learning/${key}.md`,
    provenance: { source: "observed", recorded_at: "2026-10-06T00:00:00Z", ...(by ? { by } : {}) },
  });
const items = (n: number, day = "2026-10-05", prefix = "k"): Note[] =>
  Array.from({ length: n }, (_, i) => item(`${prefix}${day}-${String(i).padStart(3, "0")}`, day));

const OWNER = { login: "alice", quarter: "2026-Q4" };
const HEAD = "people/alice/evidence/2026-Q4.yml";
const PENDING = "people/alice/evidence/2026-Q4.pending.yml";
const shardFile = (name: string) => `people/alice/evidence/2026-Q4/${name}.yml`;

const problemsOf = <T>(
  r: { ok: true; value: T } | { ok: false; problems: Parameters<typeof formatProblem>[0][] },
) => (r.ok ? [] : r.problems.map(formatProblem));

const NOTE_YAML = (key: string) =>
  [
    "  - kind: learning_note",
    `    key: ${key}`,
    "    at: 2026-10-05T12:00:00Z",
    "    title: t",
    "    path: p.md",
    "    provenance: { source: observed, recorded_at: 2026-10-05T12:00:00Z }",
  ].join("\n");

describe("parseLedger and parseShard", () => {
  it.each<[string, string, string[]]>([
    ["a minimal head", "login: alice\nquarter: 2026-Q4\n", []],
    ["a head with items", `login: alice\nquarter: 2026-Q4\nitems:\n${NOTE_YAML("a")}\n`, []],
    ["a head with the login in another case", "login: ALICE\nquarter: 2026-Q4\n", []],
    [
      "another person's login",
      "# comment\nlogin: bob\nquarter: 2026-Q4\n",
      ['f.yml:2:1: login: "bob" is not the folder\'s person (alice)'],
    ],
    [
      "another quarter",
      "login: alice\n\nquarter: 2026-Q3\n",
      ['f.yml:3:1: quarter: "2026-Q3" is not the file\'s quarter (2026-Q4)'],
    ],
    [
      "both wrong",
      "quarter: 2027-Q1\nlogin: bob\n",
      [
        'f.yml:2:1: login: "bob" is not the folder\'s person (alice)',
        'f.yml:1:1: quarter: "2027-Q1" is not the file\'s quarter (2026-Q4)',
      ],
    ],
    [
      "a duplicate key",
      `login: alice\nquarter: 2026-Q4\nitems:\n${NOTE_YAML("a")}\n${NOTE_YAML("b")}\n${NOTE_YAML("a")}\n`,
      ['f.yml:17:5: items[2].key: duplicate key "a"'],
    ],
    [
      "a duplicate key and another person's login",
      `login: bob\nquarter: 2026-Q4\nitems:\n${NOTE_YAML("a")}\n${NOTE_YAML("a")}\n`,
      [
        'f.yml:11:5: items[1].key: duplicate key "a"',
        'f.yml:1:1: login: "bob" is not the folder\'s person (alice)',
      ],
    ],
    [
      "a malformed quarter",
      "login: alice\nquarter: Q4\n",
      ['f.yml:2:1: quarter: quarters look like 2026-Q4 (saw "Q4")'],
    ],
    ["an unknown field", "login: alice\nquarter: 2026-Q4\nextra: 1\n", ['f.yml:3:1: unknown field "extra"']],
    [
      "an empty login",
      'login: ""\nquarter: 2026-Q4\n',
      expect.arrayContaining([expect.stringMatching(/^f\.yml:1:1: login: /)]),
    ],
    ["an empty file", "", ["f.yml:1:1: file is empty"]],
    ["a YAML error", "login: [alice\n", [expect.stringMatching(/^f\.yml:\d+:\d+: YAML syntax error: /)]],
  ])("head: %s", (_name, text, problems) => {
    expect(problemsOf(parseLedger("f.yml", text, OWNER))).toEqual(problems);
  });

  it("checks no owner when none is given", () => {
    expect(problemsOf(parseLedger("f.yml", "login: bob\nquarter: 2027-Q1\n"))).toEqual([]);
    expect(problemsOf(parseShard("f.yml", "login: bob\nquarter: 2027-Q1\n"))).toEqual([]);
  });

  it("defaults the goal issue to none and items to empty", () => {
    const r = parseLedger("f.yml", "login: alice\nquarter: 2026-Q4\n", OWNER);
    expect(r.ok && r.value).toEqual({ login: "alice", quarter: "2026-Q4", goal_issue: null, items: [] });
  });

  it.each<[string, string, string[]]>([
    ["a shard", `login: alice\nquarter: 2026-Q4\nitems:\n${NOTE_YAML("a")}\n`, []],
    [
      "a shard with a goal issue",
      "login: alice\nquarter: 2026-Q4\ngoal_issue: 3\n",
      ['f.yml:3:1: unknown field "goal_issue"'],
    ],
    [
      "another person's shard",
      "login: bob\nquarter: 2026-Q4\n",
      ['f.yml:1:1: login: "bob" is not the folder\'s person (alice)'],
    ],
    [
      "another quarter's shard",
      "login: alice\nquarter: 2026-Q3\n",
      ['f.yml:2:1: quarter: "2026-Q3" is not the file\'s quarter (2026-Q4)'],
    ],
    [
      "a binary shard",
      "login: alice\u0000",
      ["f.yml:1:1: file is binary (contains NUL bytes); expected UTF-8 text"],
    ],
  ])("shard: %s", (_name, text, problems) => {
    expect(problemsOf(parseShard("f.yml", text, OWNER))).toEqual(problems);
  });

  it(`refuses a file of more than FILE_MAX_ITEMS (${FILE_MAX_ITEMS}) items, and reads one of exactly that many`, () => {
    const flow = (i: number) =>
      `- {kind: learning_note, key: k${i}, at: 2026-10-05T12:00:00Z, title: t, path: p, provenance: {source: observed, recorded_at: 2026-10-05T12:00:00Z}}`;
    const file = (n: number) =>
      `login: alice\nquarter: 2026-Q4\nitems:\n${Array.from({ length: n }, (_, i) => flow(i)).join("\n")}\n`;
    const full = parseShard("f.yml", file(FILE_MAX_ITEMS), OWNER);
    expect(full.ok && full.value.items.length).toBe(FILE_MAX_ITEMS);
    const over = problemsOf(parseShard("f.yml", file(FILE_MAX_ITEMS + 1), OWNER));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/^f\.yml:3:1: items: Too big: expected array to have <=5000 items/);
  });
});

describe("serializing", () => {
  it.each<[string, Ledger]>([
    ["an empty head", emptyLedger("alice", "2026-Q4")],
    [
      "a head with a goal issue and items",
      { ...emptyLedger("alice", "2026-Q4"), goal_issue: 12, items: [item("a"), item("b", "2026-10-06")] },
    ],
    [
      "a head with a claim",
      {
        ...emptyLedger("alice", "2026-Q4"),
        goal_issue_claim: { by: "d1/a", at: "2026-10-10T00:00:00.000Z" },
      },
    ],
    [
      "a head with an added item",
      { ...emptyLedger("alice", "2026-Q4"), items: [item("m", "2026-11-01", 9, "dana")] },
    ],
  ])("round-trips %s", (_name, ledger) => {
    const text = serializeLedger(ledger);
    const r = parseLedger(HEAD, text, OWNER);
    expect(r.ok && r.value).toEqual(ledger);
    // What Rungs writes from what it read is a fixed point.
    const again = serializeLedger(r.ok ? r.value : emptyLedger("x", "y"));
    const r2 = parseLedger(HEAD, again, OWNER);
    expect(serializeLedger(r2.ok ? r2.value : emptyLedger("x", "y"))).toBe(again);
  });

  it("writes the header, sorts items, and writes no claim field when there is none", () => {
    const text = serializeLedger({
      ...emptyLedger("alice", "2026-Q4"),
      items: [item("b", "2026-10-06"), item("a")],
    });
    expect(text.split("\n").slice(0, 5)).toEqual([
      "# Rungs evidence ledger: alice, 2026-Q4.",
      "# Written by Rungs. Add evidence with a command on the goal issue; items typed here are shown, not counted. Definitions: docs/metrics.md",
      "login: alice",
      "quarter: 2026-Q4",
      "goal_issue: null",
    ]);
    expect(text).not.toContain("goal_issue_claim");
    expect(text.indexOf("key: a")).toBeLessThan(text.indexOf("key: b"));
  });

  it("writes the claim when there is one", () => {
    const text = serializeLedger({
      ...emptyLedger("alice", "2026-Q4"),
      goal_issue_claim: { by: "d1/a", at: "2026-10-10T00:00:00.000Z" },
    });
    expect(text).toContain("goal_issue_claim:\n  by: d1/a\n");
  });

  it.each<[string, LedgerShard]>([
    ["an empty shard", emptyShard("alice", "2026-Q4")],
    ["a shard with items", { ...emptyShard("alice", "2026-Q4"), items: items(3) }],
  ])("round-trips %s", (_name, shard) => {
    const text = serializeShard(shard, "2026-10-05-2");
    expect(text.split("\n")[0]).toBe("# Rungs evidence ledger: alice, 2026-Q4, 2026-10-05-2.");
    const r = parseShard(shardFile("2026-10-05-2"), text, OWNER);
    expect(r.ok && r.value).toEqual(shard);
  });

  it("writes a shard's items sorted, however they were held", () => {
    const text = serializeShard(
      { ...emptyShard("alice", "2026-Q4"), items: [item("b", "2026-10-06"), item("a")] },
      "x",
    );
    expect(text.indexOf("key: a")).toBeLessThan(text.indexOf("key: b"));
  });

  it("repeats equal objects rather than writing YAML aliases", () => {
    const prov = { source: "observed", recorded_at: "2026-10-06T00:00:00Z" } as const;
    const text = serializeShard(
      {
        ...emptyShard("alice", "2026-Q4"),
        items: [
          { ...item("a"), provenance: prov },
          { ...item("b"), provenance: prov },
        ],
      },
      "x",
    );
    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe("empty files", () => {
  it("start with no items and no goal issue", () => {
    expect(emptyShard("alice", "2026-Q4")).toEqual({ login: "alice", quarter: "2026-Q4", items: [] });
    expect(emptyLedger("alice", "2026-Q4")).toEqual({
      login: "alice",
      quarter: "2026-Q4",
      goal_issue: null,
      items: [],
    });
  });
});

describe("addToLedger", () => {
  const base = {
    ...emptyLedger("alice", "2026-Q4"),
    items: [item("b", "2026-10-06"), item("d", "2026-10-08")],
  };
  it.each<[string, EvidenceItem[], string[] | "same"]>([
    ["nothing", [], "same"],
    ["only known items", [item("b", "2026-10-06"), item("d", "2026-10-08")], "same"],
    ["a new item", [item("c", "2026-10-07")], ["b", "c", "d"]],
    ["new and known items, repeated", [item("a"), item("b", "2026-10-06"), item("a")], ["a", "b", "d"]],
  ])("%s", (_name, added, keys) => {
    const after = addToLedger(base, added);
    if (keys === "same") expect(after).toBe(base);
    else {
      expect(after).not.toBe(base);
      expect(after.items.map((i) => i.key)).toEqual(keys);
      expect(base.items.map((i) => i.key)).toEqual(["b", "d"]);
    }
  });

  it("keeps the first recorded provenance of a key", () => {
    const after = addToLedger(base, [{ ...item("b", "2026-10-06"), title: "later" }, item("c")]);
    expect(after.items.find((i) => i.key === "b")?.title).toBe("note b");
  });

  it("replaces an item held but not trusted (typed or edited by hand) with the observed one", () => {
    const edited = { ...item("b", "2026-10-06"), title: "edited" };
    const held = { ...emptyLedger("alice", "2026-Q4"), items: [edited] };
    const notTrusted = (i: EvidenceItem) => i.title !== "edited";
    const after = addToLedger(held, [item("b", "2026-10-06")], notTrusted);
    expect(after.items.map((i) => i.title)).toEqual(["note b"]);
    expect(addToLedger(held, [item("b", "2026-10-06")], () => true)).toBe(held);
  });

  it("keeps the other fields of the ledger", () => {
    const after = addToLedger({ ...base, goal_issue: 4 }, [item("z")]);
    expect(after.goal_issue).toBe(4);
  });
});

describe("compareShardNames", () => {
  it.each([
    ["2026-10-05", "2026-10-05-2", -1],
    ["2026-10-05-2", "2026-10-05-10", -1],
    ["2026-10-05-10", "2026-10-06", -1],
    ["2026-10-05", "2026-10-06", -1],
    ["2026-10-05-99", "2026-10-06", -1],
    ["2026-09-30-3", "2026-10-01", -1],
    ["2026-10-05", "2026-10-05", 0],
    ["2026-10-05-3", "2026-10-05-3", 0],
    // `-1` is the day's first shard by another name.
    ["2026-10-05-1", "2026-10-05", 0],
    ["2026-10-05-9", "2026-10-05-10", -1],
    // Names that are not shard names compare as text.
    ["abc", "abd", -1],
    ["2026-10-05-x", "2026-10-05-y", -1],
    // Spill numbers compare as numbers, not text, however many digits.
    ["2026-10-05-20", "2026-10-05-100", -1],
    ["2026-10-05-9", "2026-10-05-12", -1],
    // A name with something before the date is not a shard name.
    ["x2026-10-05", "2026-10-05-2", 1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareShardNames(a, b))).toBe(sign);
    expect(Math.sign(compareShardNames(b, a))).toBe(-sign || 0);
  });

  it("sorts a day's spills in number order", () => {
    const names = ["2026-10-06", "2026-10-05-10", "2026-10-05", "2026-10-05-2", "2026-10-05-3"];
    expect(names.sort(compareShardNames)).toEqual([
      "2026-10-05",
      "2026-10-05-2",
      "2026-10-05-3",
      "2026-10-05-10",
      "2026-10-06",
    ]);
  });
});

describe("shardDay", () => {
  it.each([
    ["2026-10-05T23:59:59Z", "2026-10-05"],
    ["2026-10-06T00:00:00Z", "2026-10-06"],
  ])("%s → %s", (at, day) => {
    expect(shardDay({ ...item("a"), at })).toBe(day);
  });
});

/** The app's signer: what it observed and wrote counts (signature.ts). */
const SIGNER = signer("test-key");
const signed = (its: EvidenceItem[]) => its.map((i) => SIGNER.sign(i, "alice", "2026-Q4"));
const shardRead = (name: string, its: EvidenceItem[], sha = `sha-${name}`): ReadFile & { name: string } => ({
  path: shardFile(name),
  name,
  sha,
  text: serializeShard({ ...emptyShard("alice", "2026-Q4"), items: signed(its) }, name),
});
const brokenShard = (name: string): ReadFile & { name: string } => ({
  path: shardFile(name),
  name,
  sha: `sha-${name}`,
  text: "login: alice\nquarter: [\n",
});
const headRead = (ledger: Ledger): ReadFile => ({
  path: HEAD,
  sha: "sha-head",
  text: serializeLedger({ ...ledger, items: signed(ledger.items) }),
});

describe("readQuarterLedger", () => {
  it("is empty when no file exists, with the head's and pending file's paths", () => {
    const q = readQuarterLedger(OWNER, undefined, [], undefined, SIGNER);
    expect(q).toEqual({
      login: "alice",
      quarter: "2026-Q4",
      head: { path: HEAD },
      shards: [],
      pending: { path: PENDING },
      items: [],
      unverified: [],
      claimed: [],
      rejected: [],
      excluded: [],
      all: [],
      problems: [],
    });
  });

  it("reads a file only when it exists (has a sha)", () => {
    const q = readQuarterLedger(
      OWNER,
      { path: HEAD, text: "not: [yaml" },
      [{ ...shardRead("2026-10-05", [item("a")]), sha: undefined }],
      undefined,
      SIGNER,
    );
    expect(q.problems).toEqual([]);
    expect(q.items).toEqual([]);
    expect(q.head).toEqual({ path: HEAD });
    expect(q.shards).toEqual([{ path: shardFile("2026-10-05"), name: "2026-10-05" }]);
  });

  it("reads an existing file without text as empty: a problem", () => {
    const q = readQuarterLedger(OWNER, { path: HEAD, sha: "s" }, [], undefined, SIGNER);
    expect(q.problems.map(formatProblem)).toEqual([`${HEAD}:1:1: file is empty`]);
  });

  it("merges the items of the head and every shard as a set, sorted", () => {
    const q = readQuarterLedger(
      OWNER,
      headRead({
        ...emptyLedger("alice", "2026-Q4"),
        goal_issue: 9,
        items: [item("m", "2026-10-07", 1, "dana")],
      }),
      [
        shardRead("2026-10-06", [item("c", "2026-10-06"), item("a")]),
        shardRead("2026-10-05", [item("a"), item("b")]),
      ],
      undefined,
      SIGNER,
    );
    expect(q.problems).toEqual([]);
    expect(q.items.map((i) => i.key)).toEqual(["a", "b", "c", "m"]);
    expect(q.head.sha).toBe("sha-head");
    expect(q.head.parsed?.ok && q.head.parsed.value.goal_issue).toBe(9);
  });

  it("counts signed items only; hand-typed ones are unverified, added ones claimed; all are read", () => {
    const forged = { ...item("a"), title: "edited by hand" };
    const typed = item("typed");
    const added = manual("made", { key: "made", at: "2026-10-05T13:00:00Z" });
    // A claim typed with the key of something the app recorded neither counts nor hides it.
    const shadow = manual("made", { key: "a", at: "2026-10-05T12:00:00Z" });
    const q = readQuarterLedger(
      OWNER,
      {
        path: HEAD,
        sha: "h",
        text: serializeLedger({ ...emptyLedger("alice", "2026-Q4"), items: [added, forged, shadow] }),
      },
      [
        shardRead("2026-10-05", [item("a")]),
        {
          ...shardRead("2026-10-06", []),
          text: serializeShard({ ...emptyShard("alice", "2026-Q4"), items: [typed] }, "x"),
        },
      ],
      undefined,
      SIGNER,
    );
    expect(q.items.map((i) => i.key)).toEqual(["a"]);
    expect(q.items[0]?.title).toBe("note a");
    expect(q.unverified.map((i) => i.key)).toEqual(["typed"]);
    expect(q.claimed.map((i) => i.key)).toEqual(["made"]);
    expect(q.all.map((i) => i.key)).toEqual(["a", "typed", "made"]);
    expect(
      readQuarterLedger(OWNER, undefined, [shardRead("2026-10-05", [item("a")])], undefined).items,
    ).toEqual([]);
  });

  it("orders shards by day, then spill number", () => {
    const q = readQuarterLedger(
      OWNER,
      undefined,
      ["2026-10-06", "2026-10-05-10", "2026-10-05", "2026-10-05-2"].map((n) => shardRead(n, [])),
      undefined,
      SIGNER,
    );
    expect(q.shards.map((s) => s.name)).toEqual([
      "2026-10-05",
      "2026-10-05-2",
      "2026-10-05-10",
      "2026-10-06",
    ]);
    expect(q.shards.map((s) => s.sha)).toEqual([
      "sha-2026-10-05",
      "sha-2026-10-05-2",
      "sha-2026-10-05-10",
      "sha-2026-10-06",
    ]);
  });

  it("lists broken files as problems and does not count their items", () => {
    const stolen: ReadFile & { name: string } = {
      path: shardFile("2026-10-07"),
      name: "2026-10-07",
      sha: "s7",
      text: serializeShard({ ...emptyShard("bob", "2026-Q4"), items: [item("bobs")] }, "2026-10-07"),
    };
    const q = readQuarterLedger(
      OWNER,
      { path: HEAD, sha: "h", text: "login: alice\nquarter: 2026-Q4\nitems: 3\n" },
      [shardRead("2026-10-05", [item("a")]), brokenShard("2026-10-06"), stolen],
      { path: PENDING, sha: "p", text: "\u0000" },
      SIGNER,
    );
    expect(q.items.map((i) => i.key)).toEqual(["a"]);
    expect(q.problems.map((p) => p.file)).toEqual([
      HEAD,
      shardFile("2026-10-06"),
      shardFile("2026-10-07"),
      PENDING,
    ]);
    expect(q.problems.map(formatProblem)[2]).toBe(
      `${shardFile("2026-10-07")}:3:1: login: "bob" is not the folder's person (alice)`,
    );
    expect(q.head.parsed?.ok).toBe(false);
    expect(q.pending.parsed?.ok).toBe(false);
    expect(q.pending.sha).toBe("p");
  });

  it("does not count pending items: they wait to be merged into a shard", () => {
    const pending = {
      path: PENDING,
      sha: "p",
      text: serializeShard(
        { ...emptyShard("alice", "2026-Q4"), items: signed([item("waiting")]) },
        "pending",
      ),
    };
    const q = readQuarterLedger(OWNER, undefined, [], pending, SIGNER);
    expect(q.items).toEqual([]);
    expect(q.all).toEqual([]);
    expect(q.pending.parsed?.ok && q.pending.parsed.value.items.map((i) => i.key)).toEqual(["waiting"]);
  });
});

const plan = (ledger: QuarterLedger, its: EvidenceItem[]) => {
  const r = planShardWrites(ledger, its);
  return {
    writes: r.writes.map((w) => ({ path: w.path, name: w.name, keys: w.items.map((i) => i.key) })),
    blocked: r.blocked.map((i) => i.key),
  };
};
const quarter = (shards: (ReadFile & { name: string })[], head?: Ledger) =>
  readQuarterLedger(OWNER, head ? headRead(head) : undefined, shards, undefined, SIGNER);

describe("planShardWrites", () => {
  it(`opens a day's next shard past SHARD_MAX_ITEMS (${SHARD_MAX_ITEMS})`, () => {
    expect(SHARD_MAX_ITEMS).toBe(60);
  });

  it("puts each item into its UTC day's shard", () => {
    expect(
      plan(quarter([]), [
        item("b", "2026-10-06", 0),
        item("a", "2026-10-05", 23),
        item("c", "2026-10-05", 1),
      ]),
    ).toEqual({
      writes: [
        { path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["c", "a"] },
        { path: shardFile("2026-10-06"), name: "2026-10-06", keys: ["b"] },
      ],
      blocked: [],
    });
  });

  it("adds to an existing shard with room", () => {
    expect(plan(quarter([shardRead("2026-10-05", items(SHARD_MAX_ITEMS - 1))]), [item("new")])).toEqual({
      writes: [{ path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["new"] }],
      blocked: [],
    });
  });

  it("spills into -2 once the day's shard is full, counting items planned in the same call", () => {
    const r = plan(quarter([shardRead("2026-10-05", items(SHARD_MAX_ITEMS - 1))]), [
      item("x1", "2026-10-05", 1),
      item("x2", "2026-10-05", 2),
      item("x3", "2026-10-05", 3),
    ]);
    expect(r).toEqual({
      writes: [
        { path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["x1"] },
        { path: shardFile("2026-10-05-2"), name: "2026-10-05-2", keys: ["x2", "x3"] },
      ],
      blocked: [],
    });
  });

  it("fills a fresh day's shard, then -2, then -3, in one call", () => {
    const fresh = items(2 * SHARD_MAX_ITEMS + 1, "2026-11-02", "n");
    const r = planShardWrites(quarter([]), fresh);
    expect(r.writes.map((w) => [w.name, w.items.length])).toEqual([
      ["2026-11-02", SHARD_MAX_ITEMS],
      ["2026-11-02-2", SHARD_MAX_ITEMS],
      ["2026-11-02-3", 1],
    ]);
    expect(r.writes.flatMap((w) => w.items)).toEqual(fresh);
    expect(r.blocked).toEqual([]);
  });

  it("skips full shards: a full day and a full -2 send the item to -3", () => {
    const q = quarter([
      shardRead("2026-10-05", items(SHARD_MAX_ITEMS)),
      shardRead("2026-10-05-2", items(SHARD_MAX_ITEMS, "2026-10-05", "s")),
    ]);
    expect(plan(q, [item("new")])).toEqual({
      writes: [{ path: shardFile("2026-10-05-3"), name: "2026-10-05-3", keys: ["new"] }],
      blocked: [],
    });
  });

  it("uses room left in -2 even when the day's first shard is full", () => {
    const q = quarter([
      shardRead("2026-10-05", items(SHARD_MAX_ITEMS)),
      shardRead("2026-10-05-2", [item("z")]),
    ]);
    expect(plan(q, [item("new")]).writes.map((w) => w.name)).toEqual(["2026-10-05-2"]);
  });

  it("treats a listed shard that does not exist (no sha) as empty", () => {
    const q = quarter([{ ...shardRead("2026-10-05", items(SHARD_MAX_ITEMS)), sha: undefined }]);
    expect(plan(q, [item("new")]).writes.map((w) => w.name)).toEqual(["2026-10-05"]);
  });

  it("drops items the quarter already holds, in the head or any shard, and repeats", () => {
    const q = quarter([shardRead("2026-10-06", [item("s", "2026-10-06")])], {
      ...emptyLedger("alice", "2026-Q4"),
      items: [item("h", "2026-10-07")],
    });
    expect(plan(q, [item("s", "2026-10-06"), item("h", "2026-10-07"), item("n"), item("n")])).toEqual({
      writes: [{ path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["n"] }],
      blocked: [],
    });
    expect(plan(q, [item("s", "2026-10-06")])).toEqual({ writes: [], blocked: [] });
  });

  it("writes again an item the quarter holds only as an unverified copy", () => {
    const q = quarter([
      {
        ...shardRead("2026-10-05", []),
        text: serializeShard({ ...emptyShard("alice", "2026-Q4"), items: [item("t")] }, "2026-10-05"),
      },
    ]);
    expect(plan(q, [item("t")])).toEqual({
      writes: [{ path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["t"] }],
      blocked: [],
    });
  });

  it("writes again a counted review that now taught, and not one that did not", () => {
    const r = review({ key: "R", at: "2026-10-05T10:00:00Z", teaching: false });
    const q = quarter([shardRead("2026-10-05", [r])]);
    expect(plan(q, [{ ...r, teaching: true }]).writes.map((w) => w.keys)).toEqual([["R"]]);
    expect(plan(q, [{ ...r, teaching: false }])).toEqual({ writes: [], blocked: [] });
  });

  it("never writes into a shard that does not parse: its items are blocked", () => {
    const q = quarter([brokenShard("2026-10-05"), shardRead("2026-10-06", [])]);
    expect(plan(q, [item("a"), item("b", "2026-10-06"), item("c")])).toEqual({
      writes: [{ path: shardFile("2026-10-06"), name: "2026-10-06", keys: ["b"] }],
      blocked: ["a", "c"],
    });
  });

  it("blocks an item whose day is full and whose spill shard does not parse", () => {
    const q = quarter([shardRead("2026-10-05", items(SHARD_MAX_ITEMS)), brokenShard("2026-10-05-2")]);
    expect(plan(q, [item("a")])).toEqual({ writes: [], blocked: ["a"] });
  });

  it("does not count a broken shard's items toward the day's room", () => {
    const q = quarter([shardRead("2026-10-05", items(SHARD_MAX_ITEMS - 1)), brokenShard("2026-10-05-3")]);
    expect(plan(q, [item("x1", "2026-10-05", 1), item("x2", "2026-10-05", 2)])).toEqual({
      writes: [
        { path: shardFile("2026-10-05"), name: "2026-10-05", keys: ["x1"] },
        { path: shardFile("2026-10-05-2"), name: "2026-10-05-2", keys: ["x2"] },
      ],
      blocked: [],
    });
  });
});

describe("claimGoalIssue", () => {
  const NOW = Date.UTC(2026, 9, 10, 8);
  const empty = emptyLedger("alice", "2026-Q4");
  const claimAt = (ms: number, by = "d1/a"): Ledger => ({
    ...empty,
    goal_issue_claim: { by, at: new Date(ms).toISOString() },
  });
  const claim = (by: string, ms = NOW) => ({ by, at: new Date(ms).toISOString() });

  it.each<[string, Ledger, number | undefined, Ledger | "same"]>([
    ["no issue and no claim: claims", empty, undefined, { ...empty, goal_issue_claim: claim("d2/b") }],
    ["an issue recorded: keeps it", { ...empty, goal_issue: 3 }, undefined, "same"],
    ["an issue recorded, replacing another: keeps it", { ...empty, goal_issue: 3 }, 4, "same"],
    ["a live claim: keeps it", claimAt(NOW - 1), undefined, "same"],
    ["a claim just short of the TTL: keeps it", claimAt(NOW - CLAIM_TTL_MS + 1), undefined, "same"],
    ["a claim from the future (clock skew): keeps it", claimAt(NOW + 60_000), undefined, "same"],
    [
      "a claim exactly CLAIM_TTL_MS old: takes it over",
      claimAt(NOW - CLAIM_TTL_MS),
      undefined,
      { ...empty, goal_issue_claim: claim("d2/b") },
    ],
    [
      "an abandoned claim: takes it over",
      claimAt(NOW - 3 * CLAIM_TTL_MS),
      undefined,
      { ...empty, goal_issue_claim: claim("d2/b") },
    ],
    [
      "the recorded issue failed its check: claims to replace it",
      { ...empty, goal_issue: 3 },
      3,
      { ...empty, goal_issue: null, goal_issue_claim: claim("d2/b") },
    ],
    [
      "replacing, while another live claim stands: keeps it",
      { ...claimAt(NOW - 1000), goal_issue: 3 },
      3,
      "same",
    ],
    [
      "replacing, with an abandoned claim: takes it over",
      { ...claimAt(NOW - CLAIM_TTL_MS), goal_issue: 3 },
      3,
      { ...empty, goal_issue: null, goal_issue_claim: claim("d2/b") },
    ],
  ])("%s", (_name, ledger, replacing, after) => {
    const r = claimGoalIssue(ledger, "d2/b", NOW, replacing);
    if (after === "same") expect(r).toBe(ledger);
    else expect(r).toEqual(after);
  });

  it("claims at an ISO instant that parses back", () => {
    const r = claimGoalIssue(empty, "t", NOW);
    expect(r.goal_issue_claim?.at).toBe("2026-10-10T08:00:00.000Z");
    expect(parseLedger(HEAD, serializeLedger(r), OWNER).ok).toBe(true);
  });

  it("lets exactly one of two racers hold the claim", () => {
    const first = claimGoalIssue(empty, "d1/a", NOW);
    const second = claimGoalIssue(first, "d2/b", NOW + 5);
    expect(second).toBe(first);
    expect(recordGoalIssue(second, 5, "d2/b")).toBe(second);
    expect(recordGoalIssue(second, 5, "d1/a").goal_issue).toBe(5);
  });
});

describe("recordGoalIssue", () => {
  const empty = emptyLedger("alice", "2026-Q4");
  const held: Ledger = { ...empty, goal_issue_claim: { by: "d1/a", at: "2026-10-10T00:00:00.000Z" } };
  it.each<[string, Ledger, string, Ledger | "same"]>([
    ["by the claim's holder: records and drops the claim", held, "d1/a", { ...empty, goal_issue: 12 }],
    ["by another token: unchanged", held, "d2/b", "same"],
    ["by a token that differs only in case: unchanged", held, "D1/A", "same"],
    ["with no claim: unchanged", empty, "d1/a", "same"],
    ["with an issue already recorded: never overwritten", { ...held, goal_issue: 7 }, "d1/a", "same"],
  ])("%s", (_name, ledger, token, after) => {
    const r = recordGoalIssue(ledger, 12, token);
    if (after === "same") expect(r).toBe(ledger);
    else {
      expect(r).toEqual(after);
      expect(r).not.toHaveProperty("goal_issue_claim");
    }
  });
});

describe("readQuarterLedger with remembered parses", () => {
  const counting = () => {
    const seen = new Map<string, unknown>();
    let parses = 0;
    const memo = <T>(key: string, _size: number, make: () => T): T => {
      if (seen.has(key)) return seen.get(key) as T;
      parses++;
      const value = make();
      seen.set(key, value);
      return value;
    };
    return { files: { head: memo, shard: memo }, parses: () => parses, keys: () => [...seen.keys()] };
  };

  it("reads the same ledger as without, and parses an unchanged file once", () => {
    const memo = counting();
    const files = [
      shardRead("2026-10-05", [item("a"), item("b")]),
      shardRead("2026-10-06", [item("c", "2026-10-06")]),
    ];
    const head = headRead({ ...emptyLedger("alice", "2026-Q4"), goal_issue: 9 });
    const plain = readQuarterLedger(OWNER, head, files, undefined, SIGNER);
    const first = readQuarterLedger(OWNER, head, files, undefined, SIGNER, memo.files);
    const again = readQuarterLedger(OWNER, head, files, undefined, SIGNER, memo.files);
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
    expect(memo.parses()).toBe(3);
  });

  it("parses a file again when its blob sha changes, and keeps people and quarters apart", () => {
    const memo = counting();
    const day = shardRead("2026-10-05", [item("a")]);
    readQuarterLedger(OWNER, undefined, [day], undefined, SIGNER, memo.files);
    const changed = { ...shardRead("2026-10-05", [item("a"), item("b")]), sha: "other" };
    const after = readQuarterLedger(OWNER, undefined, [changed], undefined, SIGNER, memo.files);
    expect(after.items.map((i) => i.key)).toEqual(["a", "b"]);
    // The same path and sha read for another owner is checked against that owner, not taken from memory.
    const bob = readQuarterLedger(
      { login: "bob", quarter: "2026-Q4" },
      undefined,
      [day],
      undefined,
      SIGNER,
      memo.files,
    );
    expect(bob.items).toEqual([]);
    expect(bob.problems.length).toBeGreaterThan(0);
    expect(memo.keys().every((k) => k.includes("@"))).toBe(true);
  });
});
