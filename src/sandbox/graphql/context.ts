import type { World } from "../state/world.js";

/** Per-request state: which repository a query read first or a mutation writes, for the request log. */
export interface GraphqlContext {
  world: World;
  readRepo?: string;
  writtenRepo?: string;
  /** The query's point cost (cost.ts), as `rateLimit { cost }` reports it. */
  cost?: number;
}

/** A resolved GraphQL object: plain fields, or functions called with the field's arguments. */
export type GqlObject = Record<string, unknown>;
