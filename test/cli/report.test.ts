import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { serializeShard } from "../../src/domain/ledger.js";
import { signer } from "../../src/domain/signature.js";
import { runRungs } from "../support/cli.js";

const run = runRungs;

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

const KEY = "test-signing-key";

/** A day shard as the app writes it: items signed with KEY (unless `forge`), for `login`'s 2026-Q4. */
const ledgerShard = (login: string, keys: string[], forge = false) => {
  const sign = signer(KEY);
  const items: EvidenceItem[] = keys.map((k, i) => ({
    kind: "learning_note",
    key: k,
    at: `2026-10-0${i + 1}T10:00:00Z`,
    title: `note ${k}`,
    path: `people/${login}/learning/${k}.md`,
    provenance: { source: "observed", recorded_at: "2026-10-09T00:00:00Z" },
  }));
  return serializeShard(
    { login, quarter: "2026-Q4", items: forge ? items : items.map((i) => sign.sign(i, login, "2026-Q4")) },
    "2026-10-01",
  );
};

const keyFile = (dir: string) => {
  const path = join(dir, "..", `${dir.split("/").pop()}.key`);
  writeFileSync(path, `${KEY}\n`);
  return path;
};

/** `rungs report --json` on alice's 2026-Q4 in a checkout, verifying with the test key. */
const aliceReport = (dir: string) =>
  run(
    "report",
    "--career",
    dir,
    "--login",
    "alice",
    "--quarter",
    "2026-Q4",
    "--json",
    "--signing-key-file",
    keyFile(dir),
  );

describe("rungs report --login", () => {
  it("counts only items it can verify, and says how many it could not", async () => {
    const dir = sample();
    write(dir, "people/alice/evidence/2026-Q4/2026-10-01.yml", ledgerShard("alice", ["a"]));
    // Typed by hand, claiming to be observed: it does not verify.
    write(dir, "people/alice/evidence/2026-Q4/2026-10-02.yml", ledgerShard("alice", ["forged"], true));
    // Copied from bob's ledger: signed, but for bob.
    write(
      dir,
      "people/alice/evidence/2026-Q4/2026-10-03.yml",
      ledgerShard("bob", ["copied"]).replace("login: bob", "login: alice"),
    );
    const args = ["report", "--career", dir, "--login", "alice", "--quarter", "2026-Q4", "--json"];
    const r = await run(...args, "--signing-key-file", keyFile(dir));
    expect(r.err).toBe(
      "rungs report: 2 items in 2026-Q4 could not be verified and do not count (typed, copied or edited by hand)",
    );
    const report = JSON.parse(r.out) as { items: { counted: number; unverified: number } };
    expect(report.items).toEqual({
      counted: 1,
      observed: 1,
      confirmed: 0,
      claimed: 0,
      unverified: 2,
      rejected: 0,
      excluded: 0,
    });
    // Without the key nothing can be verified, and it says so.
    const blind = await run(...args);
    expect(blind.err).toBe(
      "rungs report: 3 items in 2026-Q4 could not be verified and do not count: no signing key (set RUNGS_SIGNING_KEY or --signing-key-file)",
    );
  });

  it("reads only that person's files and the organisation's: other people's broken files are skipped with one line", async () => {
    const dir = sample();
    // Someone else's alias bomb, a top-of-org profile without `manager`, and a broken ledger of bob's.
    write(dir, "people/bob/profile.md", "---\nlevel: IC1\nmanager: dana\na: &a [1]\nb: [*a, *a, *a]\n---\n");
    write(dir, "people/erin/profile.md", "---\nlevel: M2\n---\n");
    write(dir, "people/bob/evidence/2026-Q4/2026-10-01.yml", "login: [bob\n");
    write(dir, "people/alice/evidence/2026-Q4/2026-10-01.yml", ledgerShard("alice", ["a", "b"]));
    const r = await aliceReport(dir);
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
    const r = await aliceReport(dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      `people/alice/evidence/2026-Q4/2026-10-02.yml:3:1: login: "bob" is not the folder's person (alice)`,
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
