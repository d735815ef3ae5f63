import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type ExecutionArgs, getOperationAST, GraphQLError, type GraphQLSchema, parse, specifiedRules, validate, type ValidationRule } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { Logger } from "pino";
import proxyaddr from "proxy-addr";
import { type WebSocket, WebSocketServer } from "ws";
import type { Database } from "../../db/client.js";
import type { Identification, PresentedKey } from "../caller.js";
import type { ChangeHub } from "../changes/change-hub.js";
import { changeMatcherOf } from "../changes/change-matcher.js";
import { ChangeStream } from "../changes/change-stream.js";
import type { ChangeFilter } from "../../db/queries/change-log.js";
import type { ApiContext } from "../context.js";
import { ErrorCode } from "../errors.js";
import { fragmentsOf, operationCost } from "../limits/cost.js";
import { presentCost, queryTooComplex } from "../limits/plugin.js";
import type { QueryLimits, SubscriptionLimits } from "../serving-options.js";
import { initPayloadKey } from "./init-payload.js";
import { createSharedSubscribe } from "./shared-execution.js";

/** WebSocket close code of a client that does not keep up (RFC 6455 "Try Again Later"). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  limits: SubscriptionLimits;
  queryLimits: QueryLimits;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  /** Express's compiled `trust proxy` function: whose X-Forwarded-For names the client. */
  trustProxy: (address: string, hop: number) => boolean;
  identify: (presented: PresentedKey, ip: string) => Promise<Identification>;
  /** The database and the change hub once both are ready; until then upgrades get 503. */
  live: () => { db: Database; hub: ChangeHub } | undefined;
  /** The context of an operation, as HTTP requests get it. */
  contextFor: (db: Database) => ApiContext;
  logger: Logger;
  development: boolean;
}

interface ConnectionState {
  ip: string;
  /** `key:<prefix>` or `ip:<address>`: what the per-key limit counts. */
  callerId: string;
  keyed: boolean;
  subscriptions: Set<string>;
  /** The change streams of its subscriptions, watched for a client that stopped taking changes. */
  streams: Set<ChangeStream>;
}

/**
 * GraphQL subscriptions on the API's HTTP server: graphql-ws on `path`, with limits on
 * connections per address (HTTP 429 at the upgrade), subscriptions per connection and per API key
 * (an error on that subscription, the connection stays), the HTTP API's query limits, an API key
 * in the init payload (an unknown or revoked one closes with 4403), and a client that does not
 * keep up closed with 1013. Queries and mutations stay on HTTP, where rate limits apply.
 */
export function attachSubscriptions(options: SubscriptionServerOptions) {
  const { limits } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const perIp = new Map<string, number>();
  const perCaller = new Map<string, number>();
  const states = new WeakMap<WebSocket, ConnectionState>();
  const requests = new WeakMap<IncomingMessage, string>();

  const count = (map: Map<string, number>, key: string, by: number) => {
    const next = (map.get(key) ?? 0) + by;
    if (next <= 0) map.delete(key);
    else map.set(key, next);
  };

  options.httpServer.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== options.path) return refuse(socket, 404, `no WebSocket endpoint at ${path}; subscriptions are at ${options.path}`);
    if (!options.live()) return refuse(socket, 503, "The database is not ready yet", { "Retry-After": "2" });
    const ip = proxyaddr(request, options.trustProxy);
    if ((perIp.get(ip) ?? 0) >= limits.maxConnectionsPerIp) {
      return refuse(socket, 429, `At most ${limits.maxConnectionsPerIp} WebSocket connections per address; close one first.`, { "Retry-After": "10" });
    }
    count(perIp, ip, 1);
    socket.once("close", () => count(perIp, ip, -1));
    requests.set(request, ip);
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });

  const release = (state: ConnectionState | undefined, id: string) => {
    if (state?.subscriptions.delete(id)) count(perCaller, state.callerId, -1);
  };

  const disposable = useServer(
    {
      schema: options.schema,
      subscribe: createSharedSubscribe(),
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        const ip = requests.get(request) ?? "unknown";
        const identity = await options.identify(initPayloadKey(ctx.connectionParams), ip);
        if ("refused" in identity) {
          socket.close(CloseCode.Forbidden, closeReason(identity.refused));
          return false;
        }
        states.set(socket, { ip, callerId: identity.caller.id, keyed: identity.caller.tier !== "anonymous", subscriptions: new Set(), streams: new Set() });
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const state = states.get(ctx.extra.socket);
        const live = options.live();
        if (!state || !live) return [new GraphQLError("The connection is not ready.", { extensions: { code: ErrorCode.serviceUnavailable } })];
        let document;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
        }
        const errors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError("Name the operation to run (operationName) when the document holds several.")];
        if (operation.operation !== "subscription") {
          return [new GraphQLError(`Over WebSocket only subscriptions run; send the ${operation.operation} over HTTP to ${options.path}.`, { extensions: { code: ErrorCode.subscriptionOnly } })];
        }
        const cost = operationCost(operation, fragmentsOf(document.definitions), payload.variables ?? undefined);
        if (cost > options.queryLimits.maxCost) return [queryTooComplex(presentCost(cost, options.queryLimits.maxCost))];
        if (state.subscriptions.size >= limits.maxPerConnection) {
          return [tooMany(`At most ${limits.maxPerConnection} subscriptions per connection; complete one first or open another connection.`)];
        }
        if (state.keyed && (perCaller.get(state.callerId) ?? 0) >= limits.maxPerKey) {
          return [tooMany(`At most ${limits.maxPerKey} subscriptions per API key; complete one first.`)];
        }
        state.subscriptions.add(id);
        count(perCaller, state.callerId, 1);
        const { db, hub } = live;
        const context: ApiContext = Object.assign(options.contextFor(db), {
          openChangeStream: (filter: ChangeFilter, afterSeq: number | undefined) =>
            new ChangeStream({
              db,
              hub,
              filter,
              afterSeq,
              matcher: changeMatcherOf(filter, context.municipalities),
              maxQueued: limits.maxQueued,
            }).on(state.streams),
        });
        const args: ExecutionArgs = { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
        return args;
      },
      onComplete: (ctx, id) => release(states.get(ctx.extra.socket), id),
      onClose: (ctx) => {
        const state = states.get(ctx.extra.socket);
        for (const id of state?.subscriptions ?? []) release(state, id);
      },
    },
    wss,
  );

  // A client whose socket stopped draining would hold its subscription forever: close it.
  const sweep = setInterval(
    () => {
      for (const socket of wss.clients) {
        const state = states.get(socket);
        const stalled = Math.max(0, ...[...(state?.streams ?? [])].map((stream) => stream.stalledFor()));
        if (stalled < limits.stallTimeoutMs) continue;
        options.logger.info({ ip: state?.ip, stalledMs: stalled }, "closing a subscriber that does not keep up");
        socket.close(SLOW_CONSUMER_CLOSE_CODE, closeReason(`Too slow: no change taken for ${Math.round(stalled / 1000)} s. Reconnect with after: the last cursor received.`));
        // A client that does not read does not answer the close handshake either.
        setTimeout(() => socket.terminate(), 1_000).unref();
      }
    },
    Math.min(1_000, limits.stallTimeoutMs / 4),
  );
  sweep.unref();

  return {
    /** Open connections. */
    get connections(): number {
      return wss.clients.size;
    },
    /** Close every connection (1001 Going Away) and stop accepting new ones. */
    dispose: async () => {
      clearInterval(sweep);
      await disposable.dispose();
    },
  };
}

function tooMany(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.tooManySubscriptions } });
}

/** A WebSocket close reason holds at most 123 bytes. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, -2)}…`;
  return reason;
}

const STATUS_TEXT: Record<number, string> = { 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" };

/** Answer an upgrade with a plain HTTP error and close the socket. */
function refuse(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: status === 429 ? "too_many_connections" : status === 503 ? "starting" : "not_found", message });
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, "Connection: close", "Content-Type: application/json; charset=utf-8", `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
}
