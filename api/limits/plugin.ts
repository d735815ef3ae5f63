import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { type DocumentNode, GraphQLError, getOperationAST, type OperationDefinitionNode } from "graphql";
import { ErrorCode } from "../errors.js";
import type { QueryLimits } from "../serving-options.js";
import { fragmentsOf, operationCost, pointsForCost } from "./cost.js";

export interface QueryCost {
  /** The computed cost of the operation (see cost.ts). */
  requested: number;
  /** The most an operation may cost. */
  limit: number;
  /** Rate-limit points the operation spends. */
  points: number;
}

export interface QueryLimitsPluginOptions<TContext extends BaseContext> {
  limits: QueryLimits;
  /** Called with the cost of an operation that is within the limit, before it runs. */
  onCost?: (requestContext: GraphQLRequestContextDidResolveOperation<TContext>, cost: QueryCost) => Promise<void>;
}

export function presentCost(requested: number, limit: number): QueryCost {
  const finite = Math.min(requested, Number.MAX_SAFE_INTEGER);
  return { requested: finite, limit, points: pointsForCost(finite) };
}

export function queryTooComplex(cost: QueryCost): GraphQLError {
  return new GraphQLError(
    `Query cost ${cost.requested} is over the limit of ${cost.limit}. Every field counts 1, and a field with a \`first\` argument ` +
      "multiplies the cost of what it selects by `first` (100 when a variable does not set it). Ask for fewer items per page or fewer nested lists.",
    { extensions: { code: ErrorCode.queryTooComplex, cost, http: { status: 400, headers: new HeaderMap() } } },
  );
}

/** Costs of operations without variables, once per parsed query (Apollo reuses a query text's document). */
const fixedCosts = new WeakMap<OperationDefinitionNode, number>();

function costOf(operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown> | undefined): number {
  if (operation.variableDefinitions?.length) return operationCost(operation, fragmentsOf(document.definitions), variables);
  let cost = fixedCosts.get(operation);
  if (cost === undefined) {
    cost = operationCost(operation, fragmentsOf(document.definitions), variables);
    fixedCosts.set(operation, cost);
  }
  return cost;
}

/**
 * The connection-cost limit, checked once the operation is known and before it runs (the
 * variables decide the cost, so it cannot be a validation rule: Apollo caches validation per
 * query text). Every response that has a parsed operation reports `extensions.cost`.
 */
export function createQueryLimitsPlugin<TContext extends BaseContext>(options: QueryLimitsPluginOptions<TContext>): ApolloServerPlugin<TContext> {
  const limit = options.limits.maxCost;
  return {
    async requestDidStart() {
      let cost: QueryCost | undefined;
      return {
        async didResolveOperation(requestContext) {
          if (!requestContext.operation) return;
          const requested = costOf(requestContext.operation, requestContext.document, requestContext.request.variables);
          cost = presentCost(requested, limit);
          if (requested > limit) throw queryTooComplex(cost);
          await options.onCost?.(requestContext, cost);
        },
        async willSendResponse(requestContext) {
          const { document, request, response } = requestContext;
          if (!cost && document) {
            // Rejected during validation: still tell what the operation would have cost.
            const operation = getOperationAST(document, request.operationName);
            if (operation) cost = presentCost(operationCost(operation, fragmentsOf(document.definitions), request.variables), limit);
          }
          if (cost && response.body.kind === "single") {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost };
          }
        },
      };
    },
  };
}
