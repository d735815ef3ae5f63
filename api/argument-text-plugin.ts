import { type ApolloServerPlugin, type BaseContext, HeaderMap } from "@apollo/server";
import { type ASTNode, type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, visit } from "graphql";
import { ErrorCode } from "./errors.js";
import { describeUnstorableText } from "../schema/storable-text.js";

type Ancestors = ReadonlyArray<ASTNode | ReadonlyArray<ASTNode>>;

/** Where a value sits: the argument path (`filter.search`), and the variable it came through. */
interface Place {
  argument: string;
  via?: string | undefined;
}

const isNode = (item: ASTNode | ReadonlyArray<ASTNode>): item is ASTNode => !Array.isArray(item);

/**
 * The argument (with the input-object fields inside it) or the variable definition a value node
 * belongs to, read from its ancestors (graphql-js passes the parent apart from them).
 */
function ownerOf(ancestors: Ancestors): { argument?: string; variable?: string; fields: string[] } {
  const nodes = ancestors.filter(isNode);
  const start = nodes.findLastIndex((n) => n.kind === Kind.ARGUMENT || n.kind === Kind.VARIABLE_DEFINITION);
  const owner = nodes[start];
  const fields = nodes.slice(start + 1).flatMap((n) => (n.kind === Kind.OBJECT_FIELD ? [n.name.value] : []));
  if (owner?.kind === Kind.ARGUMENT) return { argument: owner.name.value, fields };
  if (owner?.kind === Kind.VARIABLE_DEFINITION) return { variable: owner.variable.name.value, fields };
  return { fields };
}

/** For each variable, the argument path of its first use (`filter.search` for `filter: { search: $s }`). */
function variableUses(document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  visit(document, {
    Variable(node, _key, parent, _path, ancestors) {
      const owner = ownerOf(parent ? [...ancestors, parent] : ancestors);
      if (owner.argument && !uses.has(node.name.value)) uses.set(node.name.value, [owner.argument, ...owner.fields].join("."));
    },
  });
  return uses;
}

/** Strings inside a JSON variable value, with the input-object fields that lead to each. */
function* stringsIn(value: unknown, fields: string[]): Generator<{ fields: string[]; text: string }> {
  if (typeof value === "string") yield { fields, text: value };
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item, fields);
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...fields, key]);
}

/** What a parsed query's literals say, once per query: Apollo hands the same document to every request of the same text. */
const literalChecks = new WeakMap<DocumentNode, { uses: Map<string, string>; found: { place: Place; problem: string } | undefined }>();

/** The first string of the request that PostgreSQL could not take, with where it was given. */
function findUnstorableArgument(document: DocumentNode, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown>): { place: Place; problem: string } | undefined {
  let checked = literalChecks.get(document);
  if (!checked) {
    const uses = variableUses(document);
    checked = { uses, found: findUnstorableLiteral(document, uses) };
    literalChecks.set(document, checked);
  }
  const { uses, found } = checked;
  if (found) return found;
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    for (const { fields, text } of stringsIn(variables[name], [])) {
      const problem = describeUnstorableText(text);
      if (problem) return { place: { argument: [uses.get(name) ?? `$${name}`, ...fields].join("."), via: `variable $${name}` }, problem };
    }
  }
  return undefined;
}

/** The first literal string of a query (argument, fragment, variable default) PostgreSQL could not take. */
function findUnstorableLiteral(document: DocumentNode, uses: Map<string, string>): { place: Place; problem: string } | undefined {
  let found: { place: Place; problem: string } | undefined;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = describeUnstorableText(node.value);
      if (!problem || found) return;
      const { argument, variable, fields } = ownerOf(parent ? [...ancestors, parent] : ancestors);
      const base = argument ?? uses.get(variable ?? "") ?? `$${variable}`;
      found = { place: { argument: [base, ...fields].join("."), via: variable && `default of variable $${variable}` }, problem };
    },
  });
  return found;
}

/**
 * Every string a request hands to a resolver, checked once the operation is known and before
 * anything runs: literals (in arguments, fragments and variable defaults) and variable values at
 * any depth of an input object or list. Text PostgreSQL cannot take (see schema/storable-text.ts) is a
 * request error: 400 with BAD_USER_INPUT naming the argument, and no resolver, loader or SQL
 * statement ever sees it. One check for every argument, including those added later.
 */
export function createArgumentTextPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const found = findUnstorableArgument(document, operation, request.variables ?? {});
          if (!found) return;
          const { place, problem } = found;
          throw new GraphQLError(`Argument "${place.argument}"${place.via ? ` (${place.via})` : ""}: ${problem}.`, {
            extensions: { code: ErrorCode.badUserInput, argument: place.argument, http: { status: 400, headers: new HeaderMap() } },
          });
        },
      };
    },
  };
}
