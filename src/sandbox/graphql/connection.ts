import { TypedGraphqlError } from "./errors.js";

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const MAX_PAGE = 100;

const encodeCursor = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString("base64");

const decodeCursor = (cursor: string): number => {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match)
    throw new TypedGraphqlError(
      "INVALID_CURSOR_ARGUMENTS",
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  return Number(match[1]);
};

/**
 * A Relay connection over a list, paginated as GitHub does: `first` or `last` is required and capped at 100,
 * cursors are opaque.
 */
export const connection = <T>(
  name: string,
  items: T[],
  args: ConnectionArgs,
  toNode: (item: T) => unknown,
) => {
  const { first, last } = args;
  if (first == null && last == null) {
    throw new TypedGraphqlError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  }
  for (const [arg, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value > MAX_PAGE || value < 0)) {
      throw new TypedGraphqlError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`,
      );
    }
  }
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? Math.min(decodeCursor(args.before), items.length) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const edges = items
    .slice(start, end)
    .map((item, i) => ({ cursor: encodeCursor(start + i), node: toNode(item) }));
  return {
    totalCount: items.length,
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
};
