import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseProfile, parseSettings } from "../../src/domain/career-repo.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { commentedSettings } from "../../src/domain/settings-template.js";
import { runRungs } from "../support/cli.js";

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-init-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

describe("rungs init", () => {
  it("scaffolds a career repo that rungs validate passes", async () => {
    const dir = join(scratch(), "careers");
    const r = await runRungs(
      "init",
      dir,
      "--people",
      "erin:M2",
      "--people",
      "dana:M1:erin,alice:IC0:dana",
      "--people",
      "bob:IC1:Dana",
    );
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${join(dir, ".github/rungs.yml")}`);
    expect(r.out).toContain(`${dir}: a career repo with 4 people. Next:`);
    expect(await runRungs("validate", dir)).toEqual({
      code: 0,
      out: `${dir}: valid career repo: 4 people, 8 levels, 0 quarter ledgers`,
      err: "",
    });
    expect(readdirSync(join(dir, "people")).sort()).toEqual(["alice", "bob", "dana", "erin"]);
    const erin = parseProfile("p", "erin", read(dir, "people/erin/profile.md"));
    const bob = parseProfile("p", "bob", read(dir, "people/bob/profile.md"));
    expect(erin.ok && [erin.value.level, erin.value.manager]).toEqual(["M2", null]);
    // The manager is written as their own profile spells the login.
    expect(bob.ok && [bob.value.level, bob.value.manager]).toEqual(["IC1", "dana"]);
    expect(existsSync(join(dir, "ladder"))).toBe(false);
    expect(read(dir, "README.md")).toContain("## Keep it private");
    expect(read(dir, ".github/workflows/rungs.yml")).toBe(
      readFileSync("templates/workflows/rungs.yml", "utf8"),
    );
  });

  it("copies the bundled ladder to customise with --ladder, and the copy validates as the repo's own", async () => {
    const dir = scratch();
    const r = await runRungs("init", dir, "--ladder", "--people", "erin:M2");
    expect(r.code).toBe(0);
    for (const level of readdirSync("ladder"))
      expect(read(dir, `ladder/${level}`)).toBe(readFileSync(`ladder/${level}`, "utf8"));
    expect(read(dir, "ladder/README.md")).toContain("docs/ladder.md");
    writeFileSync(join(dir, "ladder/IC0.md"), read(dir, "ladder/IC0.md").replace("next: IC1", "next: IC9"));
    const broken = await runRungs("validate", dir);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('ladder/IC0.md:8:1: next: level "IC9" does not exist');
  });

  it("needs someone to start with: the top of the organisation", async () => {
    const dir = join(scratch(), "careers");
    const r = await runRungs("init", dir);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(
      "rungs init: give at least one --people LOGIN:LEVEL[:MANAGER]: a career repo starts with the top of the organisation, e.g. --people erin:M2",
    );
    expect(existsSync(dir)).toBe(false);
  });

  it.each([
    [
      ["alice"],
      '--people "alice": expected login:level or login:level:manager (e.g. alice:IC2:dana, or dana:M1 for someone nobody manages)',
    ],
    [["alice:IC1:dana:x"], '--people "alice:IC1:dana:x": expected login:level or login:level:manager'],
    [["alice:IC1:"], '--people "alice:IC1:": expected login:level or login:level:manager'],
    [["../x:IC1"], '--people "../x:IC1": "../x" is not a GitHub login'],
    [
      ["alice:IC9"],
      '--people "alice:IC9": level "IC9" is not a level of the ladder (levels: IC0, IC1, IC2, IC3, IC4, M1, M2, M3)',
    ],
    [
      ["alice:IC1:zed"],
      '--people "alice:IC1:zed": manager "zed" is not one of the people given (add them, e.g. --people zed:M1)',
    ],
    [["alice:IC1:alice"], '--people "alice:IC1:alice": nobody is their own manager'],
    [["alice:IC1", "Alice:IC2"], '--people "Alice:IC2": Alice is given twice (also "alice:IC1")'],
    [
      ["a:IC1:b,b:IC2:c,c:M1:a", "d:M2"],
      "--people: managers form a cycle (a → b → c → a); the top of the organisation is given without a manager",
    ],
  ])("refuses --people %j with one clear line, writing nothing", async (people, message) => {
    const dir = join(scratch(), "careers");
    const r = await runRungs("init", dir, ...people.flatMap((p) => ["--people", p]));
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]?.startsWith(`rungs init: ${message}`)).toBe(true);
    expect(r.err).toContain("Usage: rungs init DIR");
    expect(existsSync(dir)).toBe(false);
  });

  it("lists every bad --people value at once", async () => {
    const r = await runRungs("init", scratch(), "--people", "alice:IC9,bob", "--people", "carol:IC1:zed");
    expect(
      r.err
        .split("\n")
        .slice(0, 3)
        .map((l) => l.replace(/:.*?"/, ':"').slice(0, 40)),
    ).toHaveLength(3);
    expect(r.err).toContain('"alice:IC9": level "IC9"');
    expect(r.err).toContain('"bob": expected login:level');
    expect(r.err).toContain('"carol:IC1:zed": manager "zed"');
  });

  it("refuses a folder that is not empty, unless --force", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "notes.txt"), "mine\n");
    const r = await runRungs("init", dir, "--people", "erin:M2");
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `rungs init: ${dir} is not empty; give a new or empty folder, or --force to write into it (files of the same name are replaced)`,
    });
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
    expect((await runRungs("init", dir, "--force", "--people", "erin:M2")).code).toBe(0);
    expect(read(dir, "notes.txt")).toBe("mine\n");
    expect((await runRungs("validate", dir)).code).toBe(0);
  });

  it("takes a fresh clone of an empty repository (only .git) as empty", async () => {
    const dir = scratch();
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git/HEAD"), "ref: refs/heads/main\n");
    expect((await runRungs("init", dir, "--people", "erin:M2")).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([".git", ".github", "README.md", "people"]);
  });

  it("never writes outside DIR, even through a symbolic link inside it", async () => {
    const dir = scratch();
    const elsewhere = scratch();
    symlinkSync(elsewhere, join(dir, "people"));
    const r = await runRungs("init", dir, "--force", "--people", "erin:M2");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${join(dir, "people")}: not a folder (a link or a file); rungs init writes only below DIR`,
    );
    expect(r.err).toContain("nothing was written");
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["people"]);
  });

  it("refuses a DIR that is a file, and a missing or second DIR", async () => {
    const file = join(scratch(), "f");
    writeFileSync(file, "");
    expect(await runRungs("init", file)).toMatchObject({
      code: 2,
      err: expect.stringContaining(`${file}: not a folder`),
    });
    expect((await runRungs("init")).code).toBe(2);
    expect((await runRungs("init", "a", "b")).err).toContain("expected one DIR, got 2");
  });
});

describe("the settings rungs init writes", () => {
  it("parses with the real loader as the defaults", () => {
    const r = parseSettings(".github/rungs.yml", commentedSettings());
    expect(r.ok && r.value).toEqual(defaultSettings());
  });

  it("shows every setting of the schema, each with a comment above it", () => {
    const text = commentedSettings();
    for (const key of Object.keys(defaultSettings()).concat("_extends", "consistency"))
      expect(text).toMatch(new RegExp(`^# ${key}:`, "m"));
    const lines = text.split("\n");
    lines.forEach((l, i) => {
      if (/^# *[a-z_]+:/.test(l)) expect(lines[i - 1], l).toMatch(/^#\s*(#\s)?[A-Z`"(]|^# +# /);
    });
  });

  it("gives each commented-out setting its real default: uncommented, the file parses to the defaults", () => {
    // Uncomment every setting line but the two with no default (_extends, consistency).
    const uncommented = commentedSettings()
      .split("\n")
      .map((l) => (/^# ( *)([a-z_]+):/.test(l) && !/^# (_extends|consistency):/.test(l) ? l.slice(2) : l))
      .join("\n");
    expect(parse(uncommented).small).toEqual({ max_lines: 400 });
    const r = parseSettings(".github/rungs.yml", uncommented);
    expect(r.ok && r.value).toEqual(defaultSettings());
    // …and the two examples are valid values too.
    const all = commentedSettings().replace(/^# (_extends|consistency):/gm, "$1:");
    const withExamples = parseSettings(".github/rungs.yml", all);
    expect(withExamples.ok && withExamples.value.consistency).toEqual({ quarters: 2, of: 3 });
  });
});

/** A GitHub Actions expression as written in a workflow. */
const expression = (e: string) => `\${{ ${e} }}`;

describe("the scheduled workflow rungs init writes", () => {
  const workflow = () => readFileSync("templates/workflows/rungs.yml", "utf8");
  const runs = (job: string): string[] => {
    const jobs: Record<string, { steps: { run?: string }[] }> = parse(workflow()).jobs;
    return (jobs[job]?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));
  };

  it("heals then syncs the last 7 days nightly, opens each quarter on its first day, and reports progress", () => {
    const on = parse(workflow()).on;
    expect(on.schedule.map((s: { cron: string }) => s.cron)).toEqual([
      "17 2 * * *",
      "37 5 1 1,4,7,10 *",
      "47 6 * * 1",
    ]);
    expect(runs("nightly").slice(1)).toEqual([
      "npx --no-install rungs heal",
      `npx --no-install rungs sync --repo "$CAREER_REPO" --since "$(date -u -d '7 days ago' +%Y-%m-%d)"`,
    ]);
    expect(runs("open-quarter")).toContain('npx --no-install rungs open-quarter --repo "$CAREER_REPO"');
    expect(runs("progress")).toContain('npx --no-install rungs progress --repo "$CAREER_REPO"');
  });

  it("authenticates as the app from secrets, and never runs a package fetched by name", () => {
    const env = parse(workflow()).env;
    // The CLI prefers GITHUB_TOKEN when set; this repository's token cannot read the others.
    expect(env).not.toHaveProperty("GITHUB_TOKEN");
    expect(env).toMatchObject({
      APP_ID: expression("secrets.RUNGS_APP_ID"),
      PRIVATE_KEY: expression("secrets.RUNGS_PRIVATE_KEY"),
      CAREER_REPO: expression("github.repository"),
    });
    const all = ["nightly", "open-quarter", "progress"].flatMap(runs);
    for (const line of all.filter((l) => l.includes("npx"))) expect(line).toMatch(/^npx --no-install rungs /);
    expect(parse(workflow()).permissions).toEqual({ contents: "read" });
  });

  it("calls each command with flags that command takes", async () => {
    const calls = ["nightly", "open-quarter", "progress"]
      .flatMap(runs)
      .flatMap((l) => [...l.matchAll(/npx --no-install rungs ([a-z-]+)([^\n]*)/g)]);
    expect(calls.map((c) => c[1])).toEqual(["heal", "sync", "open-quarter", "progress"]);
    for (const [, command = "", args = ""] of calls) {
      const help = await runRungs(command, "--help");
      expect(help.code, command).toBe(0);
      for (const flag of args.match(/--[a-z-]+/g) ?? [])
        expect(help.out, `${command} ${flag}`).toContain(flag);
    }
  });
});
