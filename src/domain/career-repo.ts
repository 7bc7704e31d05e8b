import type { EvidenceItem } from "./evidence.js";
import { loadLadder, type TextFile } from "./ladder/load.js";
import type { Ladder } from "./ladder/schema.js";
import { type ParsedFiles, type QuarterLedger, type ReadFile, readQuarterLedger } from "./ledger.js";
import { classifyPath, GITHUB_LOGIN, ORG_SETTINGS_PATH, PERSON_FILE, SETTINGS_PATH } from "./paths.js";
import { type Checked, failed, ok, type Problem, problemAt } from "./problem.js";
import { type Goals, GoalsFrontmatter, type Profile, ProfileFrontmatter } from "./profile.js";
import { parseQuarterLabel } from "./quarter.js";
import { mergeSettingsData, Settings } from "./settings.js";
import type { Signer } from "./signature.js";
import { checkText, normalizeText, parseMarkdown, parseYaml, zodProblems } from "./yaml-source.js";

export { ORG_SETTINGS_PATH, SETTINGS_PATH } from "./paths.js";

/**
 * The one loader and checker of a career repo, for the app and the CLI alike. It is split the way
 * failures must be isolated: the organisation (settings, ladder, the org chart of profiles) and each
 * person's own files (goals, ledgers). A problem in one person's files is that person's alone.
 */

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
      ? ok({ focus: [], text: normalizeText(text).trim() })
      : failed([source]);
  }
  const result = GoalsFrontmatter.safeParse(source.data);
  if (!result.success) return failed(zodProblems(source, result.error));
  return ok({ focus: result.data.focus, text: source.body.trim() });
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const lineOf = (text: string, needle: RegExp): { line: number; column: number } => {
  const i = normalizeText(text)
    .split("\n")
    .findIndex((l) => needle.test(l));
  return i < 0 ? { line: 1, column: 1 } : { line: i + 1, column: 1 };
};

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
  if (visibility.toUpperCase() === "PUBLIC") return "career repo is public";
  if (visibility.toUpperCase() === "INTERNAL")
    return "career repo is internal (visible to the whole enterprise)";
  return undefined;
};

/** The organisation-wide part of a career repo: settings, ladder and the org chart. */
export interface Organisation {
  settings: Settings;
  ladder: Ladder;
  /** People whose profile parses and checks, by login (the folder's spelling). */
  profiles: Map<string, Profile>;
  /** People whose profile has a problem: their evidence waits until it is fixed; nobody else's does. */
  brokenProfiles: Map<string, Problem[]>;
}

export interface OrganisationFiles {
  /** `.github/rungs.yml` of the organisation's `.github` repository. */
  orgSettings?: string | undefined;
  settings?: string | undefined;
  /** `ladder/*.md` of the career repo; none means the bundled ladder. */
  ladder: readonly TextFile[];
  bundledLadder: readonly TextFile[];
  /** Every `people/<login>/profile.md`, by the folder's login. */
  profiles: readonly { login: string; text: string }[];
}

/** The problems of one profile that only the whole org chart shows: level, manager, mentor, cycles. */
const orgChartProblems = (
  login: string,
  profile: Profile,
  text: string,
  profiles: ReadonlyMap<string, Profile>,
  known: ReadonlySet<string>,
  ladder: Ladder,
): Problem[] => {
  const file = `people/${login}/profile.md`;
  const problems: Problem[] = [];
  if (!ladder.levels.has(profile.level)) {
    const at = lineOf(text, /^level:/);
    const levels = [...ladder.levels.keys()].sort().join(", ");
    problems.push(
      problemAt(
        file,
        `level: "${profile.level}" is not a level of the ladder (levels: ${levels})`,
        at.line,
        at.column,
      ),
    );
  }
  for (const field of ["manager", "mentor"] as const) {
    const other = profile[field];
    if (other && !known.has(other.toLowerCase())) {
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
  problems.push(...historyProblems(file, profile, text));
  if (profile.manager?.toLowerCase() === login.toLowerCase()) {
    const at = lineOf(text, /^manager:/);
    problems.push(problemAt(file, "manager: a person cannot manage themselves", at.line, at.column));
    return problems;
  }
  const chain = [login];
  let m = profile.manager;
  while (m && profiles.has(m)) {
    if (m === login) {
      const at = lineOf(text, /^manager:/);
      problems.push(
        problemAt(
          file,
          `manager: management chain forms a cycle (${[...chain, m].join(" → ")})`,
          at.line,
          at.column,
        ),
      );
      break;
    }
    if (chain.includes(m)) break;
    chain.push(m);
    m = profiles.get(m)?.manager ?? null;
  }
  return problems;
};

/**
 * The history must let past quarters be judged by their own org chart (domain/org-chart.ts): the
 * current level needs its date once earlier levels are listed, entries go oldest first, and the last
 * dated manager or mentor change must be the current one.
 */
const historyProblems = (file: string, profile: Profile, text: string): Problem[] => {
  const problems: Problem[] = [];
  const at = (field: string) => lineOf(text, new RegExp(`^${field}:`));
  if (profile.history.some((e) => e.level !== undefined) && !profile.since) {
    const where = at("history");
    problems.push(
      problemAt(
        file,
        "since: required when history lists earlier levels: the date the current level started (YYYY-MM-DD)",
        where.line,
        where.column,
      ),
    );
  }
  const dates = profile.history.map((e) => e.since);
  if (dates.some((d, i) => i > 0 && d < (dates[i - 1] ?? ""))) {
    const where = at("history");
    problems.push(problemAt(file, "history: list the changes oldest first", where.line, where.column));
  }
  for (const field of ["manager", "mentor"] as const) {
    const changes = profile.history.filter((e) => e[field] !== undefined);
    const last = changes[changes.length - 1];
    const current = field === "manager" ? profile.manager : (profile.mentor ?? null);
    if (last && (last[field] ?? null) !== current) {
      const where = at(field);
      problems.push(
        problemAt(
          file,
          `${field}: ${JSON.stringify(current)} but the latest ${field} change in history is ${JSON.stringify(last[field] ?? null)}: add { since: YYYY-MM-DD, ${field}: ${current ?? "null"} } to history`,
          where.line,
          where.column,
        ),
      );
    }
  }
  return problems;
};

/**
 * Loads the organisation: settings and ladder must hold for anyone to be evaluated (their problems
 * fail the whole load, and the app keeps everyone's evidence aside); a profile's problems only take
 * that person out.
 */
export const loadOrganisation = (files: OrganisationFiles): Checked<Organisation> => {
  const settings = resolveSettings(files.orgSettings, files.settings);
  const ladder = loadLadder(files.ladder.length ? files.ladder : files.bundledLadder);
  if (!settings.ok || !ladder.ok) {
    return failed([...(settings.ok ? [] : settings.problems), ...(ladder.ok ? [] : ladder.problems)]);
  }
  const parsed = new Map<string, Profile>();
  const texts = new Map<string, string>();
  const brokenProfiles = new Map<string, Problem[]>();
  for (const { login, text } of files.profiles) {
    if (!GITHUB_LOGIN.test(login)) {
      brokenProfiles.set(login, [
        problemAt(
          `people/${login}/profile.md`,
          "the folder's name is not a GitHub login: name it after the person's login",
        ),
      ]);
      continue;
    }
    const r = parseProfile(`people/${login}/profile.md`, login, text);
    if (r.ok) {
      parsed.set(login, r.value);
      texts.set(login, text);
    } else brokenProfiles.set(login, r.problems);
  }
  const known = new Set(files.profiles.map((p) => p.login.toLowerCase()));
  const profiles = new Map<string, Profile>();
  for (const [login, profile] of parsed) {
    const problems = orgChartProblems(login, profile, texts.get(login) ?? "", parsed, known, ladder.value);
    if (problems.length) brokenProfiles.set(login, problems);
    else profiles.set(login, profile);
  }
  return ok({ settings: settings.value, ladder: ladder.value, profiles, brokenProfiles });
};

/** One person's own files: goals per quarter and ledgers per quarter, each checked on its own. */
export interface PersonFiles {
  login: string;
  goals: Map<string, Goals>;
  ledgers: Map<string, QuarterLedger>;
  problems: Problem[];
}

const criterionIds = (ladder: Ladder): Set<string> =>
  new Set([...ladder.levels.values()].flatMap((l) => [...l.criteria, ...l.signals].map((c) => c.id)));

const goalsProblems = (file: string, text: string, goals: Goals, ids: ReadonlySet<string>): Problem[] =>
  goals.focus.flatMap((id) => {
    if (ids.has(id)) return [];
    const at = lineOf(text, new RegExp(`(^|[\\s,\\[-])["']?${escapeRegExp(id)}["']?\\s*(,|\\]|$)`));
    const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 57)}...` : id);
    return [problemAt(file, `focus: ${shown} is not a criterion of the ladder`, at.line, at.column)];
  });

const manualProblems = (
  ledger: QuarterLedger,
  files: ReadonlyMap<string, string>,
  ids: ReadonlySet<string>,
) =>
  [ledger.head, ...ledger.shards].flatMap((f) =>
    (f.parsed?.ok ? f.parsed.value.items : []).flatMap((item: EvidenceItem) => {
      if (item.kind !== "manual" || ids.has(item.criterion)) return [];
      const at = lineOf(
        files.get(f.path) ?? "",
        new RegExp(`criterion:\\s*["']?${escapeRegExp(item.criterion)}`),
      );
      return [
        problemAt(
          f.path,
          `criterion: "${item.criterion}" is not a criterion of the ladder`,
          at.line,
          at.column,
        ),
      ];
    }),
  );

/**
 * Loads one person's goals and ledgers from the files under their folder. A goals file or ledger
 * file with a problem is reported and left out; the rest of the person's files still count.
 */
export const loadPerson = (
  ladder: Ladder,
  login: string,
  files: readonly ReadFile[],
  signer?: Signer,
  parsedFiles?: ParsedFiles,
): PersonFiles => {
  const ids = criterionIds(ladder);
  const problems: Problem[] = [];
  const goals = new Map<string, Goals>();
  const texts = new Map(files.map((f) => [f.path, f.text ?? ""]));
  const byQuarter = new Map<
    string,
    { head?: ReadFile; shards: (ReadFile & { name: string })[]; pending?: ReadFile }
  >();
  const quarterFiles = (q: string) => {
    const entry = byQuarter.get(q) ?? { shards: [] };
    byQuarter.set(q, entry);
    return entry;
  };
  for (const f of files) {
    if (f.sha === undefined) continue;
    const path = classifyPath(f.path);
    if (!("login" in path) || path.login.toLowerCase() !== login.toLowerCase()) continue;
    switch (path.kind) {
      case "goals": {
        if (!parseQuarterLabel(path.quarter)) {
          problems.push(
            problemAt(f.path, `goal files are named by quarter, e.g. people/${login}/goals/2026-Q4.md`),
          );
          break;
        }
        const r = parseGoals(f.path, f.text ?? "");
        const wrong = r.ok ? goalsProblems(f.path, f.text ?? "", r.value, ids) : r.problems;
        if (wrong.length) problems.push(...wrong);
        else if (r.ok) goals.set(path.quarter, r.value);
        break;
      }
      case "ledger":
        quarterFiles(path.quarter).head = f;
        break;
      case "shard":
        quarterFiles(path.quarter).shards.push({ ...f, name: path.name });
        break;
      case "pending":
        quarterFiles(path.quarter).pending = f;
        break;
      default:
        break;
    }
  }
  const ledgers = new Map<string, QuarterLedger>();
  for (const [quarter, f] of [...byQuarter].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ledger = readQuarterLedger({ login, quarter }, f.head, f.shards, f.pending, signer, parsedFiles);
    problems.push(...ledger.problems, ...manualProblems(ledger, texts, ids));
    ledgers.set(quarter, ledger);
  }
  return { login, goals, ledgers, problems };
};

/** A career repo as `rungs validate` and `rungs report` see a checkout. */
export interface CareerRepo {
  organisation: Organisation;
  people: Map<string, PersonFiles>;
}

/** Splits a checkout into the organisation's files and each person's. */
export const organisationFilesOf = (
  files: readonly TextFile[],
  bundledLadder: readonly TextFile[],
): OrganisationFiles => ({
  settings: files.find((f) => f.path === SETTINGS_PATH)?.text,
  ladder: files.filter((f) => f.path.startsWith("ladder/")),
  bundledLadder,
  profiles: files.flatMap((f) => {
    const p = classifyPath(f.path);
    return p.kind === "profile" ? [{ login: p.login, text: f.text }] : [];
  }),
});

/**
 * Reads and checks a whole checkout, reporting every problem: the organisation's, then each
 * person's. `only` limits the people read to those logins (everyone else's own files are not parsed).
 * The repo is there whenever the organisation loads: one person's problems never hide another's data.
 */
export const loadCareerRepo = (
  files: readonly TextFile[],
  bundledLadder: readonly TextFile[],
  only?: readonly string[],
  signer?: Signer,
): { repo: CareerRepo | undefined; problems: Problem[] } => {
  const orgFiles = organisationFilesOf(files, bundledLadder);
  const org = loadOrganisation(orgFiles);
  if (!org.ok) {
    // Broken settings: still check everyone's files against the default settings, so one run lists all.
    const withDefaults = loadOrganisation({ ...orgFiles, settings: undefined, orgSettings: undefined });
    const rest = withDefaults.ok ? checkPeople(files, withDefaults.value, only, signer).problems : [];
    return { repo: undefined, problems: [...org.problems, ...rest] };
  }
  const checked = checkPeople(files, org.value, only, signer);
  return { repo: { organisation: org.value, people: checked.people }, problems: checked.problems };
};

const checkPeople = (
  files: readonly TextFile[],
  organisation: Organisation,
  only: readonly string[] | undefined,
  signer: Signer | undefined,
): { people: Map<string, PersonFiles>; problems: Problem[] } => {
  const org = { value: organisation };
  const problems: Problem[] = [];
  if (!files.some((f) => f.path.startsWith("people/"))) {
    problems.push(problemAt("people/", "missing folder: a career repo keeps people/<login>/profile.md"));
  }
  const wanted = only ? new Set(only.map((l) => l.toLowerCase())) : undefined;
  const folders = new Map<string, TextFile[]>();
  for (const f of files) {
    const login = PERSON_FILE.exec(f.path)?.[1];
    if (!login || (wanted && !wanted.has(login.toLowerCase()))) continue;
    folders.set(login, [...(folders.get(login) ?? []), f]);
  }
  for (const [login, broken] of org.value.brokenProfiles) {
    if (!wanted || wanted.has(login.toLowerCase())) problems.push(...broken);
  }
  const people = new Map<string, PersonFiles>();
  for (const [login, own] of folders) {
    if (!own.some((f) => f.path === `people/${login}/profile.md`)) {
      problems.push(
        problemAt(`people/${login}/`, `no profile.md: add people/${login}/profile.md with level and manager`),
      );
    }
    const person = loadPerson(
      org.value.ladder,
      login,
      own.map((f) => ({ path: f.path, text: f.text, sha: "checkout" })),
      signer,
    );
    problems.push(...person.problems);
    people.set(login, person);
  }
  return { people, problems };
};
