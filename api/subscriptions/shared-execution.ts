import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  Kind,
  print,
  type SelectionSetNode,
  visit,
} from "graphql";

/** How many recent events keep their results: enough for every subscriber to take an event. */
const REMEMBERED_EVENTS = 64;

/**
 * graphql-ws's `subscribe`, executing each event once per distinct selection instead of once per
 * subscriber. Ten thousand newsrooms following the log with the same selection cost one execution
 * per change, not ten thousand. Sound because no field of the subscription's payload depends on
 * who asks (a change, its entity and municipality are public): the key is the event, the
 * selection's text and the values of the variables the selection uses, not the root field's
 * arguments (`filter`, `after`), which only decide which events a subscriber gets.
 */
export function createSharedSubscribe() {
  const results = new Map<unknown, Map<string, Promise<ExecutionResult>>>();

  function resultFor(event: unknown, key: string, run: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
    let byKey = results.get(event);
    if (!byKey) {
      byKey = new Map();
      results.set(event, byKey);
      if (results.size > REMEMBERED_EVENTS) results.delete(results.keys().next().value);
    }
    let result = byKey.get(key);
    if (!result) {
      result = run();
      byKey.set(key, result);
    }
    return result;
  }

  return async function subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
    const key = selectionKey(args);
    const iterator = source as AsyncIterableIterator<unknown>;
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const step = await iterator.next();
        if (step.done) return step;
        // Events are the change-log rows the hub read once: one object per change for everyone.
        const event = step.value;
        return { value: await resultFor(event, key, async () => execute({ ...args, rootValue: event }) as ExecutionResult), done: false };
      },
      async return() {
        await iterator.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  };
}

/** The operation's text with the values of the variables used below its root field. */
function selectionKey(args: ExecutionArgs): string {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return print(args.document);
  const used = new Set<string>();
  const collect = (node: SelectionSetNode | undefined) => {
    if (!node) return;
    visit(node, { Variable: (variable) => void used.add(variable.name.value) });
  };
  for (const selection of operation.selectionSet.selections) {
    // The root field's own arguments choose the events; everything below it shapes the result.
    if (selection.kind === Kind.FIELD) collect(selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
  }
  for (const definition of args.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) collect(definition.selectionSet);
  const values = [...used].sort().map((name) => [name, args.variableValues?.[name] ?? null]);
  return `${printOnce(args.document)}\u0000${args.operationName ?? ""}\u0000${JSON.stringify(values)}`;
}

const printed = new WeakMap<DocumentNode, string>();
function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}
