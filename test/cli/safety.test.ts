import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledLadder, readTree } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import { formatLog } from "../../src/simulate/logs.js";
import { MARKER, writeOutput } from "../../src/simulate/output.js";
import { simulate } from "../../src/simulate/run.js";
import { runRungs } from "../support/cli.js";

const run = runRungs;

const tmp = mkdtempSync(join(tmpdir(), "rungs-safety-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(tmp, `${name}-${++n}`);

const EVENTS = "examples/events/quarter.jsonl";
const QUARTER = readFileSync(EVENTS, "utf8").trim().split("\n");
interface Line {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  files?: Record<string, string | null>;
}
const lineAt = (i: number): Line => JSON.parse(QUARTER[i] ?? "{}") as Line;
/** Line 7 of the demo stream: a merged pull request (alice's); line 8: a push to the career repo with files. */
const MERGED = 6;
const PUSH = 7;

const eventsFile = (lines: (Line | string)[]) => {
  const path = fresh("events.jsonl");
  writeFileSync(path, `${lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n")}\n`);
  return path;
};
const simulateCli = (events: string, out: string) =>
  run("simulate", "--career", "examples/career-repo", "--events", events, "--out", out);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const linesOf = (text: string, events: string) => text.split("\n").filter((l) => l.startsWith(`${events}:`));

describe("rungs simulate never writes outside the career repo or --out", () => {
  it("refuses a push whose files leave the repository, applies nothing of it, and goes on", async () => {
    const bad = [
      "../../escape.txt",
      "/abs.txt",
      "people\\alice\\x.md",
      "people/a\u0000b.md",
      "people/../../up.txt",
    ];
    const pushes = bad.map((path, i): Line => {
      const p = lineAt(PUSH);
      const after = `${"c".repeat(39)}${i}`;
      return {
        ...p,
        id: `evil-${i}`,
        payload: { ...p.payload, after },
        files: { [path]: "pwned\n", "people/alice/learning/also.md": "# Also\n" },
      };
    });
    const events = eventsFile([...QUARTER.slice(0, 7), ...pushes, QUARTER[PUSH] ?? ""]);
    const out = join(fresh("deep"), "a", "out");
    const r = await simulateCli(events, out);
    expect(r.code).toBe(1);
    const lines = linesOf(r.err, events);
    expect(lines).toHaveLength(bad.length);
    for (const [i, path] of bad.entries())
      expect(lines[i]).toMatch(
        new RegExp(
          `^${events}:${8 + i}: files: ${escapeRe(JSON.stringify(path))} leaves the repository: it `,
        ),
      );
    // Nothing of a refused delivery is applied; the good push after them is.
    expect(existsSync(join(out, "repo/people/alice/learning/also.md"))).toBe(false);
    expect(existsSync(join(out, "repo/people/alice/learning/week-1.md"))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.events).toEqual({ delivered: 8, failed: bad.length });
    // Nothing landed next to or above --out.
    expect(readdirSync(join(out, "..")).sort()).toEqual(["out"]);
    expect(readdirSync(join(out, "..", "..")).sort()).toEqual(["a"]);
    expect(existsSync(join(tmp, "escape.txt"))).toBe(false);
    expect(existsSync("/abs.txt")).toBe(false);
  }, 60_000);

  it("never writes a career-repo path outside out/repo, even one that reached the sandbox", async () => {
    const careerFiles = [...readTree("examples/career-repo"), { path: "../outside.txt", text: "pwned\n" }];
    const result = await simulate({
      careerFiles,
      events: QUARTER.slice(0, 2).join("\n"),
      bundledLadder: bundledLadder(),
      templates: loadTemplates(),
    });
    const out = join(fresh("dind"), "out");
    const { refused } = writeOutput(result, out);
    expect(refused).toEqual(["../outside.txt"]);
    expect(existsSync(join(out, "outside.txt"))).toBe(false);
    expect(existsSync(join(out, "..", "outside.txt"))).toBe(false);
    expect(existsSync(join(out, "repo", "people", "alice", "profile.md"))).toBe(true);
  }, 60_000);
});

describe("--out only ever replaces its own earlier output", () => {
  it("marks its output and replaces it on the next run", async () => {
    const out = fresh("out");
    const events = eventsFile(QUARTER.slice(0, 3));
    expect((await simulateCli(events, out)).code).toBe(0);
    expect(readFileSync(join(out, MARKER), "utf8")).toMatch(/rungs simulate/);
    writeFileSync(join(out, "issues", "99.md"), "stale\n");
    expect((await simulateCli(events, out)).code).toBe(0);
    expect(existsSync(join(out, "issues", "99.md"))).toBe(false);
  }, 60_000);

  it("refuses a non-empty folder without the marker, even one holding only output-like names", async () => {
    const out = fresh("lookalike");
    mkdirSync(join(out, "repo"), { recursive: true });
    writeFileSync(join(out, "repo", "thesis.tex"), "years of work\n");
    writeFileSync(join(out, "summary.json"), "{}\n");
    const r = await simulateCli(eventsFile(QUARTER.slice(0, 1)), out);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(
      `rungs simulate: --out ${out}: holds repo, summary.json but no ${MARKER} marker, so it is not a previous run's output: give an empty or new folder (or a previous --out)`,
    );
    expect(readFileSync(join(out, "repo", "thesis.tex"), "utf8")).toBe("years of work\n");
  });

  it("refuses a previous output that someone added their own files to", async () => {
    const out = fresh("added");
    const events = eventsFile(QUARTER.slice(0, 1));
    expect((await simulateCli(events, out)).code).toBe(0);
    writeFileSync(join(out, "notes.md"), "mine\n");
    const r = await simulateCli(events, out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rungs simulate: --out .*: holds notes\.md besides a previous run's output/);
    expect(readFileSync(join(out, "notes.md"), "utf8")).toBe("mine\n");
  }, 60_000);
});

describe("rungs simulate: bad dates and failed deliveries", () => {
  it("names the field and value of a date that is not one, instead of 'Invalid time value'", async () => {
    const merged = lineAt(MERGED);
    const pr = (merged.payload.pull_request ?? {}) as Record<string, unknown>;
    const bad: Line = {
      ...merged,
      payload: { ...merged.payload, pull_request: { ...pr, merged_at: "2026-13-45" } },
    };
    const commits: Line = {
      ...lineAt(PUSH),
      id: "push-late",
      payload: { ...lineAt(PUSH).payload, after: "d".repeat(40), commits: [{ id: "x", timestamp: "soon" }] },
    };
    const events = eventsFile([...QUARTER.slice(0, 6), bad, commits]);
    const r = await simulateCli(events, fresh("dates"));
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/Invalid time value/);
    expect(linesOf(r.err, events)).toEqual([
      `${events}:7: payload.pull_request.merged_at: "2026-13-45" is not a date-time; expected ISO 8601, e.g. 2026-10-05T15:00:00Z`,
      `${events}:8: payload.commits[0].timestamp: "soon" is not a date-time; expected ISO 8601, e.g. 2026-10-05T15:00:00Z`,
    ]);
  }, 60_000);

  it("prints one line for a delivery the app rejects, never its payload", async () => {
    // Without node_id the app rejects the pull request: as a failed delivery (exit 1) or, where the app
    // turns a bad payload into a warning, as that warning. Either way: one line, naming the line.
    const merged = lineAt(MERGED);
    const { node_id: _n, ...pr } = (merged.payload.pull_request ?? {}) as Record<string, unknown>;
    const events = eventsFile([
      ...QUARTER.slice(0, 6),
      { ...merged, payload: { ...merged.payload, pull_request: pr } },
    ]);
    const r = await simulateCli(events, fresh("fail"));
    const lines = r.err.split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${escapeRe(events)}:7: .*pull_request\\.node_id`));
    expect(lines[0]).not.toMatch(/"payload"|"event"|"stack"|Codertocat/);
  }, 60_000);

  it("reduces Probot's report of a failed delivery to one line without the event or stack", () => {
    const line = formatLog({
      level: 50,
      msg: "Invalid time value",
      time: 1,
      pid: 2,
      hostname: "h",
      name: "event",
      id: "merged-web-100",
      err: {
        type: "RangeError",
        message: "Invalid time value\nsecond line",
        stack: "RangeError: Invalid time value\n    at localTime (src/domain/quarter.ts:62:42)",
        event: { id: "merged-web-100", name: "pull_request", payload: { pull_request: { title: "secret" } } },
      },
      nested: { payload: { huge: true }, kept: 1 },
    });
    expect(line).toBe(
      'error: Invalid time value {"id":"merged-web-100","err":"Invalid time value","nested":{"kept":1}}',
    );
  });

  it("prints each app log on one line with the delivery's line, without payloads or stacks", async () => {
    const merged = lineAt(MERGED);
    const { node_id: _n, ...pr } = (merged.payload.pull_request ?? {}) as Record<string, unknown>;
    const events = eventsFile([
      ...QUARTER.slice(0, 6),
      { ...merged, payload: { ...merged.payload, pull_request: pr } },
    ]);
    const r = await run(
      "simulate",
      "--career",
      "examples/career-repo",
      "--events",
      events,
      "--out",
      fresh("verbose"),
      "--verbose",
    );
    const lines = r.err.split("\n");
    expect(lines.some((l) => new RegExp(`^${events}:\\d+: info: `).test(l))).toBe(true);
    for (const l of lines) {
      expect(l).not.toMatch(/"payload"|"event"|"stack"|\s{4}at /);
      expect(l.length).toBeLessThan(700);
    }
  }, 60_000);
});
