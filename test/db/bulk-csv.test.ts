import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkDataset, bulkDatasets } from "../../db/bulk/datasets.js";
import { type BulkFilter, exportDatasetCsvIn, inBulkSnapshot } from "../../db/bulk/export-dataset.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const DOCUMENTS = 95;

/**
 * The CSV export reads one COPY on the server and pages of COPYs between keys on PGlite: both
 * ways give the same bytes, page size whatever, filtered or not (forced here on either database).
 */
describe(`CSV exports by COPY, streamed or paged (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await db.db.execute(sql`
      insert into documents (kind, uri, municipality_nis, title, text, content_hash, published_at)
      select case when g % 3 = 0 then 'council_decision' else 'press_release' end, 'test:' || g,
             case when g % 2 = 0 then '44021' else '11002' end, 'Bericht ' || g || ', "met" komma', e'regel\\nvolgende ' || g, md5(g::text),
             case when g % 5 = 0 then null else timestamptz '2026-01-01' + (g * interval '1 day') end
      from generate_series(1, ${DOCUMENTS}) as g`);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function csvOf(name: string, filter: BulkFilter, how: { streams: boolean; pageSize?: number }): Promise<{ text: string; rows: number; progress: number[] }> {
    const dataset = bulkDataset(name);
    if (!dataset) throw new Error(name);
    const chunks: Buffer[] = [];
    const progress: number[] = [];
    const rows = await inBulkSnapshot(db, (snapshot) =>
      exportDatasetCsvIn({ ...snapshot, copyStreams: snapshot.copyStreams && how.streams }, dataset, filter, (chunk) => void chunks.push(Buffer.from(chunk)), { pageSize: how.pageSize, onRows: (n) => progress.push(n) }),
    );
    return { text: Buffer.concat(chunks).toString("utf8"), rows, progress };
  }

  it("pages of 7 give the same file as one COPY, and count its rows", async () => {
    for (const filter of [{}, { municipalities: ["11001"] }, { kinds: ["council_decision"], since: "2026-02-01", until: "2026-03-31" }] satisfies BulkFilter[]) {
      const whole = await csvOf("documents", filter, { streams: true, pageSize: 1_000 });
      const paged = await csvOf("documents", filter, { streams: false, pageSize: 7 });
      expect(paged.text).toBe(whole.text);
      const records = parse(whole.text, { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
      expect(paged.rows).toBe(records.length);
      expect(whole.rows).toBe(records.length);
      expect(paged.progress.at(-1) ?? 0).toBe(records.length);
      const [{ n } = { n: "0" }] = await db.rows<{ n: string }>(
        `select count(*)::text as n from documents where ($1::text[] is null or municipality_nis in (select nis from municipalities where nis = any($1) or successor_nis = any($1)))
           and ($2::text[] is null or kind = any($2)) and ($3::date is null or published_at >= ($3::date::timestamp at time zone 'Europe/Brussels'))
           and ($4::date is null or published_at < (($4::date + 1)::timestamp at time zone 'Europe/Brussels'))`,
        [filter.municipalities ?? null, filter.kinds ?? null, filter.since ?? null, filter.until ?? null],
      );
      expect(records.length).toBe(Number(n));
      expect(records.map((r) => Number(r.id))).toEqual(records.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
    // Antwerpen's documents (the odd ones here), in pages of 4; 11001 above has none: an empty file with its header.
    const antwerpen = parse((await csvOf("documents", { municipalities: ["11002"] }, { streams: false, pageSize: 4 })).text, { columns: true }) as Record<string, string>[];
    expect(antwerpen.length).toBe(Math.ceil(DOCUMENTS / 2));
    expect(antwerpen.every((r) => r.municipalityNis === "11002" && r.title?.endsWith(', "met" komma') && r.text?.startsWith("regel\nvolgende"))).toBe(true);
  });

  it("every dataset: a header with its columns, and paged equal to streamed", async () => {
    for (const dataset of bulkDatasets) {
      const whole = await csvOf(dataset.name, {}, { streams: true });
      const paged = await csvOf(dataset.name, {}, { streams: false, pageSize: 50 });
      expect(whole.text.slice(0, whole.text.indexOf("\r\n")), dataset.name).toBe(dataset.columns.map((column) => column.name).join(","));
      expect(paged.text, dataset.name).toBe(whole.text);
    }
  });
});
