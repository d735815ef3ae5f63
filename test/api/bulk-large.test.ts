import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const DOCUMENTS = 15_000;

/** An export of many batches, read by a client that waits between chunks: backpressure, whole, no leak. */
describe(`a bulk export of ${DOCUMENTS} documents (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDb();
    await db.db.execute(sql`
      insert into documents (kind, uri, municipality_nis, title, text, content_hash, published_at)
      select 'press_release', 'bench:' || g, '44021', 'Bericht ' || g, repeat('Tekst van bericht, met "aanhalingstekens". ', 8) || g, md5(g::text), timestamptz '2020-01-01' + (g * interval '7 minutes')
      from generate_series(1, ${DOCUMENTS}) as g`);
    api = await startTestApi(db, { serving: { rateLimit: { anonymous: 1_000_000 } } });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("sends every row in key order to a slow reader, waiting for it without piling up listeners", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      const response = await fetch(`${api.url}/bulk/documents.ndjson`, { headers: { "accept-encoding": "identity" } });
      let text = "";
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        // A reader slower than the database: the server's writes wait for it.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const ids = text.trim().split("\n").map((line) => (JSON.parse(line) as { id: number }).id);
      expect(ids.length).toBe(DOCUMENTS);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(DOCUMENTS);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
  });

  it("sends the CSV whole to a slow reader, and the database connection is usable afterwards", async () => {
    // A COPY that ends while the reader lags used to leave the server connection paused: the export never finished (porsager/postgres#499).
    for (let round = 0; round < 2; round++) {
      const response = await fetch(`${api.url}/bulk/documents.csv`, { headers: { "accept-encoding": "identity" } });
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        chunks.push(Buffer.from(chunk));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const records = Buffer.concat(chunks).toString("utf8").split("\r\n");
      expect(records.pop()).toBe("");
      expect(records.length).toBe(DOCUMENTS + 1);
      expect(records[0]?.startsWith("id,kind,uri,")).toBe(true);
      expect(records.at(-1)).toMatch(/^\d+,press_release,bench:15000,/);
    }
    const answer = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ documents(first: 1) { totalCount } }" }) });
    expect(((await answer.json()) as { data: { documents: { totalCount: number } } }).data.documents.totalCount).toBe(DOCUMENTS);
  });

  it("gives its connection back when clients go away in the middle of exports", async () => {
    // More abandoned exports than the pool has connections: a leaked connection would leave the last export waiting forever.
    for (let client = 0; client < 12; client++) {
      const controller = new AbortController();
      const response = await fetch(`${api.url}/bulk/documents.csv`, { headers: { "accept-encoding": "identity" }, signal: controller.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await reader.closed.catch(() => undefined);
    }
    const response = await fetch(`${api.url}/bulk/documents.csv`, { headers: { "accept-encoding": "identity" } });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.split("\r\n").length - 2).toBe(DOCUMENTS);
  });

  it("runs at most VANGNET_BULK_EXPORTS exports at once: the next one gets 503 with Retry-After until one ends", async () => {
    const one = await startTestApi(db, { serving: { rateLimit: { anonymous: 1_000_000 } }, maxBulkExports: 1 });
    try {
      const controller = new AbortController();
      // A client that takes the first chunk and then waits: its export holds the only place.
      const first = await fetch(`${one.url}/bulk/documents.csv`, { headers: { "accept-encoding": "identity" }, signal: controller.signal });
      const reader = (first.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      const refused = await fetch(`${one.url}/bulk/documents.ndjson`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("10");
      expect(((await refused.json()) as { message: string }).message).toMatch(/^1 exports are running, the most this server runs at once/);
      // HEAD and the listing need no export (on PGlite they wait for the database, which the export holds).
      if (testDriver === "postgres") {
        expect((await fetch(`${one.url}/bulk/documents.csv`, { method: "HEAD" })).status).toBe(200);
        expect((await fetch(`${one.url}/bulk/`)).status).toBe(200);
      }
      controller.abort();
      await reader.closed.catch(() => undefined);
      const statusOf = async (path: string) => {
        const response = await fetch(`${one.url}${path}`);
        await response.arrayBuffer();
        return response.status;
      };
      await expect.poll(() => statusOf("/bulk/themes.csv")).toBe(200);
      // Finished exports give their place back too.
      for (let round = 0; round < 3; round++) expect(await statusOf("/bulk/themes.ndjson")).toBe(200);
    } finally {
      await one.close();
    }
  });
});
