import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runRungs } from "../support/cli.js";

const run = runRungs;

const dirs: string[] = [];
const sample = () => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-career-"));
  dirs.push(dir);
  cpSync("examples/career-repo", dir, { recursive: true });
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const edit = (dir: string, path: string, change: (s: string) => string) => {
  const full = join(dir, path);
  writeFileSync(full, change(readFileSync(full, "utf8")));
};

describe("rungs validate", () => {
  it("passes the bundled ladder and the sample career repo", async () => {
    expect(await run("validate")).toEqual({ code: 0, out: "ladder ok: 8 levels, 18 criteria", err: "" });
    const dir = sample();
    const r = await run("validate", dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${dir}: valid career repo: 5 people, 8 levels, 0 quarter ledgers`);
  });

  it("lists every problem in profiles and settings with file, line and column", async () => {
    const dir = sample();
    edit(dir, "people/alice/profile.md", (s) =>
      s.replace("level: IC0", "level: IC7").replace("manager: dana", "manager: zed"),
    );
    edit(dir, "people/dana/profile.md", (s) => s.replace("manager: erin", "manager: bob"));
    edit(dir, "people/bob/profile.md", (s) => s.replace("manager: dana", "manager: dana\nteam: web"));
    edit(dir, ".github/rungs.yml", (s) =>
      s
        .replace("time_zone: Europe/Berlin", "time_zone: Mars/Olympus")
        .replace("max_lines: 400", "max_lines: lots"),
    );
    edit(dir, "people/bob/goals/2026-Q4.md", (s) => s.replace("mentor-intern", "mentor-interns"));
    const r = await run("validate", dir);
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toEqual([
      '.github/rungs.yml:2:1: time_zone: not an IANA time zone, e.g. Europe/Berlin (saw "Mars/Olympus")',
      '.github/rungs.yml:5:3: small.max_lines: Invalid input: expected number, received string (saw "lots")',
      'people/bob/profile.md:5:1: unknown field "team"',
      'people/alice/profile.md:3:1: level: "IC7" is not a level of the ladder (levels: IC0, IC1, IC2, IC3, IC4, M1, M2, M3)',
      'people/alice/profile.md:4:1: manager: "zed" has no profile (people/zed/profile.md)',
      'people/bob/goals/2026-Q4.md:2:1: focus: "mentor-interns" is not a criterion of the ladder',
    ]);
    expect(r.err).toBe(`6 problems in ${dir}`);
  });

  it("finds a management cycle", async () => {
    const dir = sample();
    edit(dir, "people/erin/profile.md", (s) => s.replace("manager: null", "manager: dana"));
    const r = await run("validate", dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "people/dana/profile.md:4:1: manager: management chain forms a cycle (dana → erin → dana)",
    );
  });

  it("reports a missing people folder, YAML errors, empty and binary files", async () => {
    const dir = sample();
    rmSync(join(dir, "people"), { recursive: true });
    expect((await run("validate", dir)).out).toBe(
      "people/:1:1: missing folder: a career repo keeps people/<login>/profile.md",
    );

    const dir2 = sample();
    writeFileSync(join(dir2, ".github/rungs.yml"), "time_zone: [UTC\n");
    writeFileSync(join(dir2, "people/carol/profile.md"), "");
    writeFileSync(join(dir2, "people/bob/goals/2026-Q4.md"), "x".repeat(10_000_000));
    writeFileSync(join(dir2, "people/erin/profile.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]));
    const r = await run("validate", dir2);
    expect(r.code).toBe(1);
    expect(r.out.split("\n")).toEqual([
      expect.stringMatching(/^\.github\/rungs\.yml:2:\d+: YAML syntax error: /),
      "people/carol/profile.md:1:1: file is empty",
      "people/erin/profile.md:1:1: file is binary (contains NUL bytes); expected UTF-8 text",
      "people/bob/goals/2026-Q4.md:1:1: file is 10000000 bytes; at most 1000000 bytes are read",
    ]);
  });

  it("explains its usage and rejects a missing directory without a stack trace", async () => {
    expect((await run("validate", "--help")).out).toMatch(/^Usage: rungs validate \[DIR\]/);
    const r = await run("validate", "/no/such/dir");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^rungs validate: \/no\/such\/dir: no such directory/);
    expect((await run("frobnicate")).code).toBe(2);
  });
});

describe("rungs validate on ledgers", () => {
  it("checks hand-added evidence names a real criterion", async () => {
    const dir = sample();
    const ledger = [
      "login: carol",
      "quarter: 2026-Q4",
      "items:",
      "  - kind: manual",
      "    key: manual:checkout",
      "    at: 2026-11-20T12:00:00Z",
      "    title: Checkout v2",
      "    criterion: metric-impact",
      "    provenance: { source: added, by: dana, recorded_at: 2026-11-21T09:00:00Z }",
      "",
    ].join("\n");
    mkdirSync(join(dir, "people/carol/evidence"));
    writeFileSync(join(dir, "people/carol/evidence/2026-Q4.yml"), ledger);
    const r = await run("validate", dir);
    expect(r.out).toBe(
      'people/carol/evidence/2026-Q4.yml:8:1: criterion: "metric-impact" is not a criterion of the ladder',
    );
    writeFileSync(
      join(dir, "people/carol/evidence/2026-Q4.yml"),
      ledger.replace("metric-impact", "metric-impact-project").replace("2026-11-20T12:00:00Z", "20.11.2026"),
    );
    expect((await run("validate", dir)).out).toBe(
      'people/carol/evidence/2026-Q4.yml:6:5: items[0].at: expected an ISO 8601 date-time, e.g. 2026-10-05T15:00:00Z (saw "20.11.2026")',
    );
  });
});
