import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildSchema, type GraphQLSchema } from "graphql";

let cached: GraphQLSchema | undefined;

/**
 * GitHub's public GraphQL schema, built once per process (~200 ms). The package exports no path to its SDL,
 * so it is found where Node would look for the package. assumeValidSDL: the published SDL repeats some fields.
 */
export const githubSchema = (): GraphQLSchema => {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const candidates = (require.resolve.paths("@octokit/graphql-schema") ?? []).map((dir) =>
    join(dir, "@octokit", "graphql-schema", "schema.graphql"),
  );
  const file = candidates.find((path) => existsSync(path));
  if (!file)
    throw new Error(
      `sandbox: @octokit/graphql-schema/schema.graphql not found (looked in ${candidates.join(", ")})`,
    );
  // noLocation: the schema's syntax tree keeps no tokens or source positions (about 10 MB nothing reads;
  // only errors in the SDL itself would name a position).
  cached = buildSchema(readFileSync(file, "utf8"), { assumeValidSDL: true, noLocation: true });
  return cached;
};
