import { describe, expect, it } from "vitest";
import { bundledLadder } from "../../src/cli/files.js";
import {
  careerRepoRefusal,
  loadCareerRepo,
  loadOrganisation,
  loadPerson,
  ORG_SETTINGS_PATH,
  type OrganisationFiles,
  organisationFilesOf,
  parseGoals,
  parseProfile,
  parseSettings,
  resolveSettings,
  SETTINGS_PATH,
} from "../../src/domain/career-repo.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder, type TextFile } from "../../src/domain/ladder/load.js";
import type { Ladder } from "../../src/domain/ladder/schema.js";
import { emptyLedger, emptyShard, serializeLedger, serializeShard } from "../../src/domain/ledger.js";
import { formatProblem, type Problem } from "../../src/domain/problem.js";
import { defaultSettings, type Settings } from "../../src/domain/settings.js";
import { manual as manualItem, note as noteItem } from "./fixtures.js";

const BUNDLED = bundledLadder();
const LADDER: Ladder = (() => {
  const r = loadLadder(BUNDLED);
  if (!r.ok) throw new Error("the bundled ladder loads");
  return r.value;
})();
const LEVELS = "IC0, IC1, IC2, IC3, IC4, M1, M2, M3";

const lines = (ps: readonly Problem[]) => ps.map(formatProblem);

/** A profile's text: frontmatter fields in order, then a body. */
const profile = (fields: Record<string, string | null>, body = "Notes.") =>
  `---\n${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v === null ? "null" : v}`)
    .join("\n")}\n---\n${body}\n`;
const person = (level: string, manager: string | null, extra: Record<string, string> = {}) =>
  profile({ level, manager, ...extra });

/** A small, sound organisation: erin manages dana, who manages alice and bob; bob mentors alice. */
const SOUND = [
  { login: "erin", text: person("M2", null) },
  { login: "dana", text: person("M1", "erin") },
  { login: "alice", text: person("IC0", "dana", { mentor: "bob" }) },
  { login: "bob", text: person("IC1", "dana") },
];

const org = (profiles: OrganisationFiles["profiles"], over: Partial<OrganisationFiles> = {}) =>
  loadOrganisation({ ladder: [], bundledLadder: BUNDLED, profiles, ...over });

const chart = (profiles: OrganisationFiles["profiles"]) => {
  const r = org(profiles);
  if (!r.ok) throw new Error(lines(r.problems).join("\n"));
  return {
    profiles: [...r.value.profiles.keys()].sort(),
    broken: Object.fromEntries([...r.value.brokenProfiles].map(([l, ps]) => [l, lines(ps)])),
  };
};

describe("loadOrganisation: the org chart", () => {
  it.each<[string, OrganisationFiles["profiles"], string[], Record<string, string[]>]>([
    ["a sound organisation", SOUND, ["alice", "bob", "dana", "erin"], {}],
    ["nobody", [], [], {}],
    [
      "a profile that does not parse",
      [...SOUND, { login: "carl", text: "---\nlevel: [IC1\n---\n" }],
      ["alice", "bob", "dana", "erin"],
      { carl: [expect.stringMatching(/^people\/carl\/profile\.md:\d+:\d+: YAML syntax error: /)] },
    ],
    [
      "a profile with no frontmatter",
      [...SOUND, { login: "carl", text: "# Carl\n" }],
      ["alice", "bob", "dana", "erin"],
      {
        carl: ["people/carl/profile.md:1:1: missing YAML frontmatter: the file must start with a '---' line"],
      },
    ],
    [
      "a level not in the ladder, at its line",
      [...SOUND, { login: "carl", text: profile({ name: "Carl", manager: "dana", level: "IC9" }) }],
      ["alice", "bob", "dana", "erin"],
      { carl: [`people/carl/profile.md:4:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`] },
    ],
    [
      "a level in the wrong case",
      [...SOUND, { login: "carl", text: person("ic1", "dana") }],
      ["alice", "bob", "dana", "erin"],
      { carl: [`people/carl/profile.md:2:1: level: "ic1" is not a level of the ladder (levels: ${LEVELS})`] },
    ],
    [
      "a level not in the ladder, after a history that names levels",
      [
        ...SOUND,
        {
          login: "carl",
          text: "---\nhistory:\n  - { level: IC0, since: 2025-01-01 }\nmanager: dana\nsince: 2026-01-01\nlevel: IC9\n---\n",
        },
      ],
      ["alice", "bob", "dana", "erin"],
      { carl: [`people/carl/profile.md:6:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`] },
    ],
    [
      "a manager with no profile, after a name that says manager:",
      [
        ...SOUND,
        { login: "carl", text: profile({ name: '"ex-manager: web"', level: "IC1", manager: "zed" }) },
      ],
      ["alice", "bob", "dana", "erin"],
      { carl: ['people/carl/profile.md:4:1: manager: "zed" has no profile (people/zed/profile.md)'] },
    ],
    [
      "a cycle, after a name that says manager:",
      [
        { login: "kim", text: profile({ name: '"manager: ops"', level: "M1", manager: "lee" }) },
        { login: "lee", text: person("M1", "kim") },
      ],
      [],
      {
        kim: ["people/kim/profile.md:4:1: manager: management chain forms a cycle (kim → lee → kim)"],
        lee: ["people/lee/profile.md:3:1: manager: management chain forms a cycle (lee → kim → lee)"],
      },
    ],
    [
      "self-management, after a name that says manager:",
      [{ login: "kim", text: profile({ name: '"manager: ops"', level: "M1", manager: "kim" }) }],
      [],
      { kim: ["people/kim/profile.md:4:1: manager: a person cannot manage themselves"] },
    ],
    [
      "a manager with no profile",
      [...SOUND, { login: "carl", text: person("IC1", "zed") }],
      ["alice", "bob", "dana", "erin"],
      { carl: ['people/carl/profile.md:3:1: manager: "zed" has no profile (people/zed/profile.md)'] },
    ],
    [
      "a mentor with no profile",
      [...SOUND, { login: "carl", text: profile({ level: "IC1", mentor: "zed", manager: "dana" }) }],
      ["alice", "bob", "dana", "erin"],
      { carl: ['people/carl/profile.md:3:1: mentor: "zed" has no profile (people/zed/profile.md)'] },
    ],
    [
      "a manager and mentor spelled in another case",
      [...SOUND, { login: "carl", text: person("IC1", "DANA", { mentor: "Bob" }) }],
      ["alice", "bob", "carl", "dana", "erin"],
      {},
    ],
    [
      "a manager whose own profile is broken: only the manager is out",
      [
        { login: "erin", text: person("M2", null) },
        { login: "dana", text: "---\nlevel: M1\n---\n" },
        { login: "bob", text: person("IC1", "dana") },
      ],
      ["bob", "erin"],
      {
        dana: [
          'people/dana/profile.md:2:1: manager: name the manager\'s login, or write "manager: null" at the top of the organisation (missing)',
        ],
      },
    ],
    [
      "self-management",
      [...SOUND, { login: "carl", text: person("IC1", "carl") }],
      ["alice", "bob", "dana", "erin"],
      { carl: ["people/carl/profile.md:3:1: manager: a person cannot manage themselves"] },
    ],
    [
      "self-management in another case, with a level not in the ladder",
      [...SOUND, { login: "carl", text: person("IC9", "Carl") }],
      ["alice", "bob", "dana", "erin"],
      {
        carl: [
          `people/carl/profile.md:2:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`,
          "people/carl/profile.md:3:1: manager: a person cannot manage themselves",
        ],
      },
    ],
    [
      "a management cycle of two: both are out, nobody else",
      [
        ...SOUND,
        { login: "kim", text: person("M1", "lee") },
        { login: "lee", text: person("M1", "kim") },
        { login: "max", text: person("IC1", "kim") },
      ],
      ["alice", "bob", "dana", "erin", "max"],
      {
        kim: ["people/kim/profile.md:3:1: manager: management chain forms a cycle (kim → lee → kim)"],
        lee: ["people/lee/profile.md:3:1: manager: management chain forms a cycle (lee → kim → lee)"],
      },
    ],
    [
      "a management cycle of three",
      [
        { login: "kim", text: person("M1", "lee") },
        { login: "lee", text: person("M1", "mo") },
        { login: "mo", text: person("M1", "kim") },
      ],
      [],
      {
        kim: ["people/kim/profile.md:3:1: manager: management chain forms a cycle (kim → lee → mo → kim)"],
        lee: ["people/lee/profile.md:3:1: manager: management chain forms a cycle (lee → mo → kim → lee)"],
        mo: ["people/mo/profile.md:3:1: manager: management chain forms a cycle (mo → kim → lee → mo)"],
      },
    ],
    [
      "a chain that ends at a manager spelled in another case",
      [
        { login: "kim", text: person("M1", "Lee") },
        { login: "lee", text: person("M1", "kim") },
      ],
      ["kim", "lee"],
      {},
    ],
    [
      "a folder name that is not a GitHub login",
      [
        ...SOUND,
        { login: "carl_c", text: person("IC1", "dana") },
        { login: "-x", text: person("IC1", "dana") },
      ],
      ["alice", "bob", "dana", "erin"],
      {
        carl_c: [
          "people/carl_c/profile.md:1:1: the folder's name is not a GitHub login: name it after the person's login",
        ],
        "-x": [
          "people/-x/profile.md:1:1: the folder's name is not a GitHub login: name it after the person's login",
        ],
      },
    ],
    [
      "a login of 39 characters, and one of 40",
      [
        { login: "a".repeat(39), text: person("M1", null) },
        { login: "b".repeat(40), text: person("M1", null) },
      ],
      ["a".repeat(39)],
      {
        ["b".repeat(40)]: [
          `people/${"b".repeat(40)}/profile.md:1:1: the folder's name is not a GitHub login: name it after the person's login`,
        ],
      },
    ],
    [
      "a manager named only in a broken folder is still a profile",
      [
        { login: "x_y", text: person("M1", null) },
        { login: "bob", text: person("IC1", "x_y") },
      ],
      [],
      {
        x_y: [
          "people/x_y/profile.md:1:1: the folder's name is not a GitHub login: name it after the person's login",
        ],
        bob: [expect.stringMatching(/^people\/bob\/profile\.md:3:1: manager: not a GitHub login/)],
      },
    ],
  ])("%s", (_name, profiles, sound, broken) => {
    expect(chart(profiles)).toEqual({ profiles: sound, broken });
  });

  it("keeps each profile's fields, notes and the folder's login", () => {
    const r = org([
      { login: "Erin", text: profile({ name: "Erin E", level: "M2", manager: null }, "\n  Head.  \n") },
    ]);
    expect(r.ok && r.value.profiles.get("Erin")).toEqual({
      login: "Erin",
      name: "Erin E",
      level: "M2",
      manager: null,
      history: [],
      notes: "Head.",
    });
  });

  it("fails the whole load on broken settings or a broken ladder, listing both", () => {
    const brokenLevel = BUNDLED.map((f) =>
      f.path === "ladder/IC0.md" ? { ...f, text: "---\nid: [\n---\n" } : f,
    );
    const settings = org(SOUND, { settings: "fiscal_year_start_month: 13\n" });
    expect(settings.ok ? [] : lines(settings.problems)).toEqual([
      expect.stringMatching(/^\.github\/rungs\.yml:1:1: fiscal_year_start_month: .* \(saw 13\)$/),
    ]);
    const ladder = org(SOUND, { ladder: brokenLevel });
    expect(ladder.ok ? [] : ladder.problems.map((p) => p.file)).toEqual(["ladder/IC0.md"]);
    const both = org(SOUND, { orgSettings: "bots: 3\n", ladder: brokenLevel });
    expect(both.ok ? [] : both.problems.map((p) => p.file)).toEqual([ORG_SETTINGS_PATH, "ladder/IC0.md"]);
  });

  it("uses the career repo's ladder when it has one, else the bundled one", () => {
    const broken = [{ path: "ladder/IC0.md", text: "not a level" }];
    expect(org(SOUND, { ladder: BUNDLED, bundledLadder: broken }).ok).toBe(true);
    expect(org(SOUND, { ladder: [], bundledLadder: broken }).ok).toBe(false);
    const r = org(SOUND, { ladder: BUNDLED, bundledLadder: [] });
    expect(r.ok && [...r.value.ladder.levels.keys()].sort().join(", ")).toBe(LEVELS);
  });

  it("lists the ladder's levels sorted, whatever order its files come in", () => {
    const r = org([{ login: "carl", text: person("IC9", null) }], { ladder: [...BUNDLED].reverse() });
    expect(r.ok && lines(r.value.brokenProfiles.get("carl") ?? [])).toEqual([
      `people/carl/profile.md:2:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`,
    ]);
  });

  it("applies the settings", () => {
    const r = org(SOUND, { settings: "fiscal_year_start_month: 7\n" });
    expect(r.ok && r.value.settings.fiscal_year_start_month).toBe(7);
  });
});

describe("loadOrganisation: a profile's history", () => {
  const carl = (text: string) => chart([...SOUND, { login: "carl", text }]).broken.carl ?? [];
  const f = "people/carl/profile.md";
  it.each<[string, string, string[]]>([
    ["no history", "---\nlevel: IC1\nmanager: dana\n---\n", []],
    [
      "earlier levels with the current level's date",
      "---\nlevel: IC1\nsince: 2026-01-01\nmanager: dana\nhistory:\n  - { since: 2025-01-01, level: IC0 }\n---\n",
      [],
    ],
    [
      "earlier levels without the current level's date",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, level: IC0 }\n---\n",
      [
        `${f}:4:1: since: required when history lists earlier levels: the date the current level started (YYYY-MM-DD)`,
      ],
    ],
    [
      "only a manager change needs no date of the level",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, manager: dana }\n---\n",
      [],
    ],
    [
      "changes not oldest first",
      "---\nlevel: IC1\nsince: 2026-01-01\nmanager: dana\nhistory:\n  - { since: 2025-06-01, level: IC0 }\n  - { since: 2025-01-01, mentor: bob }\n---\n",
      [
        `${f}:5:1: history: list the changes oldest first`,
        `${f}:1:1: mentor: null but the latest mentor change in history is "bob": add { since: YYYY-MM-DD, mentor: null } to history`,
      ],
    ],
    [
      "changes on the same day",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, manager: erin }\n  - { since: 2025-01-01, manager: dana }\n---\n",
      [],
    ],
    [
      "a latest manager change that is not the current manager",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, manager: dana }\n  - { since: 2025-06-01, manager: erin }\n---\n",
      [
        `${f}:3:1: manager: "dana" but the latest manager change in history is "erin": add { since: YYYY-MM-DD, manager: dana } to history`,
      ],
    ],
    [
      "a latest manager change to nobody, while a manager is named",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, manager: null }\n---\n",
      [
        `${f}:3:1: manager: "dana" but the latest manager change in history is null: add { since: YYYY-MM-DD, manager: dana } to history`,
      ],
    ],
    [
      "a latest mentor change that is the current mentor",
      "---\nlevel: IC1\nmanager: dana\nmentor: bob\nhistory:\n  - { since: 2025-01-01, mentor: alice }\n  - { since: 2025-06-01, mentor: bob }\n---\n",
      [],
    ],
    [
      "a mentor change ended, with no mentor now",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01, mentor: bob }\n  - { since: 2025-06-01, mentor: null }\n---\n",
      [],
    ],
    [
      "a history entry that changes nothing",
      "---\nlevel: IC1\nmanager: dana\nhistory:\n  - { since: 2025-01-01 }\n---\n",
      [
        `${f}:5:5: history[0]: each history entry changes at least one of level, manager, mentor (saw {"since":"2025-01-01"})`,
      ],
    ],
  ])("%s", (_name, text, problems) => {
    expect(carl(text)).toEqual(problems);
  });
});

describe("parseProfile", () => {
  it.each<[string, string, string[]]>([
    [
      "a missing manager says how to mark the top of the organisation",
      "---\nlevel: IC1\n---\n",
      [
        'p.md:2:1: manager: name the manager\'s login, or write "manager: null" at the top of the organisation (missing)',
      ],
    ],
    ["the top of the organisation", "---\nlevel: M3\nmanager: null\n---\n", []],
    [
      "a manager that is not a login",
      "---\nlevel: IC1\nmanager: a b\n---\n",
      ['p.md:3:1: manager: not a GitHub login (saw "a b")'],
    ],
    [
      "a missing level",
      "---\nmanager: null\n---\n",
      [expect.stringMatching(/^p\.md:2:1: level: .*\(missing\)$/)],
    ],
  ])("%s", (_name, text, problems) => {
    const r = parseProfile("p.md", "carl", text);
    expect(r.ok ? [] : lines(r.problems)).toEqual(problems);
  });
});

describe("parseSettings and resolveSettings", () => {
  it.each<[string, string, string[]]>([
    ["empty: the defaults", "", []],
    ["blank: the defaults", "  \n", []],
    ["only a comment: the defaults", "# nothing yet\n", []],
    ["a list", "- a\n", [`${SETTINGS_PATH}:1:1: settings must be a mapping of field: value`]],
    ["a scalar", "hello\n", [`${SETTINGS_PATH}:1:1: settings must be a mapping of field: value`]],
    [
      "binary",
      "a: \u0000",
      [`${SETTINGS_PATH}:1:1: file is binary (contains NUL bytes); expected UTF-8 text`],
    ],
    ["a YAML error", "a: [\n", [expect.stringContaining("YAML syntax error")]],
    ["an unknown field", "bots: []\nnope: 2\n", [`${SETTINGS_PATH}:2:1: unknown field "nope"`]],
  ])("%s", (_name, text, problems) => {
    const r = parseSettings(SETTINGS_PATH, text);
    expect(r.ok ? [] : lines(r.problems)).toEqual(problems);
    if (r.ok) expect(r.value).toEqual(defaultSettings());
  });

  const resolved = (org: string | undefined, own: string | undefined) => {
    const r = resolveSettings(org, own);
    return r.ok ? r.value : lines(r.problems);
  };
  const settings = (over: Partial<Settings>) => ({ ...defaultSettings(), ...over });

  it.each<[string, string | undefined, string | undefined, Settings | string[]]>([
    ["no files: the defaults", undefined, undefined, defaultSettings()],
    ["blank files: the defaults", " \n", "\n", defaultSettings()],
    ["the repo's own", undefined, "fiscal_year_start_month: 4\n", settings({ fiscal_year_start_month: 4 })],
    [
      "only the organisation's",
      "fiscal_year_start_month: 7\n",
      undefined,
      settings({ fiscal_year_start_month: 7 }),
    ],
    [
      "the organisation's, when the repo's is blank",
      "fiscal_year_start_month: 7\n",
      "  \n",
      settings({ fiscal_year_start_month: 7 }),
    ],
    [
      "the repo's own replaces the organisation's without _extends",
      "fiscal_year_start_month: 7\nbots: [a]\n",
      "bots: [b]\n",
      settings({ bots: ["b"] }),
    ],
    [
      "with _extends: merged, the repo's fields win, objects merge one level deep",
      "fiscal_year_start_month: 7\nbots: [a]\nprivacy: { tagging: true }\n",
      "_extends: .github\nbots: [b]\nprivacy: { allow_public_career_repo: true }\n",
      settings({
        fiscal_year_start_month: 7,
        bots: ["b"],
        privacy: { tagging: true, allow_public_career_repo: true },
      }),
    ],
    [
      "a repo file of only a comment still replaces the organisation's (no _extends)",
      "fiscal_year_start_month: 7\n",
      "# ours\n",
      defaultSettings(),
    ],
    [
      "with _extends and no organisation file",
      undefined,
      "_extends: .github\nbots: [b]\n",
      settings({ bots: ["b"] }),
    ],
    [
      "a broken organisation file, named",
      "bots: 3\n",
      "_extends: .github\n",
      [expect.stringMatching(/^\.github:\.github\/rungs\.yml:1:1: bots: /)],
    ],
    [
      "a broken repo file, named",
      undefined,
      "\nbots: 3\n",
      [expect.stringMatching(/^\.github\/rungs\.yml:2:1: bots: /)],
    ],
    [
      "both broken: both listed, the organisation's first",
      "bots: 3\n",
      "admins: 3\n",
      [
        expect.stringMatching(/^\.github:\.github\/rungs\.yml:1:1: bots: /),
        expect.stringMatching(/^\.github\/rungs\.yml:1:1: admins: /),
      ],
    ],
  ])("%s", (_name, orgText, own, expected) => {
    expect(resolved(orgText, own)).toEqual(expected);
  });
});

describe("careerRepoRefusal", () => {
  const allow = { ...defaultSettings(), privacy: { tagging: false, allow_public_career_repo: true } };
  it.each<[string, Settings, string | undefined]>([
    ["PRIVATE", defaultSettings(), undefined],
    ["private", defaultSettings(), undefined],
    ["", defaultSettings(), undefined],
    ["PUBLIC", defaultSettings(), "career repo is public"],
    ["public", defaultSettings(), "career repo is public"],
    ["Public", defaultSettings(), "career repo is public"],
    ["INTERNAL", defaultSettings(), "career repo is internal (visible to the whole enterprise)"],
    ["internal", defaultSettings(), "career repo is internal (visible to the whole enterprise)"],
    ["PUBLIC", allow, undefined],
    ["internal", allow, undefined],
    ["PRIVATE", allow, undefined],
  ])("%s (allowed: %s)", (visibility, s, refusal) => {
    expect(careerRepoRefusal(visibility, s)).toBe(refusal);
  });
});

const manual = (key: string, criterion: string, at = "2026-10-05T12:00:00Z"): EvidenceItem =>
  manualItem(criterion, {
    key,
    at,
    title: key,
    provenance: { source: "added", by: "dana", recorded_at: "2026-10-06T00:00:00Z" },
  });
const note = (key: string, at = "2026-10-05T12:00:00Z"): EvidenceItem =>
  noteItem({
    key,
    at,
    title: key,
    path: `people/alice/learning/${key}.md`,
    provenance: { source: "observed", recorded_at: "2026-10-06T00:00:00Z" },
  });
const head = (quarter: string, items: EvidenceItem[], login = "alice") => ({
  path: `people/${login}/evidence/${quarter}.yml`,
  sha: "h",
  text: serializeLedger({ ...emptyLedger(login, quarter), items }),
});
const shard = (quarter: string, name: string, items: EvidenceItem[], login = "alice") => ({
  path: `people/${login}/evidence/${quarter}/${name}.yml`,
  sha: "s",
  text: serializeShard({ ...emptyShard(login, quarter), items }, name),
});
const goals = (quarter: string, text: string) => ({
  path: `people/alice/goals/${quarter}.md`,
  sha: "g",
  text,
});

describe("loadPerson", () => {
  it("loads goals and every quarter's ledger, in quarter order", () => {
    const p = loadPerson(LADDER, "alice", [
      shard("2026-Q4", "2026-10-05", [note("a")]),
      head("2026-Q3", [note("q3", "2026-08-01T00:00:00Z")]),
      head("2026-Q4", [manual("m", "metric-impact-project", "2026-11-01T00:00:00Z")]),
      goals("2026-Q4", "---\nfocus: [independent-incidents, mentors-juniors]\n---\n\nMy goals.\n"),
      goals("2026-Q3", "Just text, no frontmatter.\n"),
      {
        path: "people/alice/evidence/2026-Q4.pending.yml",
        sha: "p",
        text: serializeShard(emptyShard("alice", "2026-Q4"), "p"),
      },
      { path: "people/alice/learning/a.md", sha: "l", text: "note" },
      { path: "people/alice/profile.md", sha: "x", text: "not read here" },
      { path: ".github/rungs.yml", sha: "x", text: "not a person's file" },
      { path: "ladder/IC0.md", sha: "x", text: "not a person's file" },
    ]);
    expect(lines(p.problems)).toEqual([]);
    expect(p.login).toBe("alice");
    expect([...p.ledgers.keys()]).toEqual(["2026-Q3", "2026-Q4"]);
    expect(p.ledgers.get("2026-Q4")?.all.map((i) => i.key)).toEqual(["a", "m"]);
    expect(p.ledgers.get("2026-Q4")?.pending.sha).toBe("p");
    expect(p.ledgers.get("2026-Q3")?.all.map((i) => i.key)).toEqual(["q3"]);
    expect(p.goals.get("2026-Q4")).toEqual({
      focus: ["independent-incidents", "mentors-juniors"],
      text: "My goals.",
    });
    expect(p.goals.get("2026-Q3")).toEqual({ focus: [], text: "Just text, no frontmatter." });
  });

  it("reads only this person's files that exist, whatever the case of the login", () => {
    const p = loadPerson(LADDER, "Alice", [
      head("2026-Q4", [note("a")], "alice"),
      head("2026-Q4", [note("b")], "bob"),
      { ...goals("2026-Q3", "---\nfocus: [nope]\n---\n"), sha: undefined },
      { path: "people/bob/goals/2026-Q4.md", sha: "g", text: "---\nfocus: [nope]\n---\n" },
    ]);
    expect(lines(p.problems)).toEqual([]);
    expect(p.ledgers.get("2026-Q4")?.all.map((i) => i.key)).toEqual(["a"]);
    expect([...p.goals.keys()]).toEqual([]);
  });

  it("reports a broken goals or ledger file and leaves it out; the rest still load", () => {
    const p = loadPerson(LADDER, "alice", [
      goals("2026-Q3", "---\nfocus: [independent-incidents\n---\n"),
      goals("2026-Q4", "---\nfocus: [mentor-intern]\n---\nok\n"),
      {
        path: "people/alice/evidence/2026-Q4.yml",
        sha: "h",
        text: "login: alice\nquarter: 2026-Q4\nitems: 7\n",
      },
      shard("2026-Q4", "2026-10-05", [note("a")]),
      {
        ...shard("2026-Q4", "2026-10-06", [note("b", "2026-10-06T01:00:00Z")], "bob"),
        path: "people/alice/evidence/2026-Q4/2026-10-06.yml",
      },
    ]);
    expect(p.problems.map((x) => x.file)).toEqual([
      "people/alice/goals/2026-Q3.md",
      "people/alice/evidence/2026-Q4.yml",
      "people/alice/evidence/2026-Q4/2026-10-06.yml",
    ]);
    expect([...p.goals.keys()]).toEqual(["2026-Q4"]);
    expect(p.ledgers.get("2026-Q4")?.all.map((i) => i.key)).toEqual(["a"]);
  });

  it.each<[string, string, string[]]>([
    ["known criteria and signals", "---\nfocus: [ship-small-features, mentors-juniors]\n---\n", []],
    [
      "an unknown id in a flow list",
      "---\n# comment\nfocus: [ship-small-features, nope]\n---\n",
      ['people/alice/goals/2026-Q4.md:3:1: focus: "nope" is not a criterion of the ladder'],
    ],
    [
      "unknown ids in a block list, each at its line",
      "---\nfocus:\n  - ship-small-features\n  - \"nope\"\n  - 'ship'\n---\n",
      [
        'people/alice/goals/2026-Q4.md:4:1: focus: "nope" is not a criterion of the ladder',
        'people/alice/goals/2026-Q4.md:5:1: focus: "ship" is not a criterion of the ladder',
      ],
    ],
    [
      "an id that is part of a known one is found at its own line",
      "---\nfocus:\n  - ship-small-features\n  - small\n---\n",
      ['people/alice/goals/2026-Q4.md:4:1: focus: "small" is not a criterion of the ladder'],
    ],
    [
      "an id with regex characters",
      "---\nfocus:\n  - ship-small-features\n  - a.b(c)*\n---\n",
      ['people/alice/goals/2026-Q4.md:4:1: focus: "a.b(c)*" is not a criterion of the ladder'],
    ],
    [
      "a long id, shortened",
      `---\nfocus:\n  - ${"x".repeat(61)}\n---\n`,
      [`people/alice/goals/2026-Q4.md:3:1: focus: "${"x".repeat(57)}..." is not a criterion of the ladder`],
    ],
    [
      "an id of exactly 60 characters, whole",
      `---\nfocus:\n  - ${"x".repeat(60)}\n---\n`,
      [`people/alice/goals/2026-Q4.md:3:1: focus: "${"x".repeat(60)}" is not a criterion of the ladder`],
    ],
    [
      "an id the line search cannot find: line 1",
      '---\nfocus: ["a\\u0062"]\n---\n',
      ['people/alice/goals/2026-Q4.md:1:1: focus: "ab" is not a criterion of the ladder'],
    ],
  ])("goals: %s", (_name, text, problems) => {
    expect(lines(loadPerson(LADDER, "alice", [goals("2026-Q4", text)]).problems)).toEqual(problems);
  });

  it("reads a quarter of shards only, and orders quarters", () => {
    const q1 = shard("2027-Q1", "2027-01-05", [manual("m", "made-up", "2027-01-05T00:00:00Z")]);
    const p = loadPerson(LADDER, "alice", [
      shard("2026-Q4", "2026-10-06", [note("b", "2026-10-06T00:00:00Z")]),
      q1,
      shard("2026-Q4", "2026-10-05", [note("a")]),
      shard("2026-Q3", "2026-08-01", [note("c", "2026-08-01T00:00:00Z")]),
    ]);
    expect([...p.ledgers.keys()]).toEqual(["2026-Q3", "2026-Q4", "2027-Q1"]);
    expect(p.ledgers.get("2026-Q4")?.shards.map((x) => x.name)).toEqual(["2026-10-05", "2026-10-06"]);
    expect(p.ledgers.get("2026-Q4")?.head).toEqual({ path: "people/alice/evidence/2026-Q4.yml" });
    expect(lines(p.problems)).toEqual([
      `${q1.path}:${q1.text.split("\n").indexOf("    criterion: made-up") + 1}:1: criterion: "made-up" is not a criterion of the ladder`,
    ]);
  });

  it("reads an existing goals file without text as empty", () => {
    const p = loadPerson(LADDER, "alice", [{ path: "people/alice/goals/2026-Q4.md", sha: "g" }]);
    expect(lines(p.problems)).toEqual(["people/alice/goals/2026-Q4.md:1:1: file is empty"]);
  });

  it("names a goals file that is not named by quarter", () => {
    const p = loadPerson(LADDER, "alice", [
      { path: "people/alice/goals/notes.md", sha: "g", text: "hi" },
      { path: "people/alice/goals/2026-Q5.md", sha: "g", text: "hi" },
    ]);
    expect(lines(p.problems)).toEqual([
      "people/alice/goals/notes.md:1:1: goal files are named by quarter, e.g. people/alice/goals/2026-Q4.md",
      "people/alice/goals/2026-Q5.md:1:1: goal files are named by quarter, e.g. people/alice/goals/2026-Q4.md",
    ]);
    expect(p.goals.size).toBe(0);
  });

  it("reports manual items for a criterion not in the ladder, at the criterion's line, in head and shards", () => {
    const headFile = head("2026-Q4", [manual("m1", "metric-impact-project"), manual("m2", "made-up")]);
    const shardFile = shard("2026-Q4", "2026-10-05", [manual("m3", "also.made+up"), note("n")]);
    const p = loadPerson(LADDER, "alice", [headFile, shardFile]);
    const lineOf = (text: string, needle: string) =>
      text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(lines(p.problems)).toEqual([
      `${headFile.path}:${lineOf(headFile.text, "criterion: made-up")}:1: criterion: "made-up" is not a criterion of the ladder`,
      `${shardFile.path}:${lineOf(shardFile.text, "criterion: also.made+up")}:1: criterion: "also.made+up" is not a criterion of the ladder`,
    ]);
    // The items are still read: the problem is for a person to fix.
    expect(p.ledgers.get("2026-Q4")?.all.map((i) => i.key)).toEqual(["m1", "m2", "m3", "n"]);
  });

  it("checks manual items against signals too", () => {
    const p = loadPerson(LADDER, "alice", [head("2026-Q4", [manual("m", "mentors-juniors")])]);
    expect(p.problems).toEqual([]);
  });
});

const repoFiles = (over: Record<string, string | undefined> = {}): TextFile[] => {
  const files: Record<string, string | undefined> = {
    "README.md": "# careers\n",
    ...Object.fromEntries(SOUND.map((p) => [`people/${p.login}/profile.md`, p.text])),
    "people/alice/goals/2026-Q4.md": "---\nfocus: [ship-small-features]\n---\n",
    ...over,
  };
  return Object.entries(files).flatMap(([path, text]) => (text === undefined ? [] : [{ path, text }]));
};

describe("loadCareerRepo", () => {
  it("loads a sound repo with no problems", () => {
    const r = loadCareerRepo(repoFiles(), BUNDLED);
    expect(lines(r.problems)).toEqual([]);
    expect([...(r.repo?.people.keys() ?? [])].sort()).toEqual(["alice", "bob", "dana", "erin"]);
    expect(r.repo?.organisation.profiles.size).toBe(4);
    expect(r.repo?.people.get("alice")?.goals.get("2026-Q4")?.focus).toEqual(["ship-small-features"]);
  });

  it("lists every person's problems: broken profiles, folders without a profile, broken own files", () => {
    const r = loadCareerRepo(
      repoFiles({
        "people/bob/profile.md": person("IC9", "dana"),
        "people/bob/goals/2026-Q4.md": "---\nfocus: [nope]\n---\n",
        "people/ghost/goals/2026-Q4.md": "hi",
        "people/alice/evidence/2026-Q4.yml": "login: bob\nquarter: 2026-Q4\n",
      }),
      BUNDLED,
    );
    expect(lines(r.problems)).toEqual([
      `people/bob/profile.md:2:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`,
      'people/alice/evidence/2026-Q4.yml:1:1: login: "bob" is not the folder\'s person (alice)',
      'people/bob/goals/2026-Q4.md:2:1: focus: "nope" is not a criterion of the ladder',
      "people/ghost/:1:1: no profile.md: add people/ghost/profile.md with level and manager",
    ]);
    expect(r.repo?.organisation.brokenProfiles.has("bob")).toBe(true);
    expect([...(r.repo?.people.keys() ?? [])].sort()).toEqual(["alice", "bob", "dana", "erin", "ghost"]);
  });

  it("with `only`, reads and checks only those people's own files", () => {
    const files = repoFiles({
      "people/bob/profile.md": person("IC9", "dana"),
      "people/bob/goals/2026-Q4.md": "---\nfocus: [nope]\n---\n",
      "people/ghost/goals/2026-Q4.md": "hi",
      "people/alice/goals/2026-Q3.md": "---\nfocus: [nope]\n---\n",
    });
    const alice = loadCareerRepo(files, BUNDLED, ["ALICE"]);
    expect(lines(alice.problems)).toEqual([
      'people/alice/goals/2026-Q3.md:2:1: focus: "nope" is not a criterion of the ladder',
    ]);
    expect([...(alice.repo?.people.keys() ?? [])]).toEqual(["alice"]);
    // The org chart is still everyone's.
    expect(alice.repo?.organisation.brokenProfiles.has("bob")).toBe(true);
    const bob = loadCareerRepo(files, BUNDLED, ["bob"]);
    expect(lines(bob.problems)).toEqual([
      `people/bob/profile.md:2:1: level: "IC9" is not a level of the ladder (levels: ${LEVELS})`,
      'people/bob/goals/2026-Q4.md:2:1: focus: "nope" is not a criterion of the ladder',
    ]);
    expect(lines(loadCareerRepo(files, BUNDLED, []).problems)).toEqual([]);
  });

  it("names a repo with no people/ folder", () => {
    expect(lines(loadCareerRepo([{ path: "README.md", text: "hi" }], BUNDLED).problems)).toEqual([
      "people/:1:1: missing folder: a career repo keeps people/<login>/profile.md",
    ]);
  });

  it("with broken settings: no repo, but everyone is still checked against the defaults", () => {
    const r = loadCareerRepo(
      repoFiles({
        [SETTINGS_PATH]: "fiscal_year_start_month: 13\n",
        "people/bob/profile.md": "---\nlevel: IC1\n---\n",
        "people/alice/goals/2026-Q4.md": "---\nfocus: [nope]\n---\n",
      }),
      BUNDLED,
    );
    expect(r.repo).toBeUndefined();
    expect(r.problems.map((p) => p.file)).toEqual([
      SETTINGS_PATH,
      "people/bob/profile.md",
      "people/alice/goals/2026-Q4.md",
    ]);
  });

  it("with a broken ladder: no repo, and the ladder's problems", () => {
    const r = loadCareerRepo(
      [
        ...repoFiles({ "people/alice/goals/2026-Q4.md": "---\nfocus: [nope]\n---\n" }),
        { path: "ladder/IC0.md", text: "x" },
      ],
      BUNDLED,
    );
    expect(r.repo).toBeUndefined();
    expect(r.problems.map((p) => p.file)).toEqual(["ladder/IC0.md"]);
  });
});

describe("organisationFilesOf", () => {
  it("splits a checkout into settings, ladder and profiles", () => {
    const files = [
      { path: SETTINGS_PATH, text: "bots: []\n" },
      { path: "ladder/IC0.md", text: "l" },
      { path: "people/alice/profile.md", text: "p" },
      { path: "people/alice/goals/2026-Q4.md", text: "g" },
      { path: "docs/ladder/IC0.md", text: "d" },
    ];
    expect(organisationFilesOf(files, BUNDLED)).toEqual({
      settings: "bots: []\n",
      ladder: [{ path: "ladder/IC0.md", text: "l" }],
      bundledLadder: BUNDLED,
      profiles: [{ login: "alice", text: "p" }],
    });
    expect(organisationFilesOf([], []).settings).toBeUndefined();
  });
});

describe("parseGoals", () => {
  it.each<[string, string, ReturnType<typeof parseGoals>]>([
    [
      "plain markdown",
      "\uFEFF# Goals\r\n\r\nShip it.\r\n",
      { ok: true, value: { focus: [], text: "# Goals\n\nShip it." } },
    ],
    [
      "frontmatter and body",
      "---\nfocus: [a]\n---\n\n Body \n",
      { ok: true, value: { focus: ["a"], text: "Body" } },
    ],
    ["no focus", "---\n{}\n---\nBody\n", { ok: true, value: { focus: [], text: "Body" } }],
  ])("%s", (_name, text, result) => {
    expect(parseGoals("g.md", text)).toEqual(result);
  });

  it.each([
    [
      "an unclosed frontmatter",
      "---\nfocus: []\n",
      "g.md:1:1: frontmatter is not closed: add a '---' line after it",
    ],
    ["an unknown field", "---\nfocus: []\nmore: 1\n---\n", 'g.md:3:1: unknown field "more"'],
    ["an empty file", "", "g.md:1:1: file is empty"],
  ])("%s", (_name, text, problem) => {
    const r = parseGoals("g.md", text);
    expect(r.ok ? [] : lines(r.problems)).toEqual([problem]);
  });
});
