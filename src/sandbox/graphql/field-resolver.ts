import type { GraphQLFieldResolver, GraphQLResolveInfo } from "graphql";
import { supportedArgs } from "./args.js";
import type { GraphqlContext } from "./context.js";

/** Arguments a query gave that the field does not honour; an argument left at its schema default is fine. */
const unsupportedArgs = (
  value: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
): string[] => {
  const supported = supportedArgs(value);
  const definitions = info.parentType.getFields()[info.fieldName]?.args ?? [];
  return Object.entries(args)
    .filter(([name]) => !supported.has(name))
    .filter(([name, given]) => {
      const fallback = definitions.find((d) => d.name === name)?.defaultValue;
      return JSON.stringify(given) !== JSON.stringify(fallback);
    })
    .map(([name]) => name);
};

/**
 * Reads a field from a plain object (calling it with the arguments when it is a function). A field or an
 * argument the sandbox has not modelled throws with its name, so a gap is never a silent null.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, context, info) => {
  const name = info.fieldName;
  if (typeof source !== "object" || source === null || !(name in source)) {
    throw new Error(`sandbox: GraphQL field ${info.parentType.name}.${name} is not implemented`);
  }
  const value: unknown = Reflect.get(source, name);
  const ignored = unsupportedArgs(value, args, info);
  if (ignored.length > 0) {
    const list = ignored.map((arg) => `${arg}:`).join(", ");
    throw new Error(`sandbox: GraphQL argument ${info.parentType.name}.${name}(${list}) is not implemented`);
  }
  if (typeof value !== "function") return value;
  const result: unknown = Reflect.apply(value, source, [args, context]);
  return result;
};
