/**
 * Extracts from GitHub's OpenAPI description the response schemas of exactly the REST routes the sandbox
 * serves (SERVED_ROUTES), with every component schema they reference, into schema/github-openapi-subset.json.
 * The sandbox fidelity test validates every response against it; a route added to the sandbox without
 * regenerating this file fails that test.
 *
 *   npx tsx scripts/openapi-subset.ts <path/to/package/generated/api.github.com.json>
 *
 * The path is the file inside the @octokit/openapi package; its package.json (two folders up) gives the version.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { SERVED_ROUTES } from "../src/sandbox/index.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const OUT = resolve(import.meta.dirname, "..", "schema", "github-openapi-subset.json");

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Documentation, not validation: dropped to keep the committed file small.
const DROPPED = new Set(["description", "example", "examples", "title", "externalDocs", "discriminator"]);
const NAMED_SCHEMAS = new Set(["properties", "patternProperties"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SINGLE_SCHEMAS = new Set(["items", "additionalProperties", "not"]);

/**
 * Copies a schema for validation. `oneOf` becomes `anyOf`: GitHub's description has `oneOf` branches that
 * overlap (basic-error and repository-rule-violation-error both accept any error body), which would reject
 * real GitHub answers for matching two branches.
 */
const cleanSchema = (schema: Json): Json => {
  if (!isObject(schema)) return schema;
  // OpenAPI 3.0 allows `nullable` without `type` (next to allOf/$ref); JSON Schema needs it spelled out.
  if (schema.nullable === true && schema.type === undefined) {
    const { nullable: _nullable, ...rest } = schema;
    return { anyOf: [cleanSchema(rest), { type: "null" }] };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      const target = key === "oneOf" ? "anyOf" : key;
      out[target] = value.map(cleanSchema);
    } else if (NAMED_SCHEMAS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, cleanSchema(s)]));
    } else if (SINGLE_SCHEMAS.has(key)) {
      out[key] = cleanSchema(value);
    } else if (key === "enum" && Array.isArray(value) && schema.nullable === true && !value.includes(null)) {
      // GitHub answers null for nullable enums (an open issue's state_reason); OpenAPI 3.0 allows it.
      out[key] = [...value, null];
    } else {
      out[key] = value;
    }
  }
  return out;
};

const componentRefs = (schema: Json, found: Set<string>): void => {
  if (Array.isArray(schema)) for (const item of schema) componentRefs(item, found);
  if (!isObject(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    const name =
      key === "$ref" && typeof value === "string"
        ? /^#\/components\/schemas\/(.+)$/.exec(value)?.[1]
        : undefined;
    if (name) found.add(name);
    else componentRefs(value, found);
  }
};

const sortKeys = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key] ?? null)]),
  );
};

const child = (value: Json | undefined, ...path: string[]): Json | undefined => {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
};

const main = (): void => {
  const specPath = process.argv[2];
  if (!specPath) {
    console.error(
      "usage: npx tsx scripts/openapi-subset.ts <path/to/@octokit/openapi/generated/api.github.com.json>",
    );
    process.exit(2);
  }
  const spec: Json = JSON.parse(readFileSync(specPath, "utf8"));
  const packageJson = join(dirname(resolve(specPath)), "..", "package.json");
  const pkg: Json = existsSync(packageJson) ? JSON.parse(readFileSync(packageJson, "utf8")) : null;

  const problems: string[] = [];
  const paths: JsonObject = {};
  const wanted = new Set<string>();
  for (const { method, route, status } of SERVED_ROUTES) {
    const operation = child(spec, "paths", route, method.toLowerCase());
    if (!isObject(operation)) {
      problems.push(`${method} ${route}: not in GitHub's OpenAPI description`);
      continue;
    }
    const byStatus: JsonObject = {};
    for (const code of status) {
      let response = child(operation, "responses", String(code));
      const ref = child(response, "$ref");
      if (typeof ref === "string") response = child(spec, ...ref.replace(/^#\//, "").split("/"));
      if (!isObject(response)) {
        problems.push(`${method} ${route}: GitHub documents no ${code} response`);
        continue;
      }
      // Some documented statuses (a team membership's 404) have no body schema: any body is accepted.
      const schema = child(response, "content", "application/json", "schema") ?? { "x-no-body-schema": true };
      const cleaned = cleanSchema(schema);
      componentRefs(cleaned, wanted);
      byStatus[String(code)] = cleaned;
    }
    paths[route] = { ...(isObject(paths[route]) ? paths[route] : {}), [method.toLowerCase()]: byStatus };
  }

  const schemas: JsonObject = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (name in schemas) continue;
    const schema = child(spec, "components", "schemas", name);
    if (schema === undefined) {
      problems.push(`component schema ${name} is referenced but missing`);
      continue;
    }
    const cleaned = cleanSchema(schema);
    schemas[name] = cleaned;
    const more = new Set<string>();
    componentRefs(cleaned, more);
    queue.push(...[...more].filter((m) => !(m in schemas)));
  }

  if (problems.length > 0) {
    console.error(`openapi-subset: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  const subset: JsonObject = {
    source: {
      package: child(pkg ?? {}, "name") ?? "@octokit/openapi",
      version: child(pkg ?? {}, "version") ?? "unknown",
      file: "generated/api.github.com.json",
      openapi: child(spec, "openapi") ?? null,
      apiVersion: child(spec, "info", "version") ?? null,
    },
    notes: [
      "Generated by scripts/openapi-subset.ts from SERVED_ROUTES in src/sandbox; do not edit.",
      "oneOf is rewritten to anyOf; description, example(s), title and discriminator are dropped.",
      "nullable without type becomes anyOf [schema, {type: null}]; a nullable enum also lists null.",
    ],
    paths,
    components: { schemas },
  };
  writeFileSync(OUT, `${JSON.stringify(sortKeys(subset), null, 2)}\n`);
  console.log(
    `openapi-subset: ${SERVED_ROUTES.length} routes, ${Object.keys(schemas).length} component schemas → ${OUT}`,
  );
};

main();
