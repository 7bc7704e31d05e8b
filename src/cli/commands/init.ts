import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { loadCareerRepo } from "../../domain/career-repo.js";
import { loadLadder, type TextFile } from "../../domain/ladder/load.js";
import { formatProblem } from "../../domain/problem.js";
import { careerRepoFiles, parsePeople } from "../../domain/scaffold.js";
import { commentedSettings } from "../../domain/settings-template.js";
import { type Command, parse, UsageError } from "../command.js";
import { bundledLadder, isDirectory, projectRoot, readTree } from "../files.js";

const template = (path: string) => readFileSync(join(projectRoot(), "templates", path), "utf8");

const LADDER_README = `# The ladder

One file per level: frontmatter with the level's machine-checked criteria, then the human part. Rungs uses
this folder instead of its bundled ladder. Edit it to fit your organisation, check it with
\`npx rungs validate .\`, and see docs/ladder.md in the Rungs repository for the format.
`;

/** What is already at `path`: nothing, a folder, or something else (a file, a link). */
const kindAt = (path: string): "none" | "directory" | "other" => {
  try {
    return lstatSync(path).isDirectory() ? "directory" : "other";
  } catch {
    return "none";
  }
};

/**
 * Why a file cannot be written at `path` below `root` without leaving it, or undefined. Every existing
 * part of the path must be a real folder (a symbolic link could lead anywhere), and the file itself, if
 * it exists, a plain file.
 */
const escapeFrom = (root: string, path: string): string | undefined => {
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const at = join(root, ...parts.slice(0, i));
    const kind = kindAt(at);
    if (kind === "none") return undefined;
    const last = i === parts.length;
    if (!last && kind !== "directory")
      return `${at}: not a folder (a link or a file); rungs init writes only below DIR`;
    if (last && (kind === "directory" || lstatSync(at).isSymbolicLink()))
      return `${at}: not a plain file; rungs init writes only plain files below DIR`;
  }
  return undefined;
};

export const init: Command = {
  name: "init",
  summary: "scaffold a career repo: settings, profiles, optionally the ladder, the scheduled workflow",
  usage: `rungs init DIR --people LOGIN:LEVEL[:MANAGER] … [--ladder] [--force]

  DIR                   where to create the career repo (created if missing; must be empty unless --force)
  --people LOGIN:LEVEL[:MANAGER]
                        a profile for each person, repeatable or comma-separated; a person given without
                        a manager is the top of the organisation; a manager must be one of the people
  --ladder              copy the bundled ladder into DIR/ladder/ to customise it
  --force               write into a non-empty DIR, replacing files of the same name

Writes README.md, .github/rungs.yml (every setting, commented), .github/workflows/rungs.yml (nightly
heal and sync, open-quarter, progress) and people/<login>/profile.md; the result passes rungs validate.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        people: { type: "string", multiple: true, default: [] },
        ladder: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
      },
      true,
    );
    if (positionals.length !== 1) throw new UsageError(`expected one DIR, got ${positionals.length}`);
    const dir = positionals[0] ?? "";
    const at = kindAt(dir);
    if (at === "other") throw new UsageError(`${dir}: not a folder`);
    // A fresh clone of an empty repository holds only .git: that is empty enough.
    if (at === "directory" && readdirSync(dir).some((name) => name !== ".git") && !values.force) {
      io.err(
        `rungs init: ${dir} is not empty; give a new or empty folder, or --force to write into it (files of the same name are replaced)`,
      );
      return 1;
    }

    // Levels are those of the ladder the repo will have: one already in DIR, else the bundled one.
    const own = isDirectory(join(dir, "ladder"))
      ? readTree(join(dir, "ladder")).map((f) => ({ ...f, path: `ladder/${f.path}` }))
      : [];
    const ladderFiles: TextFile[] = own.length && !values.ladder ? own : bundledLadder();
    const ladder = loadLadder(ladderFiles);
    if (!ladder.ok) {
      for (const p of ladder.problems) io.err(formatProblem(p));
      io.err(`rungs init: the ladder has problems; fix ${dir}/ladder first`);
      return 1;
    }
    if (!values.people.length)
      throw new UsageError(
        "give at least one --people LOGIN:LEVEL[:MANAGER]: a career repo starts with the top of the organisation, e.g. --people erin:M2",
      );
    const people = parsePeople(values.people, ladder.value);
    if (!people.ok) throw new UsageError(people.problems.join("\n"));

    const files = careerRepoFiles({
      people: people.people,
      settings: commentedSettings(),
      readme: template("career-repo/README.md"),
      workflow: template("workflows/rungs.yml"),
      ...(values.ladder
        ? { ladder: [...bundledLadder(), { path: "ladder/README.md", text: LADDER_README }] }
        : {}),
    });
    // Never write a career repo that does not validate: it would be a bug here, said before any write.
    const check = loadCareerRepo([...(values.ladder ? [] : own), ...files], bundledLadder());
    if (check.problems.length) {
      for (const p of check.problems) io.err(formatProblem(p));
      io.err("rungs init: the scaffold does not validate; nothing was written (this is a bug in Rungs)");
      return 1;
    }

    mkdirSync(dir, { recursive: true });
    const root = realpathSync(dir);
    const refusals = files.flatMap((f) => escapeFrom(root, f.path) ?? []);
    if (refusals.length) {
      for (const r of refusals) io.err(`rungs init: ${r}`);
      io.err("rungs init: nothing was written");
      return 1;
    }
    for (const f of files) {
      const target = resolve(root, f.path);
      if (relative(root, target).startsWith(`..${sep}`)) throw new Error(`${f.path} leaves ${root}`);
      mkdirSync(join(target, ".."), { recursive: true });
      writeFileSync(target, f.text, { flag: values.force ? "w" : "wx" });
      io.out(`wrote ${join(dir, f.path)}`);
    }
    io.out(
      [
        "",
        `${dir}: a career repo with ${people.people.length} ${people.people.length === 1 ? "person" : "people"}. Next:`,
        `  npx rungs validate ${dir}`,
        "  push it to a PRIVATE repository named careers, install the Rungs app on it and on the repositories",
        "  that produce evidence, and read the top of .github/workflows/rungs.yml for its secrets",
        "  (docs/install.md in the Rungs repository, step by step).",
      ].join("\n"),
    );
    return 0;
  },
};
