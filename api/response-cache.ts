import { createHash } from "node:crypto";
import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { ResponseCacheOptions } from "./serving-options.js";

interface Entry {
  /** The change-log version the data was read at (see `currentVersion`). */
  version: string;
  data: Record<string, unknown>;
  etag: string;
  bytes: number;
}

const PRIVATE_RESPONSE = Symbol("vangnet.privateResponse");

/**
 * A resolver read what only its caller may see (an API key's webhooks): the response is neither
 * stored nor marked cacheable, whatever the method. Everything else Vangnet serves is public.
 */
export function markResponsePrivate(context: object): void {
  (context as { [PRIVATE_RESPONSE]?: boolean })[PRIVATE_RESPONSE] = true;
}

const isPrivateResponse = (context: object) => (context as { [PRIVATE_RESPONSE]?: boolean })[PRIVATE_RESPONSE] === true;

/**
 * A weak validator of the data. The rest of the body (`extensions.cost`) follows from the URL,
 * which names the query and its variables.
 */
function etagOf(json: string): string {
  return `W/"${createHash("sha256").update(json).digest("base64url")}"`;
}

/** `If-None-Match` compared weakly (RFC 9110 §13.1.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * Results of GET queries, in memory, bounded by size (least recently used out first), keyed by
 * query, operation name, variables and extensions. Everything Vangnet serves changes only with a
 * change-log row, so an entry stays valid while the change log's latest `seq` stays the same; that
 * number is read at most once per `versionCheckIntervalMs`, and `invalidate()` (for writers in
 * the same process) drops everything at once. HTTP: a successful GET gets
 * `Cache-Control: public, max-age=…` and an ETag, and a matching `If-None-Match` gets 304; a
 * response a resolver marked private (`markResponsePrivate`) gets `private, no-store`; errors
 * and POSTs get `no-store`.
 */
export function createResponseCache(options: ResponseCacheOptions & { readLatestSeq: () => Promise<number>; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = 0;
  let latestSeq: number | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  /** `<generation>:<seq>`, read before a query runs, so an entry is never newer than its label. */
  async function currentVersion(): Promise<string> {
    const started = generation;
    if (latestSeq === undefined || now() - checkedAt >= options.versionCheckIntervalMs) {
      reading ??= options
        .readLatestSeq()
        .then((seq) => {
          latestSeq = seq;
          checkedAt = now();
        })
        .finally(() => {
          reading = undefined;
        });
      await reading;
    }
    return `${started}:${latestSeq}`;
  }

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  function lookUp(key: string, version: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    remove(key);
    if (entry.version !== version) return undefined;
    entries.set(key, entry);
    bytes += entry.bytes;
    return entry;
  }

  function store(key: string, entry: Omit<Entry, "bytes">, json: string): void {
    const size = key.length + json.length;
    if (size > options.maxBytes / 4) return;
    remove(key);
    entries.set(key, { ...entry, bytes: size });
    bytes += size;
    for (const oldest of entries.keys()) {
      if (bytes <= options.maxBytes) break;
      remove(oldest);
    }
  }

  function keyOf(request: GraphQLRequest): string {
    const identity = JSON.stringify([request.query, request.operationName ?? null, request.variables ?? null, request.extensions ?? null]);
    return createHash("sha256").update(identity).digest("base64url");
  }

  function plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      async requestDidStart({ request }) {
        const isGet = request.http?.method === "GET";
        let key: string | undefined;
        let version: string | undefined;
        let hit: Entry | undefined;
        return {
          async responseForOperation() {
            if (!isGet || options.maxBytes <= 0) return null;
            try {
              version = await currentVersion();
            } catch {
              // The change log cannot be read: answer from the database and keep nothing.
              return null;
            }
            key = keyOf(request);
            hit = lookUp(key, version);
            if (!hit) return null;
            return { http: { headers: new HeaderMap() }, body: { kind: "single", singleResult: { data: hit.data } } };
          },
          async willSendResponse({ response, contextValue }) {
            const result = response.body.kind === "single" ? response.body.singleResult : undefined;
            const succeeded = result !== undefined && !result.errors && result.data != null && (response.http.status ?? 200) === 200;
            const headers = response.http.headers;
            if (isPrivateResponse(contextValue)) {
              headers.set("cache-control", "private, no-store");
              return;
            }
            if (!isGet || !succeeded) {
              headers.set("cache-control", "no-store");
              return;
            }
            headers.set("cache-control", `public, max-age=${options.maxAgeSeconds}`);
            headers.set("vary", "Accept");
            const data = result.data as Record<string, unknown>;
            let etag = hit?.etag;
            if (!etag) {
              const json = JSON.stringify(data);
              etag = etagOf(json);
              if (key !== undefined && version !== undefined) store(key, { version, data, etag }, json);
            }
            headers.set("etag", etag);
            if (key !== undefined) headers.set("x-cache", hit ? "HIT" : "MISS");
            // Express sends no body with a 304; its own check would skip requests that say
            // `Cache-Control: no-cache`, as fetch() does whenever If-None-Match is set.
            if (matchesIfNoneMatch(request.http?.headers.get("if-none-match"), etag)) response.http.status = 304;
          },
        };
      },
    };
  }

  return {
    plugin,
    /** Drop every cached response now (a writer in this process has committed a change). */
    invalidate(): void {
      generation++;
      checkedAt = Number.NEGATIVE_INFINITY;
      entries.clear();
      bytes = 0;
    },
  };
}

export type ResponseCache = ReturnType<typeof createResponseCache>;
