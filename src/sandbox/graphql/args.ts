import type { GraphqlContext } from "./context.js";

const SUPPORTED = Symbol("supported GraphQL arguments");

export const CONNECTION_ARGS = ["first", "after", "last", "before"];

export const TIMELINE_ARGS = [...CONNECTION_ARGS, "itemTypes"];

/**
 * Declares which arguments a field honours. Any other argument a query passes (with a value other than the
 * schema's default) fails with its name, so an ignored filter is never silent.
 */
export const withArgs = <A, R>(names: readonly string[], resolve: (args: A, ctx: GraphqlContext) => R) =>
  Object.assign((args: A, ctx: GraphqlContext) => resolve(args, ctx), { [SUPPORTED]: new Set(names) });

export const supportedArgs = (value: unknown): ReadonlySet<string> => {
  const declared: unknown = typeof value === "function" ? Reflect.get(value, SUPPORTED) : undefined;
  return declared instanceof Set ? declared : new Set();
};
