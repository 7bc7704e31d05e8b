import { describe, expect, it } from "vitest";
import { defaultSettings, mergeSettingsData, Settings } from "../../src/domain/settings.js";

type Data = Record<string, unknown>;

describe("_extends: the extending file's fields win, objects merge one level deep", () => {
  it.each<[string, Data, Data, Data]>([
    ["own scalar wins", { time_zone: "UTC" }, { time_zone: "Europe/Berlin" }, { time_zone: "Europe/Berlin" }],
    [
      "base fields are kept",
      { time_zone: "UTC", career_repo: "c" },
      { bots: ["x"] },
      { time_zone: "UTC", career_repo: "c", bots: ["x"] },
    ],
    [
      "objects merge one level deep",
      { privacy: { tagging: true, allow_public_career_repo: false } },
      { privacy: { allow_public_career_repo: true } },
      { privacy: { tagging: true, allow_public_career_repo: true } },
    ],
    [
      "only one level deep: a nested object is replaced",
      { classification: { feature: { labels: ["a"], title_prefixes: ["feat"] } } },
      { classification: { feature: { labels: ["b"] } } },
      { classification: { feature: { labels: ["b"] } } },
    ],
    ["arrays are replaced, not concatenated", { bots: ["a", "b"] }, { bots: ["c"] }, { bots: ["c"] }],
    ["an own array replaces a base object", { small: { max_lines: 10 } }, { small: ["x"] }, { small: ["x"] }],
    ["an own object replaces a base array", { bots: ["a"] }, { bots: { x: 1 } }, { bots: { x: 1 } }],
    [
      "an own object replaces a base scalar",
      { small: 5 },
      { small: { max_lines: 10 } },
      { small: { max_lines: 10 } },
    ],
    ["an own scalar replaces a base object", { small: { max_lines: 10 } }, { small: 7 }, { small: 7 }],
    ["own null wins", { consistency: { quarters: 1, of: 2 } }, { consistency: null }, { consistency: null }],
    [
      "a base null is replaced by an own object",
      { small: null },
      { small: { max_lines: 3 } },
      { small: { max_lines: 3 } },
    ],
    [
      "own false wins",
      { privacy: { tagging: true } },
      { privacy: { tagging: false } },
      { privacy: { tagging: false } },
    ],
    [
      "_extends is dropped from the result",
      { time_zone: "UTC" },
      { _extends: ".github", career_repo: "x" },
      { time_zone: "UTC", career_repo: "x" },
    ],
    [
      "_extends in the base is dropped too",
      { _extends: "other", time_zone: "UTC" },
      {},
      { time_zone: "UTC" },
    ],
  ])("%s", (_name, base, own, merged) => {
    expect(mergeSettingsData(base, own)).toEqual(merged);
  });

  it("does not change its inputs", () => {
    const base = { privacy: { tagging: true }, _extends: "x" };
    const own = { privacy: { allow_public_career_repo: true } };
    mergeSettingsData(base, own);
    expect(base).toEqual({ privacy: { tagging: true }, _extends: "x" });
    expect(own).toEqual({ privacy: { allow_public_career_repo: true } });
  });
});

describe("settings validation", () => {
  const valid = (data: Data) => Settings.safeParse(data).success;

  it.each<[string, Data, boolean]>([
    ["nothing at all", {}, true],
    ["a career repo name with dots, dashes, underscores", { career_repo: "my.careers_1-x" }, true],
    ["a career repo with an owner", { career_repo: "acme/careers" }, false],
    ["a career repo with a space", { career_repo: "my careers" }, false],
    ["an empty career repo", { career_repo: "" }, false],
    ["fiscal month 1", { fiscal_year_start_month: 1 }, true],
    ["fiscal month 12", { fiscal_year_start_month: 12 }, true],
    ["fiscal month 0", { fiscal_year_start_month: 0 }, false],
    ["fiscal month 13", { fiscal_year_start_month: 13 }, false],
    ["fiscal month 6.5", { fiscal_year_start_month: 6.5 }, false],
    ["an IANA time zone", { time_zone: "America/Sao_Paulo" }, true],
    ["not a time zone", { time_zone: "Berlin" }, false],
    ["small.max_lines 1", { small: { max_lines: 1 } }, true],
    ["small.max_lines 0", { small: { max_lines: 0 } }, false],
    ["consistency 2 of 3", { consistency: { quarters: 2, of: 3 } }, true],
    ["consistency 3 of 3", { consistency: { quarters: 3, of: 3 } }, true],
    ["consistency 4 of 3", { consistency: { quarters: 4, of: 3 } }, false],
    ["consistency of 9 quarters", { consistency: { quarters: 1, of: 9 } }, false],
    ["consistency 0 quarters", { consistency: { quarters: 0, of: 3 } }, false],
    ["an unknown field", { colour: "blue" }, false],
    ["an unknown classification", { classification: { chores: { labels: [] } } }, false],
    ["an unknown signal field", { classification: { feature: { words: [] } } }, false],
  ])("%s → %s", (_name, data, ok) => {
    expect(valid(data)).toBe(ok);
  });

  it("explains a bad time zone", () => {
    const r = Settings.safeParse({ time_zone: "Berlin" });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      "not an IANA time zone, e.g. Europe/Berlin",
    ]);
  });

  it("fills every default", () => {
    expect(defaultSettings()).toEqual({
      career_repo: "careers",
      fiscal_year_start_month: 1,
      time_zone: "UTC",
      classification: {
        design_doc: {
          labels: ["design-doc", "adr", "rfc"],
          title_prefixes: [],
          paths: ["docs/adr/**", "docs/adrs/**", "docs/decisions/**", "docs/design/**", "adr/**", "rfcs/**"],
        },
        feature: { labels: ["feature", "enhancement"], title_prefixes: ["feat"], paths: [] },
        bugfix: { labels: ["bug", "bugfix"], title_prefixes: ["fix"], paths: [] },
        docs: { labels: ["documentation", "docs"], title_prefixes: ["docs"], paths: [] },
        incident: { labels: ["incident"], title_prefixes: [], paths: [] },
        escalated: { labels: ["escalated"], title_prefixes: [], paths: [] },
        spec: { labels: ["spec", "feature", "epic"], title_prefixes: [], paths: [] },
      },
      small: { max_lines: 400 },
      excluded_repos: [],
      bots: [],
      admins: { users: [], teams: [] },
      privacy: { tagging: false, allow_public_career_repo: false },
    });
  });

  it("keeps the default fields of a partly given signal", () => {
    const s = Settings.parse({ classification: { bugfix: { labels: ["defect"] } } });
    expect(s.classification.bugfix).toEqual({ labels: ["defect"], title_prefixes: ["fix"], paths: [] });
    expect(s.classification.feature.labels).toEqual(["feature", "enhancement"]);
  });
});
