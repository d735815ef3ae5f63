import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";

/**
 * The spec's "Operation Type Existence" validation (https://spec.graphql.org/draft/#sec-Operation-Type-Existence):
 * an operation is valid only if the schema has a root type for it. graphql-js 16 lacks the rule
 * (17 has it as `KnownOperationTypesRule`, with this message), so a `mutation` or `subscription`
 * against Vangnet's query-only schema passed validation and failed in execution as
 * INTERNAL_SERVER_ERROR. As a validation rule it is GRAPHQL_VALIDATION_FAILED with 400, and
 * nothing runs.
 */
export const knownOperationTypes: ValidationRule = (context: ValidationContext) => {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
      }
    },
  };
};

/**
 * Over HTTP, a `subscription` has nowhere to send its events: it is a validation error that says
 * where subscriptions are served, instead of an execution error (api/subscriptions/).
 */
export const subscriptionsOverWebSocket: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (node.operation === "subscription") {
      context.reportError(
        new GraphQLError("Subscriptions are served over WebSocket at /graphql (the graphql-transport-ws protocol of graphql-ws), not over HTTP.", { nodes: node }),
      );
    }
  },
});
