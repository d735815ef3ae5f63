import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import { MAX_PAGE_SIZE } from "../pagination.js";

/**
 * The cost of an operation, GitHub-style: every field counts 1, and a field with a `first`
 * argument (a connection or a bounded list) multiplies the cost of everything it selects by
 * `first`, because that selection is repeated for up to `first` items. A `first` given by a
 * variable counts with the variable's value, else its default in the operation, else as the
 * largest page, 100.
 *
 *   { municipalities(first: 50) { totalCount nodes { nis name } } }  = 1 + 50 × (1 + 1 + 2) = 201
 *
 * Fragments count where they are spread, `@skip`/`@include` are ignored (an upper bound), and a
 * fragment spread inside itself counts 0 (validation rejects such cycles anyway). Each fragment
 * is costed once, so a chain of fragments that spread the next one twice stays cheap to check.
 */
export function operationCost(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>> | undefined,
): number {
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const defaults = new Map<string, ValueNode | undefined>();
  for (const definition of operation.variableDefinitions ?? []) defaults.set(definition.variable.name.value, definition.defaultValue);
  const literal = (value: ValueNode | undefined) => (value?.kind === Kind.INT ? Number(value.value) : undefined);

  const firstOf = (value: ValueNode | undefined): number => {
    if (!value) return 1;
    let given: unknown;
    if (value.kind !== Kind.VARIABLE) given = literal(value);
    else if (variables && Object.hasOwn(variables, value.name.value)) given = variables[value.name.value];
    else given = literal(defaults.get(value.name.value));
    return typeof given === "number" && Number.isInteger(given) ? Math.max(0, given) : MAX_PAGE_SIZE;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionCost(fragment.selectionSet);
    inProgress.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const selectionCost = (selectionSet: SelectionSetNode): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += 1;
        if (selection.selectionSet) {
          const first = selection.arguments?.find((argument) => argument.name.value === "first");
          cost += firstOf(first?.value) * selectionCost(selection.selectionSet);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionCost(selection.selectionSet);
      } else {
        cost += fragmentCost(selection.name.value);
      }
    }
    return cost;
  };

  return selectionCost(operation.selectionSet);
}

/** The fragment definitions of a document, by name. */
export function fragmentsOf(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      if (!fragments.has(fragment.name.value)) fragments.set(fragment.name.value, fragment);
    }
  }
  return fragments;
}

/** Rate-limit points a query spends: its cost in hundreds, at least 1 (as GitHub counts). */
export function pointsForCost(cost: number): number {
  return Math.max(1, Math.ceil(cost / 100));
}
