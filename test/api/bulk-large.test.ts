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
    api = await startTestApi(db);
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
});
