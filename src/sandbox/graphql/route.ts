import { execute, GraphQLError, getOperationAST, parse, validate } from "graphql";
import type { Route, RouteReply, RouteRequest } from "../http/router.js";
import type { GraphqlContext } from "./context.js";
import { queryCost } from "./cost.js";
import { formatError } from "./errors.js";
import { fieldResolver } from "./field-resolver.js";
import { rootValue } from "./root.js";
import { githubSchema } from "./schema.js";

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Like GitHub, every GraphQL answer is HTTP 200; problems are reported in `errors`. */
const errorsOnly = (errors: readonly GraphQLError[], log: RouteReply["log"] = {}): RouteReply => ({
  status: 200,
  body: { errors: errors.map(formatError) },
  log,
});

const runGraphql = async (req: RouteRequest): Promise<RouteReply> => {
  const body: GraphqlBody = isRecord(req.body) ? req.body : {};
  if (typeof body.query !== "string") {
    return errorsOnly([new GraphQLError("A query attribute must be specified and must be a string.")]);
  }
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  let document: ReturnType<typeof parse>;
  try {
    document = parse(body.query);
  } catch (error) {
    if (error instanceof GraphQLError) return errorsOnly([error]);
    throw error;
  }
  const schema = githubSchema();
  const operation = getOperationAST(document, operationName);
  const mutating = operation?.operation === "mutation";
  const log = { mutating, ...(operation?.name ? { operation: operation.name.value } : {}) };
  const invalid = validate(schema, document);
  if (invalid.length > 0) return errorsOnly(invalid, log);

  const variables = isRecord(body.variables) ? body.variables : {};
  // GitHub charges a query's points beyond the request itself (cost.ts); the request's one is taken when answered.
  const cost = queryCost(document, operation, variables);
  req.world.rateLimits.charge("graphql", req.world.clock.now(), cost - 1);
  const context: GraphqlContext = { world: req.world, cost };
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(req.world),
    contextValue: context,
    variableValues: variables,
    ...(operationName ? { operationName } : {}),
    fieldResolver,
  });
  const repo = mutating ? context.writtenRepo : context.readRepo;
  return {
    status: 200,
    body: { ...(result.errors ? { errors: result.errors.map(formatError) } : {}), data: result.data ?? null },
    log: { ...log, ...(repo ? { repo } : {}) },
  };
};

export const graphqlRoute: Route = {
  method: "POST",
  route: "/graphql",
  status: [200],
  resource: "graphql",
  handle: runGraphql,
};
