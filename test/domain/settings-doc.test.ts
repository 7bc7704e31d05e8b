import { describe, expect, it } from "vitest";
import { settingsDocTable, settingsJsonSchema } from "../../src/domain/settings-schema.js";

describe("the generated settings reference", () => {
  // Read inside each test, so mutation testing attributes the coverage to the test.
  const lines = () => settingsDocTable().split("\n");

  it("starts with the table header", () => {
    expect(lines().slice(0, 2)).toEqual(["| Field | Type | Default | Meaning |", "|---|---|---|---|"]);
  });

  it.each([
    "| `_extends` | string |  | Probot convention: `.github` to inherit the organisation's `.github/rungs.yml`; this file's fields win. |",
    '| `career_repo` | string | `"careers"` | Name of the private career repo in the organisation (set it in the organisation\'s `.github` repo). |',
    '| `small` | object |  | What "small" means for a pull request. |',
    "| `small.max_lines` | integer | `400` | A small pull request changes at most this many lines (additions + deletions). |",
    "| `bots` | array | `[]` | Logins treated as bots, besides `[bot]` accounts and known AI reviewers. |",
    "| `privacy.tagging` | boolean | `false` | Label counted PRs and issues with `rungs: <criterion>`, in private repositories only. |",
    '| `classification.feature.labels` | array | `["feature","enhancement"]` | Any of these labels (case-insensitive). |',
  ])("has the row %s", (row) => {
    expect(lines()).toContain(row);
  });

  it("has a row for every field, nested ones under their parent's name", () => {
    const fields = lines()
      .slice(2)
      .map((l) => l.split(" | ")[0]?.replace(/^\| `|`$/g, ""));
    expect(fields).toContain("classification.design_doc.paths");
    expect(fields).toContain("admins.teams");
    expect(fields.indexOf("small")).toBe(fields.indexOf("small.max_lines") - 1);
    expect(lines().length).toBeGreaterThan(30);
  });

  it("is a JSON Schema with its id and title, ending in a newline", () => {
    const text = settingsJsonSchema();
    expect(text.endsWith("}\n")).toBe(true);
    const schema = JSON.parse(text);
    expect(schema.$id).toBe("https://rungs.dev/schema/rungs-settings.schema.json");
    expect(schema.title).toBe("Rungs settings (.github/rungs.yml)");
    expect(schema.properties.small.properties.max_lines.default).toBe(400);
  });
});
