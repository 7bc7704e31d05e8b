import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../src/domain/career-repo.js";
import { formatProblem } from "../../src/domain/problem.js";
import { defaultSettings } from "../../src/domain/settings.js";
import { settingsDocTable, settingsJsonSchema } from "../../src/domain/settings-schema.js";

describe("settings", () => {
  it("has defaults for everything", () => {
    const s = defaultSettings();
    expect(s.career_repo).toBe("careers");
    expect(s.time_zone).toBe("UTC");
    expect(s.classification.feature).toEqual({
      labels: ["feature", "enhancement"],
      title_prefixes: ["feat"],
      paths: [],
    });
    expect(s.small.max_lines).toBe(400);
    expect(s.privacy).toEqual({ tagging: false, allow_public_career_repo: false });
  });

  it("names the file, line and field of a mistake", () => {
    const r = parseSettings(
      ".github/rungs.yml",
      "time_zone: UTC\nprivacy:\n  tagging: yes please\n  taging: true\n",
    );
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      '.github/rungs.yml:3:3: privacy.tagging: Invalid input: expected boolean, received string (saw "yes please")',
      '.github/rungs.yml:4:3: unknown field "privacy.taging"',
    ]);
  });

  it("treats an empty file as all defaults", () => {
    const r = parseSettings(".github/rungs.yml", "\n");
    expect(r.ok && r.value).toEqual(defaultSettings());
  });

  it("keeps the committed JSON Schema and docs table fresh (run `npm run schema`)", () => {
    expect(readFileSync("schema/rungs-settings.schema.json", "utf8")).toBe(settingsJsonSchema());
    expect(readFileSync("docs/configuration.md", "utf8")).toContain(settingsDocTable());
  });
});
