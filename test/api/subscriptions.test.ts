import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { encodeCursor } from "../../api/pagination.js";
import { appendChange, listChanges } from "../../db/queries/change-log.js";
import { createApiKey } from "../../db/queries/api-keys.js";
import { syncSources } from "../../db/queries/sources.js";
import { documentEntry } from "../helpers/change-entries.js";
import { writeRelease } from "../helpers/document-writes.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";
import { subscribeChanges } from "../helpers/ws-subscriber.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const cursorOf = (seq: number) => encodeCursor("change", String(seq));

/** A newsroom follows the change log live: backlog first, then live, each change once. */
describe(`changes subscription over graphql-ws (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let nextId = 1;

  /** Commit `count` document entries, one transaction each, returning their seqs. */
  async function append(count: number, overrides: Parameters<typeof documentEntry>[2] = {}): Promise<number[]> {
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = nextId++;
      const row = await db.db.transaction((tx) => appendChange(tx, documentEntry("document.created", id, overrides)));
      seqs.push(Number(row.seq));
    }
    return seqs;
  }
  const allSeqsAfter = async (seq: number) => (await listChanges(db.db, {}, { afterSeq: seq, limit: 100_000 })).map((row) => Number(row.seq));

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} }]);
    api = await startTestApi(db);
    await waitFor(() => api.server.changeHub() !== undefined, { what: "the change hub to start" });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("sends the backlog after the cursor, then live changes, with no gap and no duplicate while changes are committed", async () => {
    const [first] = await append(450);
    const start = (first as number) + 49;
    const subscriber = subscribeChanges(api.url, { after: cursorOf(start) });
    // Commit while the backlog (400 entries, two pages and more) is being sent.
    const written = await append(150);
    const expected = await allSeqsAfter(start);
    expect(expected.length).toBe(550);
    expect(expected.at(-1)).toBe(written.at(-1));
    const received = await subscriber.waitFor(expected.length);
    await sleep(300);
    expect(received.map((change) => change.seq)).toEqual(expected);
    expect(received[0]?.cursor).toBe(cursorOf(start + 1));
    expect(subscriber.errors).toEqual([]);
    await subscriber.close();
  });

  it("a subscriber that disconnects and resumes with its last cursor misses nothing and sees nothing twice", async () => {
    const [head] = await append(1);
    const first = subscribeChanges(api.url, { after: cursorOf(head as number) });
    const writing = (async () => {
      for (let i = 0; i < 120; i++) {
        await append(1);
        await sleep(2);
      }
    })();
    const before = await first.waitFor(30);
    await first.close();
    const lastCursor = before.at(-1)?.cursor as string;
    const seen = before.map((change) => change.seq);
    await sleep(50); // changes keep coming while it is away
    const second = subscribeChanges(api.url, { after: lastCursor });
    await writing;
    const expected = await allSeqsAfter(head as number);
    const after = await second.waitFor(expected.length - seen.length);
    expect([...seen, ...after.map((change) => change.seq)]).toEqual(expected);
    await second.close();
  });

  it("without a cursor, sends the changes committed from now on", async () => {
    const subscriber = subscribeChanges(api.url);
    // Until the subscription is registered, commits are not for it: commit until one arrives.
    while (subscriber.received.length === 0) {
      await append(1, { title: "Nieuw" });
      await sleep(20);
    }
    const [firstReceived] = subscriber.received;
    await append(3, { title: "Nieuw" });
    const expected = await allSeqsAfter((firstReceived?.seq as number) - 1);
    const received = await subscriber.waitFor(expected.length);
    expect(received.map((change) => change.seq)).toEqual(expected);
    expect(new Set(received.map((change) => change.title))).toEqual(new Set(["Nieuw"]));
    await subscriber.close();
  });

  it("gives the same answer as the changes query for the same filter, full-text search included", async () => {
    const [head] = await append(1);
    const filters = [
      { municipalities: ["11002"] }, // Antwerpen, with Borsbeek merged into it
      { provinces: ["VOV"], kinds: ["PRESS_RELEASE"] },
      { themes: ["food_aid"] },
      { search: "huurpremie" },
      { events: ["measure.changed"] },
    ];
    const subscribers = filters.map((filter) => subscribeChanges(api.url, { filter, after: cursorOf(head as number) }));
    const release = (uri: string, municipalityNis: string, title: string, text: string) =>
      db.db.transaction((tx) =>
        writeRelease(tx, { uri, sourceId: "news:test", municipalityNis, content: { title, lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] } }, NOW),
      );
    await release("https://stad.gent/huurpremie", "44021", "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.");
    await release("https://stad.gent/huurpremie", "44021", "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.");
    await release("https://www.borsbeek.be/kruidenier", "11007", "Sociale kruidenier", "De gemeente Borsbeek opent een sociale kruidenier voor gezinnen in armoede.");
    await append(5, { municipality: { nis: "11002", name: "Antwerpen", successorNis: null }, themes: ["food_aid"] });
    for (const [index, filter] of filters.entries()) {
      const answer = await api.graphql<{ changes: { nodes: { seq: string }[] } }>("query ($filter: ChangeFilter, $after: String) { changes(first: 100, filter: $filter, after: $after) { nodes { seq } } }", {
        filter,
        after: cursorOf(head as number),
      });
      const expected = answer.body.data?.changes.nodes.map((node) => Number(node.seq)) ?? [];
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const subscriber = subscribers[index];
      const received = await subscriber?.waitFor(expected.length);
      await sleep(200);
      expect(received?.map((change) => change.seq), JSON.stringify(filter)).toEqual(expected);
      await subscriber?.close();
    }
  });

  it("subscribers with different selection variables each get their own result; completing one releases its stream", async () => {
    const [head] = await append(1);
    const hub = api.server.changeHub();
    // Between subscriptions the hub has one listener: the response cache's.
    const idle = () => hub?.listenerCount === 1;
    await waitFor(idle, { what: "earlier subscriptions to be released" });
    const query = "subscription ($after: String, $filter: ChangeFilter, $withTitle: Boolean!) { changes(after: $after, filter: $filter) { cursor node { seq event title @include(if: $withTitle) } } }";
    const open = (withTitle: boolean, filter: Record<string, unknown> | null) => {
      const received: { seq: string; title?: string | null }[] = [];
      const client = createClient({ url: `${api.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
      client.subscribe<{ changes: { node: { seq: string; title?: string | null } } }>(
        { query, variables: { after: cursorOf(head as number), filter, withTitle } },
        { next: (result) => void (result.data && received.push(result.data.changes.node)), error: () => {}, complete: () => {} },
      );
      return { received, client };
    };
    const subscribers = [open(true, null), open(false, null), open(true, { events: ["document.created"] })];
    const seqs = await append(2, { title: "Gedeeld" });
    await waitFor(() => subscribers.every((s) => s.received.length === 2), { what: "two changes each" });
    expect(subscribers[0]?.received).toEqual(seqs.map((seq) => ({ seq: String(seq), event: "document.created", title: "Gedeeld" })));
    expect(subscribers[1]?.received).toEqual(seqs.map((seq) => ({ seq: String(seq), event: "document.created" })));
    expect(subscribers[2]?.received).toEqual(subscribers[0]?.received);
    expect(hub?.listenerCount).toBe(4);
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await waitFor(idle, { what: "the streams to be released" });
  });

  it("takes an API key from the init payload and refuses an unknown one with close code 4403", async () => {
    const { key } = await createApiKey(db.db, { name: "newsroom", tier: "standard" });
    const [head] = await append(1);
    const keyed = subscribeChanges(api.url, { apiKey: key, after: cursorOf((head as number) - 1) });
    expect((await keyed.waitFor(1)).map((change) => change.seq)).toEqual([head]);
    await keyed.close();

    const closed = await rawSession(api.url, { type: "connection_init", payload: { apiKey: "vn_00000000_nope" } });
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/Unknown API key/);
  });

  it("answers protocol errors with graphql-ws close codes", async () => {
    expect((await rawSession(api.url, "this is not JSON")).code).toBe(4400);
    expect((await rawSession(api.url, { type: "subscribe", id: "1", payload: { query: "subscription { changes { cursor } }" } })).code).toBe(4401);
  });

  it("runs only subscriptions over WebSocket, and says so over HTTP", async () => {
    // A query document over the socket: an error on that operation, the connection stays.
    const ws = new WebSocket(`${api.url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    const messages: Record<string, unknown>[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send(JSON.stringify({ type: "connection_init" }));
    await waitFor(() => messages.some((m) => m.type === "connection_ack"), { what: "the acknowledgement" });
    ws.send(JSON.stringify({ type: "subscribe", id: "q", payload: { query: "{ __typename }" } }));
    await waitFor(() => messages.some((m) => m.type === "error"), { what: "the error message" });
    expect(JSON.stringify(messages.find((m) => m.type === "error"))).toMatch(/SUBSCRIPTION_ONLY/);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();

    const overHttp = await api.graphql("subscription { changes { cursor } }");
    expect(overHttp.status).toBe(400);
    expect(overHttp.body.errors?.[0]?.message).toMatch(/served over WebSocket at \/graphql/);
  });

  it("a bad filter or cursor is an error on the subscription naming the argument", async () => {
    const badFilter = subscribeChanges(api.url, { filter: { municipalities: ["99999"] } });
    await expect(badFilter.waitFor(1, 5_000)).rejects.toThrow(/filter\.municipalities/);
    await badFilter.close();
    const badCursor = subscribeChanges(api.url, { after: "bm9wZQ" });
    await expect(badCursor.waitFor(1, 5_000)).rejects.toThrow(/INVALID_CURSOR|not a cursor/);
    await badCursor.close();
  });
});

/** Open a raw graphql-transport-ws socket, send `message`, and resolve with how the server closed it. */
async function rawSession(url: string, message: unknown): Promise<{ code: number; reason: string }> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  ws.send(typeof message === "string" ? message : JSON.stringify(message));
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })));
}
