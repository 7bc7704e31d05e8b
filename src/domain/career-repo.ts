import { loadLadder, type TextFile } from "./ladder/load.js";
import type { Ladder } from "./ladder/schema.js";
import type { Ledger } from "./ledger.js";
import { parseLedger } from "./ledger.js";
import { type Checked, failed, ok, type Problem, problemAt } from "./problem.js";
import { type Goals, GoalsFrontmatter, type Profile, ProfileFrontmatter } from "./profile.js";
import { parseQuarterLabel } from "./quarter.js";
import { mergeSettingsData, Settings } from "./settings.js";
import { checkText, parseMarkdown, parseYaml, zodProblems } from "./yaml-source.js";

/** A career repo as the app and the CLI see it: settings, ladder, people, their goals and ledgers. */
export interface CareerRepo {
  settings: Settings;
  ladder: Ladder;
  profiles: Map<string, Profile>;
  /** Keyed by `<login>/<quarter>`. */
  goals: Map<string, Goals>;
  /** Keyed by `<login>/<quarter>`. */
  ledgers: Map<string, Ledger>;
}

export const SETTINGS_PATH = ".github/rungs.yml";

export const parseSettings = (file: string, text: string): Checked<Settings> => {
  const bad = checkText(file, text);
  if (bad) return bad.message === "file is empty" ? ok(Settings.parse({})) : failed([bad]);
  const source = parseYaml(file, text);
  if ("message" in source) return failed([source]);
  const data = source.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return failed([problemAt(file, "settings must be a mapping of field: value")]);
  }
  const result = Settings.safeParse(data);
  return result.success ? ok(result.data) : failed(zodProblems(source, result.error));
};

export const parseProfile = (file: string, login: string, text: string): Checked<Profile> => {
  const source = parseMarkdown(file, text);
  if ("message" in source) return failed([source]);
  const result = ProfileFrontmatter.safeParse(source.data);
  if (!result.success) return failed(zodProblems(source, result.error));
  return ok({ ...result.data, login, notes: source.body.trim() });
};

export const parseGoals = (file: string, text: string): Checked<Goals> => {
  const source = parseMarkdown(file, text);
  if ("message" in source) {
    // Goals may be plain markdown with no frontmatter.
    return source.message.startsWith("missing YAML frontmatter")
      ? ok({ focus: [], text: text.trim() })
      : failed([source]);
  }
  const result = GoalsFrontmatter.safeParse(source.data);
  if (!result.success) return failed(zodProblems(source, result.error));
  return ok({ focus: result.data.focus, text: source.body.trim() });
};

const PROFILE = /^people\/([^/]+)\/profile\.md$/;
const GOALS = /^people\/([^/]+)\/goals\/([^/]+)\.md$/;
const LEDGER = /^people\/([^/]+)\/evidence\/([^/]+)\.yml$/;

const lineOf = (text: string, needle: RegExp): { line: number; column: number } => {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => needle.test(l));
  return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: 1 };
};

/** Reads and cross-checks a career-repo checkout, reporting every problem, not just the first. */
export const loadCareerRepo = (
  files: readonly TextFile[],
  bundledLadder: readonly TextFile[],
): Checked<CareerRepo> => {
  const problems: Problem[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.text]));

  let settings = Settings.parse({});
  const settingsText = byPath.get(SETTINGS_PATH);
  if (settingsText !== undefined) {
    const r = parseSettings(SETTINGS_PATH, settingsText);
    if (r.ok) settings = r.value;
    else problems.push(...r.problems);
  }

  const ownLadder = files.filter((f) => f.path.startsWith("ladder/"));
  const ladderResult = loadLadder(ownLadder.length ? ownLadder : bundledLadder);
  if (!ladderResult.ok) return failed([...problems, ...ladderResult.problems]);
  const ladder = ladderResult.value;

  if (!files.some((f) => f.path.startsWith("people/"))) {
    problems.push(problemAt("people/", "missing folder: a career repo keeps people/<login>/profile.md"));
  }

  const profiles = new Map<string, Profile>();
  const profileText = new Map<string, string>();
  for (const f of files) {
    const m = PROFILE.exec(f.path);
    if (!m?.[1]) continue;
    const r = parseProfile(f.path, m[1], f.text);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    profiles.set(m[1], r.value);
    profileText.set(m[1], f.text);
  }
  const folders = new Set(
    files.map((f) => /^people\/([^/]+)\//.exec(f.path)?.[1]).filter((l): l is string => !!l),
  );
  for (const login of folders) {
    if (!files.some((f) => f.path === `people/${login}/profile.md`)) {
      problems.push(
        problemAt(`people/${login}/`, `no profile.md: add people/${login}/profile.md with level and manager`),
      );
    }
  }

  const levels = [...ladder.levels.keys()].sort().join(", ");
  for (const [login, p] of profiles) {
    const file = `people/${login}/profile.md`;
    const text = profileText.get(login) ?? "";
    if (!ladder.levels.has(p.level)) {
      const at = lineOf(text, /^level:/);
      problems.push(
        problemAt(
          file,
          `level: "${p.level}" is not a level of the ladder (levels: ${levels})`,
          at.line,
          at.column,
        ),
      );
    }
    for (const field of ["manager", "mentor"] as const) {
      const other = p[field];
      if (other && !files.some((f) => f.path === `people/${other}/profile.md`)) {
        const at = lineOf(text, new RegExp(`^${field}:`));
        problems.push(
          problemAt(
            file,
            `${field}: "${other}" has no profile (people/${other}/profile.md)`,
            at.line,
            at.column,
          ),
        );
      }
    }
    if (p.manager === login) {
      const at = lineOf(text, /^manager:/);
      problems.push(problemAt(file, "manager: a person cannot manage themselves", at.line, at.column));
    }
  }
  for (const login of profiles.keys()) {
    const chain = [login];
    let m = profiles.get(login)?.manager;
    while (m && profiles.has(m)) {
      if (m === login) {
        const at = lineOf(profileText.get(login) ?? "", /^manager:/);
        problems.push(
          problemAt(
            `people/${login}/profile.md`,
            `manager: management chain forms a cycle (${[...chain, m].join(" → ")})`,
            at.line,
            at.column,
          ),
        );
        break;
      }
      if (chain.includes(m)) break;
      chain.push(m);
      m = profiles.get(m)?.manager;
    }
  }

  const criteria = new Set(
    [...ladder.levels.values()].flatMap((l) => [...l.criteria, ...l.signals].map((c) => c.id)),
  );
  const goals = new Map<string, Goals>();
  const ledgers = new Map<string, Ledger>();
  for (const f of files) {
    const g = GOALS.exec(f.path);
    if (g?.[1] && g[2]) {
      if (!parseQuarterLabel(g[2])) {
        problems.push(
          problemAt(f.path, `goal files are named by quarter, e.g. people/${g[1]}/goals/2026-Q4.md`),
        );
        continue;
      }
      const r = parseGoals(f.path, f.text);
      if (!r.ok) {
        problems.push(...r.problems);
        continue;
      }
      for (const id of r.value.focus) {
        if (!criteria.has(id)) {
          const at = lineOf(f.text, new RegExp(`\\b${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
          problems.push(
            problemAt(f.path, `focus: "${id}" is not a criterion of the ladder`, at.line, at.column),
          );
        }
      }
      goals.set(`${g[1]}/${g[2]}`, r.value);
      continue;
    }
    const l = LEDGER.exec(f.path);
    if (l?.[1] && l[2]) {
      const r = parseLedger(f.path, f.text);
      if (!r.ok) {
        problems.push(...r.problems);
        continue;
      }
      for (const item of r.value.items) {
        if (item.kind === "manual" && !criteria.has(item.criterion)) {
          const at = lineOf(
            f.text,
            new RegExp(`criterion:\\s*["']?${item.criterion.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
          );
          problems.push(
            problemAt(
              f.path,
              `criterion: "${item.criterion}" is not a criterion of the ladder`,
              at.line,
              at.column,
            ),
          );
        }
      }
      ledgers.set(`${l[1]}/${l[2]}`, r.value);
    }
  }
  if (problems.length) return failed(problems);
  return ok({ settings, ladder, profiles, goals, ledgers });
};

export const ORG_SETTINGS_PATH = ".github:.github/rungs.yml";

const dataOf = (file: string, text: string): Record<string, unknown> => {
  const source = parseYaml(file, text);
  const data = "message" in source ? undefined : source.data;
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
};

/**
 * Settings from the organisation's `.github` file and the career repo's own (Probot's convention: the
 * repo's file inherits the organisation's only with `_extends`; no file in the repo means the org's).
 * Each file is checked on its own first, so a problem names that file and line.
 */
export const resolveSettings = (org: string | undefined, own: string | undefined): Checked<Settings> => {
  const problems: Problem[] = [];
  for (const [file, text] of [
    [ORG_SETTINGS_PATH, org],
    [SETTINGS_PATH, own],
  ] as const) {
    if (text?.trim()) {
      const r = parseSettings(file, text);
      if (!r.ok) problems.push(...r.problems);
    }
  }
  if (problems.length) return failed(problems);
  const orgData = org?.trim() ? dataOf(ORG_SETTINGS_PATH, org) : {};
  const ownData = own?.trim() ? dataOf(SETTINGS_PATH, own) : undefined;
  const merged = !ownData
    ? orgData
    : typeof ownData._extends === "string"
      ? mergeSettingsData(orgData, ownData)
      : ownData;
  const parsed = Settings.safeParse({ ...merged, _extends: undefined });
  return parsed.success
    ? ok(parsed.data)
    : failed([
        problemAt(
          SETTINGS_PATH,
          `invalid once merged with ${ORG_SETTINGS_PATH}: ${parsed.error.issues[0]?.message}`,
        ),
      ]);
};

/** Why Rungs must not write evidence into the career repo, or undefined when it may. */
export const careerRepoRefusal = (visibility: string, settings: Settings): string | undefined => {
  if (settings.privacy.allow_public_career_repo) return undefined;
  if (visibility === "PUBLIC") return "career repo is public";
  if (visibility === "INTERNAL") return "career repo is internal (visible to the whole enterprise)";
  return undefined;
};
