import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/**
 * A query's point cost as GitHub documents it ("Calculating a rate limit score"): every connection
 * counts one request per parent node that may hold it (assuming each asks for its full `first`/`last`),
 * the sum is divided by 100 and rounded, and no query costs less than 1. Mutations cost 1 here (GitHub
 * counts them as 5 against the secondary limits, not the points).
 */
export const queryCost = (
  document: DocumentNode,
  operation: OperationDefinitionNode | null | undefined,
  variables: Record<string, unknown>,
): number => {
  if (operation?.operation !== "query") return 1;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const numberOf = (value: ValueNode): number => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === "number" ? v : 0;
    }
    return 0;
  };

  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, parents: number, seen: ReadonlySet<string>): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, parents, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (!seen.has(name)) walk(fragments.get(name)?.selectionSet, parents, new Set([...seen, name]));
        continue;
      }
      const page = selection.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
      if (!page) {
        walk(selection.selectionSet, parents, seen);
        continue;
      }
      requests += parents;
      walk(selection.selectionSet, parents * Math.max(1, numberOf(page.value)), seen);
    }
  };
  walk(operation.selectionSet, 1, new Set());
  return Math.max(1, Math.round(requests / 100));
};
