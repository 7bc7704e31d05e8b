import { stringify } from "yaml";
import { z } from "zod";
import { Settings } from "./settings.js";

/** The part of a field's JSON Schema the template reads. */
interface Field {
  description?: string | undefined;
  default?: unknown;
  properties?: Record<string, Field> | undefined;
}
const Field: z.ZodType<Field> = z.lazy(() =>
  z.object({
    description: z.string().optional(),
    default: z.unknown().optional(),
    properties: z.record(z.string(), Field).optional(),
  }),
);

/** Fields with no default, shown with a value that explains them. */
const EXAMPLES: Record<string, unknown> = {
  _extends: ".github",
  consistency: { quarters: 2, of: 3 },
};

const flow = (value: unknown) =>
  stringify(value, { collectionStyle: "flow", lineWidth: 0, flowCollectionPadding: false }).trim();

const lines = (fields: Record<string, Field>, depth: number, path: string): string[] =>
  Object.entries(fields).flatMap(([key, field]) => {
    const pad = "  ".repeat(depth);
    // One line per description, so a commented-out setting is the only kind of line that reads `key:`.
    const about = field.description ? [`#${depth ? ` ${pad}#` : ""} ${field.description}`] : [];
    const name = `${path}${key}`;
    const example = EXAMPLES[name];
    if (example !== undefined) return [...about, `# ${pad}${key}: ${flow(example)}`];
    if (field.properties && !Array.isArray(field.default))
      return [...about, `# ${pad}${key}:`, ...lines(field.properties, depth + 1, `${name}.`)];
    return [...about, `# ${pad}${key}: ${flow(field.default ?? null)}`];
  });

/**
 * `.github/rungs.yml` for a new career repo: every setting, commented out at its default, each with its
 * description, all generated from the settings schema (the one source), so it never falls behind.
 * As written it is the defaults; uncommenting any line changes only that setting.
 */
export const commentedSettings = (): string => {
  const schema = Field.parse(z.toJSONSchema(Settings, { io: "input", unrepresentable: "any" }));
  // One block per top-level setting, a blank line between them.
  const blocks = Object.entries(schema.properties ?? {}).map(([key, field]) =>
    lines({ [key]: field }, 0, "").join("\n"),
  );
  return [
    "# Rungs settings for this career repo. Every setting is optional: each one is shown commented out at",
    "# its default, with what it means. To change one, remove the leading `# ` from its line and from the",
    "# lines of the sections it sits in (`# small:` for `max_lines`).",
    "# Check the file with `npx rungs validate .` before pushing; the reference is docs/configuration.md in",
    "# the Rungs repository.",
    "",
    blocks.join("\n\n"),
    "",
  ].join("\n");
};
