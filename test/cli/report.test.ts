import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

const dirs: string[] = [];
const sample = () => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-report-"));
  dirs.push(dir);
  cpSync("examples/career-repo", dir, { recursive: true });
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const write = (dir: string, path: string, text: string) => {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
};

const ledgerShard = (login: string, keys: string[]) =>
  [
    `login: ${login}`,
    "quarter: 2026-Q4",
    "items:",
    ...keys.flatMap((k, i) => [
      "  - kind: learning_note",
      `    key: ${k}`,
      `    at: 2026-10-0${i + 1}T10:00:00Z`,
      `    title: note ${k}`,
      `    path: people/${login}/learning/${k}.md`,
      "    provenance: { source: observed, recorded_at: 2026-10-09T00:00:00Z }",
    ]),
    "",
  ].join("\n");

describe("rungs report --login", () => {
  it("reads only that person's files and the organisation's: other people's broken files are skipped with one line", async () => {
    const dir = sample();
    // Someone else's alias bomb, a top-of-org profile without `manager`, and a broken ledger of bob's.
    write(dir, "people/bob/profile.md", "---\nlevel: IC1\nmanager: dana\na: &a [1]\nb: [*a, *a, *a]\n---\n");
    write(dir, "people/erin/profile.md", "---\nlevel: M2\n---\n");
    write(dir, "people/bob/evidence/2026-Q4/2026-10-01.yml", "login: [bob\n");
    write(dir, "people/alice/evidence/2026-Q4/2026-10-01.yml", ledgerShard("alice", ["a", "b"]));
    const r = await run("report", "--career", dir, "--login", "alice", "--quarter", "2026-Q4", "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "rungs report: skipped 2 other people's profiles with problems (rungs validate lists them)",
    );
    const report = JSON.parse(r.out) as { login: string; criteria: { id: string; value: number | null }[] };
    expect(report.login).toBe("alice");
    expect(report.criteria.find((c) => c.id === "weekly-learning")?.value).toBe(1);
  });

  it("lists problems in the person's own files on stderr and leaves those files out", async () => {
    const dir = sample();
    write(dir, "people/alice/evidence/2026-Q4/2026-10-01.yml", ledgerShard("alice", ["a"]));
    write(dir, "people/alice/evidence/2026-Q4/2026-10-02.yml", ledgerShard("bob", ["b"]));
    const r = await run("report", "--career", dir, "--login", "alice", "--quarter", "2026-Q4", "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `people/alice/evidence/2026-Q4/2026-10-02.yml:1:1: login: "bob" is not the folder's person (alice)`,
    );
    const report = JSON.parse(r.out) as { criteria: { id: string; value: number | null }[] };
    expect(report.criteria.find((c) => c.id === "weekly-learning")?.value).toBe(1);
  });

  it("accepts files saved with a byte-order mark and Windows line ends", async () => {
    const dir = sample();
    write(
      dir,
      "people/alice/profile.md",
      "\uFEFF---\r\nname: Alice Adams\r\nlevel: IC0\r\nmanager: dana\r\nsince: 2026-06-01\r\n---\r\n",
    );
    const r = await run("report", "--career", dir, "--login", "alice", "--quarter", "2026-Q4");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe("alice · IC0 Intern → IC1 Junior Engineer · 2026-Q4");
  });

  it("says when the organisation's own files must be fixed first", async () => {
    const dir = sample();
    write(dir, ".github/rungs.yml", "time_zone: Mars/Olympus\n");
    const r = await run("report", "--career", dir, "--login", "alice");
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      '.github/rungs.yml:1:1: time_zone: not an IANA time zone, e.g. Europe/Berlin (saw "Mars/Olympus")',
      "rungs report: the organisation's settings or ladder have problems; fix them first",
    ]);
  });
});
