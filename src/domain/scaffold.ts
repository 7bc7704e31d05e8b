import type { TextFile } from "./ladder/load.js";
import type { Ladder } from "./ladder/schema.js";
import { GITHUB_LOGIN, profilePath, SETTINGS_PATH } from "./paths.js";

/** Someone `rungs init --people login:level[:manager]` creates a profile for. */
export interface NewPerson {
  login: string;
  level: string;
  /** null: the top of the organisation. */
  manager: string | null;
}

export type PeopleResult = { ok: true; people: NewPerson[] } | { ok: false; problems: string[] };

const EXAMPLE = "e.g. alice:IC2:dana, or dana:M1 for someone nobody manages";

/**
 * `--people` values (each may hold several, comma-separated), checked as a whole: logins, levels of the
 * ladder, each manager one of the people given, nobody given twice, and no management cycle. Every
 * problem is one line naming the value as typed.
 */
export const parsePeople = (values: readonly string[], ladder: Ladder): PeopleResult => {
  const problems: string[] = [];
  const specs = values.flatMap((v) => v.split(",")).map((s) => s.trim());
  const parsed: (NewPerson & { spec: string })[] = [];
  const levels = [...ladder.levels.keys()].sort().join(", ");
  for (const spec of specs) {
    const parts = spec.split(":");
    const [login = "", level = "", manager] = parts;
    if (parts.length < 2 || parts.length > 3 || !login || !level || manager === "") {
      problems.push(`--people "${spec}": expected login:level or login:level:manager (${EXAMPLE})`);
      continue;
    }
    const bad = [login, ...(manager === undefined ? [] : [manager])].filter((l) => !GITHUB_LOGIN.test(l));
    if (bad.length) {
      problems.push(`--people "${spec}": ${bad.map((l) => `"${l}"`).join(", ")} is not a GitHub login`);
      continue;
    }
    if (!ladder.levels.has(level)) {
      problems.push(`--people "${spec}": level "${level}" is not a level of the ladder (levels: ${levels})`);
      continue;
    }
    parsed.push({ spec, login, level, manager: manager ?? null });
  }

  const byLogin = new Map<string, NewPerson & { spec: string }>();
  for (const p of parsed) {
    const twin = byLogin.get(p.login.toLowerCase());
    if (twin) problems.push(`--people "${p.spec}": ${p.login} is given twice (also "${twin.spec}")`);
    else byLogin.set(p.login.toLowerCase(), p);
  }
  const people = [...byLogin.values()].map((p) => {
    const manager = p.manager === null ? null : byLogin.get(p.manager.toLowerCase());
    if (p.manager !== null && !manager)
      problems.push(
        `--people "${p.spec}": manager "${p.manager}" is not one of the people given (add them, e.g. --people ${p.manager}:M1)`,
      );
    if (manager?.login === p.login) problems.push(`--people "${p.spec}": nobody is their own manager`);
    // GitHub logins are case-insensitive: the manager is written as their own profile spells them.
    return { login: p.login, level: p.level, manager: manager ? manager.login : p.manager };
  });
  if (!problems.length) problems.push(...cycles(people));
  return problems.length ? { ok: false, problems } : { ok: true, people };
};

/** Management chains that come back to where they started: someone must be at the top. */
const cycles = (people: readonly NewPerson[]): string[] => {
  const managerOf = new Map(people.map((p) => [p.login, p.manager]));
  const reported = new Set<string>();
  const out: string[] = [];
  for (const { login } of people) {
    const chain = [login];
    let next = managerOf.get(login) ?? null;
    while (next !== null && !chain.includes(next)) {
      chain.push(next);
      next = managerOf.get(next) ?? null;
    }
    if (next === null || reported.has(next)) continue;
    const loop = chain.slice(chain.indexOf(next));
    for (const l of loop) reported.add(l);
    out.push(
      `--people: managers form a cycle (${[...loop, next].join(" → ")}); the top of the organisation is given without a manager (${EXAMPLE})`,
    );
  }
  return out;
};

/** `people/<login>/profile.md` for a new person. */
export const profileText = (p: NewPerson): string =>
  [
    "---",
    `level: ${p.level}`,
    p.manager === null ? "manager: null # the top of the organisation" : `manager: ${p.manager}`,
    "# mentor: a login, optional",
    "# since: YYYY-MM-DD the current level started, optional",
    "---",
    "Notes for this person and their manager.",
    "",
  ].join("\n");

export interface CareerRepoScaffold {
  people: readonly NewPerson[];
  /** `.github/rungs.yml`. */
  settings: string;
  readme: string;
  workflow: string;
  /** The ladder to copy in (`ladder/*.md`), when the organisation wants its own to customise. */
  ladder?: readonly TextFile[];
}

/** Every file of a new career repo, paths relative to its root. */
export const careerRepoFiles = (s: CareerRepoScaffold): TextFile[] => [
  { path: "README.md", text: s.readme },
  { path: SETTINGS_PATH, text: s.settings },
  { path: ".github/workflows/rungs.yml", text: s.workflow },
  ...(s.ladder ?? []),
  ...s.people.map((p) => ({ path: profilePath(p.login), text: profileText(p) })),
];
