import type { GraphQLError } from "graphql";

/** A GraphQL error GitHub tags with a `type` (NOT_FOUND, STALE_DATA, …). */
export class TypedGraphqlError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFoundError = (message: string): TypedGraphqlError =>
  new TypedGraphqlError("NOT_FOUND", message);

/** GitHub's error shape: `{ type?, path?, locations?, message }`. */
export const formatError = (error: GraphQLError) => {
  const type = error.originalError instanceof TypedGraphqlError ? error.originalError.type : undefined;
  return {
    ...(type ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
};
