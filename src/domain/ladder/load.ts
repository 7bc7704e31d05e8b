import { type Checked, failed, ok, type Problem, problemAt } from "../problem.js";
import { type MarkdownSource, parseMarkdown, zodProblems } from "../yaml-source.js";
import { type Ladder, type Level, LevelFrontmatter } from "./schema.js";

export interface TextFile {
  path: string;
  text: string;
}

const REQUIRED_SECTIONS = ["You are here if", "What you do", "Success looks like", "Example quarterly goal"];

const headingsOf = (body: string): string[] =>
  body
    .split("\n")
    .filter((l) => /^##\s+/.test(l))
    .map((l) => l.replace(/^##\s+/, "").trim());

const sectionProblems = (file: string, source: MarkdownSource, level: LevelFrontmatter): Problem[] => {
  const headings = headingsOf(source.body);
  const missing = REQUIRED_SECTIONS.filter((s) => !headings.some((h) => h.toLowerCase() === s.toLowerCase()));
  const pathHeading = level.next ? "Path to" : "What's next";
  if (!headings.some((h) => h.toLowerCase().startsWith(pathHeading.toLowerCase()))) {
    missing.push(level.next ? `Path to ${level.next}` : pathHeading);
  }
  return missing.map((s) => problemAt(file, `missing body section "## ${s}"`, source.bodyLine, 1));
};

interface Parsed {
  level: Level;
  source: MarkdownSource;
}

const parseLevelFile = (file: TextFile): Parsed | Problem[] => {
  const source = parseMarkdown(file.path, file.text);
  if ("message" in source) return [source];
  const result = LevelFrontmatter.safeParse(source.data);
  if (!result.success) return zodProblems(source, result.error);
  const level: Level = { ...result.data, body: source.body, file: file.path };
  const problems = sectionProblems(file.path, source, level);
  const stem = file.path.split("/").pop()?.replace(/\.md$/, "");
  if (stem !== level.id) {
    const at = source.locate(["id"]);
    problems.push(
      problemAt(file.path, `id "${level.id}" does not match the file name ${stem}.md`, at.line, at.column),
    );
  }
  return problems.length ? problems : { level, source };
};

/** Checks what only the whole ladder can show: unique ids, `next` and track changes that exist, no cycles. */
const ladderProblems = (parsed: readonly Parsed[], unparsed: ReadonlySet<string>): Problem[] => {
  const problems: Problem[] = [];
  const byId = new Map<string, Parsed>();
  const criterionOwner = new Map<string, string>();
  for (const p of parsed) {
    const { level, source } = p;
    const dup = byId.get(level.id);
    if (dup) {
      const at = source.locate(["id"]);
      problems.push(
        problemAt(
          level.file,
          `duplicate level id "${level.id}" (also in ${dup.level.file})`,
          at.line,
          at.column,
        ),
      );
      continue;
    }
    byId.set(level.id, p);
    for (const [field, list] of [
      ["criteria", level.criteria],
      ["signals", level.signals],
    ] as const) {
      list.forEach((c, i) => {
        const owner = criterionOwner.get(c.id);
        if (owner) {
          const at = source.locate([field, i, "id"]);
          problems.push(
            problemAt(level.file, `duplicate criterion id "${c.id}" (also in ${owner})`, at.line, at.column),
          );
        } else {
          criterionOwner.set(c.id, level.file);
        }
      });
    }
  }
  const known = [...byId.keys()].sort().join(", ");
  // A level whose own file failed to parse is reported there, not again at every reference to it.
  const exists = (id: string) => byId.has(id) || unparsed.has(id);
  for (const { level, source } of byId.values()) {
    if (level.next !== null && !exists(level.next)) {
      const at = source.locate(["next"]);
      problems.push(
        problemAt(
          level.file,
          `next: level "${level.next}" does not exist (levels: ${known})`,
          at.line,
          at.column,
        ),
      );
    }
    level.track_changes.forEach((t, i) => {
      if (!exists(t)) {
        const at = source.locate(["track_changes", i]);
        problems.push(
          problemAt(
            level.file,
            `track_changes: level "${t}" does not exist (levels: ${known})`,
            at.line,
            at.column,
          ),
        );
      }
    });
    level.criteria.forEach((c, i) => {
      const where =
        c.rule.kind === "count" || c.rule.kind === "aggregate" || c.rule.kind === "weekly"
          ? c.rule.where
          : undefined;
      for (const [j, l] of (where?.pr_author_level ?? []).entries()) {
        if (!exists(l)) {
          const at = source.locate(["criteria", i, "rule", "where", "pr_author_level", j]);
          problems.push(
            problemAt(
              level.file,
              `pr_author_level: level "${l}" does not exist (levels: ${known})`,
              at.line,
              at.column,
            ),
          );
        }
      }
    });
  }
  for (const start of byId.values()) {
    const seen = [start.level.id];
    let next = start.level.next;
    while (next !== null) {
      if (next === start.level.id) {
        const at = start.source.locate(["next"]);
        problems.push(
          problemAt(
            start.level.file,
            `next: levels form a cycle (${[...seen, next].join(" → ")})`,
            at.line,
            at.column,
          ),
        );
        break;
      }
      if (seen.includes(next)) break;
      seen.push(next);
      next = byId.get(next)?.level.next ?? null;
    }
  }
  return problems;
};

/** Loads a ladder from its level files (`ladder/*.md`); other files in the folder are ignored. */
export const loadLadder = (files: readonly TextFile[], folder = "ladder"): Checked<Ladder> => {
  const levelFiles = files.filter((f) => /\.md$/.test(f.path) && !/(^|\/)README\.md$/i.test(f.path));
  if (levelFiles.length === 0)
    return failed([problemAt(folder, "no level files (*.md) in the ladder folder")]);
  const parsed: Parsed[] = [];
  const problems: Problem[] = [];
  const unparsed = new Set<string>();
  for (const file of levelFiles) {
    const r = parseLevelFile(file);
    if (Array.isArray(r)) {
      problems.push(...r);
      unparsed.add(file.path.split("/").pop()?.replace(/\.md$/, "") ?? file.path);
    } else parsed.push(r);
  }
  problems.push(...ladderProblems(parsed, unparsed));
  if (problems.length) return failed(problems);
  return ok({ levels: new Map(parsed.map((p) => [p.level.id, p.level])) });
};
