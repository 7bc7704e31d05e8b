import { z } from "zod";
import { Settings } from "./settings.js";

type JsonSchema = {
  description?: string;
  default?: unknown;
  type?: string;
  properties?: Record<string, JsonSchema>;
};

const schema = (): JsonSchema & Record<string, unknown> =>
  z.toJSONSchema(Settings, { io: "input", unrepresentable: "any" }) as JsonSchema & Record<string, unknown>;

/** JSON Schema for `.github/rungs.yml`, generated from the zod schema (the one source), for editors. */
export const settingsJsonSchema = (): string =>
  `${JSON.stringify({ ...schema(), $id: "https://rungs.dev/schema/rungs-settings.schema.json", title: "Rungs settings (.github/rungs.yml)" }, null, 2)}\n`;

const rows = (props: Record<string, JsonSchema>, prefix = ""): string[] =>
  Object.entries(props).flatMap(([key, s]) => {
    const name = `${prefix}${key}`;
    const dflt =
      s.default === undefined || (typeof s.default === "object" && s.properties)
        ? ""
        : `\`${JSON.stringify(s.default)}\``;
    const row = `| \`${name}\` | ${s.type ?? ""} | ${dflt} | ${(s.description ?? "").replace(/\|/g, "\\|")} |`;
    return [row, ...(s.properties ? rows(s.properties, `${name}.`) : [])];
  });

/** The reference table in docs/configuration.md, generated from the same schema. */
export const settingsDocTable = (): string =>
  ["| Field | Type | Default | Meaning |", "|---|---|---|---|", ...rows(schema().properties ?? {})].join(
    "\n",
  );
