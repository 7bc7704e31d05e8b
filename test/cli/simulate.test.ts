import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRungs } from "../support/cli.js";

const run = runRungs;

const tmp = mkdtempSync(join(tmpdir(), "rungs-sim-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
};

const EVENTS = "examples/events/quarter.jsonl";
const demo = (out: string, events = EVENTS) =>
  run("simulate", "--career", "examples/career-repo", "--events", events, "--out", out);

describe("rungs simulate", () => {
  let first: Record<string, string>;
  beforeAll(async () => {
    const r = await demo(join(tmp, "a"));
    expect(r.code).toBe(0);
    first = tree(join(tmp, "a"));
  }, 60_000);

  it("writes the career repo, the goal issues and a summary", () => {
    const summary = JSON.parse(first["summary.json"] ?? "{}");
    const deliveries = readFileSync(EVENTS, "utf8").trim().split("\n").length;
    expect(summary.events).toEqual({ delivered: deliveries, failed: 0 });
    expect(summary.requests.mutationsOutsideCareerRepo).toBe(0);
    expect(summary.issues.map((i: { title: string }) => i.title).sort()).toEqual([
      "2026-Q4 goals: alice (IC0 → IC1)",
      "2026-Q4 goals: bob (IC1 → IC2)",
      "2026-Q4 goals: carol (IC2 → IC3)",
    ]);
    // The quarter's head (goal issue) and one shard per day with evidence; nothing else.
    const ledgerFiles = Object.keys(first).filter((p) => p.startsWith("repo/people/alice/evidence/"));
    expect(ledgerFiles).toContain("repo/people/alice/evidence/2026-Q4.yml");
    expect(
      ledgerFiles.filter((p) => !/^repo\/people\/alice\/evidence\/2026-Q4\/\d{4}-\d{2}-\d{2}\.yml$/.test(p)),
    ).toEqual(["repo/people/alice/evidence/2026-Q4.yml"]);
    expect(Object.keys(first).filter((p) => p.startsWith("issues/"))).toHaveLength(3);
  });

  it("includes a conversation on a goal issue: a claim confirmed by the manager, an exclusion with its reason, an outsider answered", () => {
    const carol =
      Object.entries(first).find(
        ([p, text]) => p.startsWith("issues/") && text.includes("goals: carol"),
      )?.[1] ?? "";
    expect(carol).toMatch(/`metric-impact-project` \| 1 \| ≥ 1 \| ✅ met/);
    expect(carol).toMatch(
      /Excluded \(1, not counted\):\n\n- `[0-9a-f]{6}` .*acme\/api#70.* excluded by dana: pairing credit/,
    );
    expect(carol).toMatch(/nothing was changed/);
    expect(carol).toMatch(/Reactions: 👀 rungs\[bot\], 👍 rungs\[bot\]/);
    expect(carol).toMatch(/- \[x\] `product-influence`/);
  });

  it("is deterministic: the same inputs give the same output, byte for byte", async () => {
    expect((await demo(join(tmp, "b"))).code).toBe(0);
    expect(tree(join(tmp, "b"))).toEqual(first);
  }, 60_000);

  it("gives the same career repo and issues when every delivery arrives twice", async () => {
    const doubled = join(tmp, "doubled.jsonl");
    const lines = readFileSync(EVENTS, "utf8").trim().split("\n");
    writeFileSync(doubled, `${lines.flatMap((l) => [l, l]).join("\n")}\n`);
    expect((await demo(join(tmp, "c"), doubled)).code).toBe(0);
    const again = tree(join(tmp, "c"));
    const { "summary.json": _a, ...rest } = again;
    const { "summary.json": _b, ...once } = first;
    expect(rest).toEqual(once);
  }, 60_000);

  it("agrees with rungs report --json on every criterion", async () => {
    const keyFile = join(tmp, "signing-key");
    writeFileSync(keyFile, "rungs-simulate\n");
    for (const login of ["alice", "bob", "carol"]) {
      const r = await run(
        "report",
        "--career",
        join(tmp, "a", "repo"),
        "--login",
        login,
        "--quarter",
        "2026-Q4",
        "--json",
        "--signing-key-file",
        keyFile,
      );
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      const report = JSON.parse(r.out) as { criteria: { id: string; value: number | null; met: boolean }[] };
      const issue =
        Object.entries(first).find(
          ([p, text]) => p.startsWith("issues/") && text.includes(`goals: ${login} (`),
        )?.[1] ?? "";
      for (const c of report.criteria) {
        const row = issue.split("\n").find((l) => l.includes(`\`${c.id}\``)) ?? "";
        const cells = row.split(" | ");
        expect(cells[1]?.replace(/ \(mean [^)]*\)$/, "")).toBe(c.value === null ? "—" : String(c.value));
        expect(cells[3]?.includes("met") && !cells[3]?.includes("not")).toBe(c.met);
      }
    }
  });

  it("reports bad lines with their line numbers and goes on", async () => {
    const events = join(tmp, "bad.jsonl");
    const good = readFileSync(EVENTS, "utf8").split("\n")[0];
    writeFileSync(
      events,
      [
        "{not json",
        JSON.stringify({ id: "x1", name: "pull_requests", payload: {} }),
        JSON.stringify({
          id: "x2",
          name: "pull_request",
          payload: {
            action: "closed",
            repository: { name: "web", full_name: "acme/web", private: true, owner: { login: "acme" } },
            sender: { login: "a" },
          },
        }),
        good,
        JSON.stringify({ id: "x3", payload: {} }),
      ].join("\n"),
    );
    const r = await run(
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      events,
      "--out",
      join(tmp, "bad"),
    );
    expect(r.code).toBe(1);
    const lines = r.err.split("\n").filter((l) => l.startsWith(events));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^${events}:1: invalid JSON: `));
    expect(lines[1]).toBe(`${events}:2: unknown event "pull_requests"`);
    expect(lines[2]).toMatch(new RegExp(`^${events}:3: .*pull_request`));
    expect(lines[3]).toBe(
      `${events}:5: name: Invalid input: expected string, received undefined; expected {"id", "name", "payload", "files"?}`,
    );
    expect(JSON.parse(readFileSync(join(tmp, "bad", "summary.json"), "utf8")).events).toEqual({
      delivered: 1,
      failed: 4,
    });
  });

  it("never wipes a folder that is not a previous run's output, and names wrong paths", async () => {
    const precious = join(tmp, "precious");
    mkdirSync(precious);
    writeFileSync(join(precious, "notes.md"), "keep me\n");
    const r = await run(
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      EVENTS,
      "--out",
      precious,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^rungs simulate: --out .*precious: holds notes\.md but no \.rungs-simulate marker/,
    );
    expect(readFileSync(join(precious, "notes.md"), "utf8")).toBe("keep me\n");
    const events = await run(
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      "examples",
      "--out",
      join(tmp, "x"),
    );
    expect(events.err).toMatch(/^rungs simulate: --events examples: not a file/);
    const career = await run("report", "--career", EVENTS, "--login", "alice");
    expect(career.err).toMatch(/^rungs report: --career examples\/events\/quarter\.jsonl: not a directory/);
  });

  it("uses the career repo the settings name", async () => {
    const career = join(tmp, "named-career");
    cpSync("examples/career-repo", career, { recursive: true });
    writeFileSync(join(career, ".github/rungs.yml"), "career_repo: people-ops\ntime_zone: Europe/Berlin\n");
    const r = await run("simulate", "--career", career, "--events", EVENTS, "--out", join(tmp, "named"));
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(tmp, "named", "summary.json"), "utf8"));
    expect(summary.issues).toHaveLength(3);
    expect(summary.requests.mutationsOutsideCareerRepo).toBe(0);
  }, 60_000);

  it("explains its usage", async () => {
    const r = await run("simulate", "--career", "examples/career-repo");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rungs simulate: --events FILE is required/);
  });
});
