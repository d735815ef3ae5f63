import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkDataset } from "../../db/bulk/datasets.js";
import { type BulkRow, exportDataset } from "../../db/bulk/export-dataset.js";
import { listChanges } from "../../db/queries/change-log.js";
import { syncSources } from "../../db/queries/sources.js";
import { writeRelease } from "../helpers/document-writes.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const TRICKY_TITLE = 'Één "sociale" kruidenier, eindelijk';
const TRICKY_TEXT = "De gemeente Borsbeek opent een sociale kruidenier voor gezinnen in armoede.\nLeden betalen, zoals gezegd, \"niets\" extra.";

interface DocumentRow {
  id: string;
  kind: string;
  uri: string;
  title: string;
  text: string;
  municipality_nis: string | null;
  published_at: string;
  description: string | null;
}

/** Researchers download whole datasets as CSV or NDJSON, filtered, consistent with the change feed. */
describe(`bulk exports (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  const release = (uri: string, municipalityNis: string, title: string, text: string, publishedAt: string) =>
    db.db.transaction((tx) => writeRelease(tx, { uri, sourceId: "news:test", municipalityNis, content: { title, lead: null, text, publishedAt, modifiedAt: null, author: null, attachments: [] } }, NOW));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
  const documentsInDb = async () =>
    (await db.rows<DocumentRow>(
      `select id::text, kind, uri, title, text, municipality_nis, description, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at from documents order by id`,
    )) as DocumentRow[];

  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [{ id: "news:test", kind: "listing", name: "Test", startUrl: "http://127.0.0.1:9/", schedule: "0 * * * *", enabled: true, municipalityNis: null, config: {} }]);
    await release("https://stad.gent/huurpremie", "44021", "Huurpremie", "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.", "2026-11-02T23:00:00.000Z");
    await release("https://www.borsbeek.be/kruidenier", "11007", TRICKY_TITLE, TRICKY_TEXT, "2026-10-14T22:00:00.000Z");
    await release("https://www.brugge.be/kinderopvang", "31005", "Kinderopvang", "Brugge opent 40 extra plaatsen in de kinderopvang.", "2026-09-30T22:00:00.000Z");
    api = await startTestApi(db, { serving: { rateLimit: { anonymous: 100_000 } } });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("CSV: a header row and every document, parsed back equal to the database, text with quotes, commas and line breaks intact", async () => {
    const response = await get("/bulk/documents.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const seq = response.headers.get("x-vangnet-change-seq");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="vangnet-documents-seq${seq}.csv"`);
    const body = await response.text();
    expect(body.startsWith("id,kind,uri,sourceId,municipalityNis,title,description,text,publishedAt,")).toBe(true);
    expect(body).toContain("\r\n");
    const records = parse(body, { columns: true }) as Record<string, string>[];
    const stored = await documentsInDb();
    expect(records.map((r) => [r.id, r.kind, r.uri, r.title, r.text, r.municipalityNis, r.publishedAt, r.description])).toEqual(
      stored.map((d) => [d.id, d.kind, d.uri, d.title, d.text, d.municipality_nis ?? "", d.published_at, d.description ?? ""]),
    );
    const borsbeek = records.find((r) => r.uri === "https://www.borsbeek.be/kruidenier");
    expect(borsbeek?.title).toBe(TRICKY_TITLE);
    expect(borsbeek?.text).toBe(TRICKY_TEXT);
    expect(JSON.parse(borsbeek?.themes ?? "null")).toContain("food_aid");
    expect(borsbeek?.piiRedacted).toBe("false");
  });

  it("NDJSON: one object per line with the API's field names; amounts in euro as numbers, nulls as null", async () => {
    const response = await get("/bulk/measure_amounts.ndjson");
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines.at(-1)).toBe("");
    const amounts = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    const stored = await db.rows<{ id: string; cents: string; max_cents: string | null; previous_cents: string | null; period: string }>("select id::text, cents::text, max_cents::text, previous_cents::text, period from measure_amounts order by id");
    expect(amounts.length).toBe(stored.length);
    expect(amounts.length).toBeGreaterThan(0);
    for (const [index, row] of stored.entries()) {
      const cents = Number(row.max_cents ?? row.cents);
      expect(amounts[index]).toMatchObject({ id: Number(row.id), value: cents / 100, period: row.period, currency: "EUR", previous: row.previous_cents === null ? null : Number(row.previous_cents) / 100 });
    }
    // Gent's rent subsidy: from 120 to 150 euro a month.
    expect(amounts).toContainEqual(expect.objectContaining({ value: 150, previous: 120, min: null, period: "month" }));
  });

  it("filters: a successor includes its predecessors, kind, theme and Brussels days; a filter a dataset lacks is a 400", async () => {
    const uris = async (query: string) => ((await (await get(`/bulk/documents.ndjson?${query}`)).text()).trim().split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { uri: string }).uri));
    expect(await uris("municipality=11002")).toEqual(["https://www.borsbeek.be/kruidenier"]);
    expect(await uris("province=West-Vlaanderen")).toEqual(["https://www.brugge.be/kinderopvang"]);
    expect(await uris("kind=press_release&theme=housing")).toEqual(["https://stad.gent/huurpremie"]);
    // Published 2026-10-14T22:00Z is 15 October in Brussels.
    expect(await uris("since=2026-10-15&until=2026-10-15")).toEqual(["https://www.borsbeek.be/kruidenier"]);
    expect(await uris("since=2026-10-16")).toEqual(["https://stad.gent/huurpremie"]);
    const refused = async (path: string) => {
      const response = await get(path);
      return { status: response.status, body: (await response.json()) as { parameter?: string; message: string } };
    };
    expect(await refused("/bulk/themes.csv?municipality=44021")).toEqual({ status: 400, body: expect.objectContaining({ parameter: "municipality", message: expect.stringMatching(/themes cannot be filtered by municipality/) }) });
    expect((await refused("/bulk/documents.csv?municipality=99999")).body.parameter).toBe("municipality");
    expect((await refused("/bulk/documents.csv?since=2026-02-30")).body.parameter).toBe("since");
    expect((await refused("/bulk/documents.csv?foo=1")).body.parameter).toBe("foo");
    expect((await refused("/bulk/nothing.csv")).status).toBe(404);
    expect((await refused("/bulk/documents.xlsx")).body.message).toMatch(/formats are csv, ndjson, parquet/);
  });

  it("Parquet: typed columns with the same rows as NDJSON, filters applied, sent with its length", async () => {
    const response = await get("/bulk/documents.parquet?municipality=11002");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PAR1");
    const dir = mkdtempSync(join(tmpdir(), "vangnet-bulk-test-"));
    try {
      writeFileSync(join(dir, "documents.parquet"), bytes);
      const { DuckDBInstance } = await import("@duckdb/node-api");
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      const rows = (await connection.runAndReadAll(`select id, uri, title, "text", themes from read_parquet('${join(dir, "documents.parquet")}')`)).getRowObjectsJson();
      connection.closeSync();
      instance.closeSync();
      const ndjson = (await (await get("/bulk/documents.ndjson?municipality=11002")).text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(rows).toEqual(ndjson.map((row) => ({ id: String(row.id), uri: row.uri, title: row.title, text: row.text, themes: row.themes })));
      expect(rows.map((row) => row.title)).toEqual([TRICKY_TITLE]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("HEAD answers the headers without the body; an unchanged export answers 304; gzip when the client accepts it", async () => {
    const head = await fetch(`${api.url}/bulk/documents.csv`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const etag = head.headers.get("etag") as string;
    expect(etag).toMatch(/^W\/"\d+-/);
    expect(head.headers.get("x-vangnet-change-seq")).toBe(String((await listChanges(db.db, {}, { limit: 100_000 })).at(-1)?.seq));
    expect((await get("/bulk/documents.csv", { "if-none-match": etag })).status).toBe(304);
    expect((await get("/bulk/documents.csv?kind=press_release", { "if-none-match": etag })).status).toBe(200);

    const plain = await (await get("/bulk/documents.csv")).text();
    const zipped = await fetch(`${api.url}/bulk/documents.csv`, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    // fetch decodes gzip itself; the bytes on the wire are checked with a raw request below.
    expect(await zipped.text()).toBe(plain);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import("node:http").then(({ get: httpGet }) =>
        httpGet(`${api.url}/bulk/documents.csv`, { headers: { "accept-encoding": "gzip" } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(Buffer.concat(chunks)));
        }).on("error", reject),
      );
    });
    expect(gunzipSync(raw).toString("utf8")).toBe(plain);
  });

  it("/bulk/ lists every dataset with its rows, columns and links", async () => {
    const listing = (await (await get("/bulk/")).json()) as { datasets: { name: string; rows: number; links: Record<string, string>; columns: { name: string; type: string; unit?: string }[] }[] };
    expect(listing.datasets.map((d) => d.name)).toEqual([
      "documents", "council_decisions", "press_releases", "sessions", "agenda_items", "votes", "measures", "measure_amounts",
      "measure_quantities", "measure_evidence", "exchanges", "themes", "document_themes", "municipalities", "sources",
    ]);
    const documents = listing.datasets.find((d) => d.name === "documents");
    expect(documents?.rows).toBe(3);
    expect(documents?.links.csv).toBe(`${api.url}/bulk/documents.csv`);
    expect(listing.datasets.find((d) => d.name === "municipalities")?.rows).toBe(312);
    expect(listing.datasets.find((d) => d.name === "measure_amounts")?.columns.find((c) => c.name === "value")).toEqual({ name: "value", type: "decimal", description: expect.any(String), unit: "EUR" });
    expect(documents?.links.parquet).toBe(`${api.url}/bulk/documents.parquet`);
    const head = await fetch(`${api.url}/bulk/`, { method: "HEAD" });
    expect([head.status, head.headers.get("content-type")]).toEqual([200, "application/json; charset=utf-8"]);
    for (const dataset of listing.datasets) expect((await get(`/bulk/${dataset.name}.csv`)).status, dataset.name).toBe(200);
  });

  it("an export spends 50 points of the caller's budget, the listing 1", async () => {
    const small = await startTestApi(db, { serving: { rateLimit: { anonymous: 101 } } });
    try {
      const statuses = [];
      for (const path of ["/bulk/themes.csv", "/bulk/themes.ndjson", "/bulk/", "/bulk/themes.csv"]) statuses.push((await fetch(`${small.url}${path}`)).status);
      // 50 + 50 + 1 = 101 points: the budget; the next export is refused.
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await small.close();
    }
  });

  it("an export and the changes after its sequence number give the state after a write made during the export", async () => {
    const dataset = bulkDataset("documents");
    if (!dataset) throw new Error("documents");
    const exported: BulkRow[] = [];
    let wrote = false;
    const { changeSeq } = await exportDataset(db, dataset, {}, {
      begin: () => {},
      rows: async (batch) => {
        exported.push(...batch);
        // On Postgres a scraper writes from another connection while the export runs; PGlite has
        // one connection, which the export holds: there the write follows the export.
        if (!wrote && testDriver === "postgres") {
          wrote = true;
          await release("https://stad.gent/nachtopvang", "44021", "Nachtopvang", "Gent opent een nachtopvang voor daklozen.", "2026-11-10T23:00:00.000Z");
        }
      },
    }, { batchSize: 1 });
    if (!wrote) await release("https://stad.gent/nachtopvang", "44021", "Nachtopvang", "Gent opent een nachtopvang voor daklozen.", "2026-11-10T23:00:00.000Z");
    expect(exported.map((row) => row.uri)).not.toContain("https://stad.gent/nachtopvang");
    const after = await listChanges(db.db, { events: ["document.created"] }, { afterSeq: changeSeq, limit: 100 });
    const created = after.map((row) => (row.payload as { document: { uri: string } }).document.uri);
    expect(created).toEqual(["https://stad.gent/nachtopvang"]);
    const [{ n } = { n: "0" }] = await db.rows<{ n: string }>("select count(*)::text as n from documents");
    expect(exported.length + created.length).toBe(Number(n));
  });

  it("amounts and quantities: ranges, negative and large values, nulls the same in CSV, NDJSON and Parquet as in the database, filtered or not", async () => {
    const [measure] = await db.rows<{ id: string }>("select m.id::text as id from measures m join themes th on th.id = m.theme_id where th.code = 'housing' order by m.id limit 1");
    if (!measure) throw new Error("no housing measure");
    // A range of 25 to 75 euro a month, a cut from 12.50 to -12.50 (a contribution that became a refund), a large yearly budget.
    await db.rows(
      `insert into measure_amounts (measure_id, cents, max_cents, previous_cents, period, text) values
        ($1, 2500, 7500, null, 'month', 'tussen 25 en 75 euro per maand'),
        ($1, -1250, null, 1250, 'once', 'van 12,50 naar -12,50 euro'),
        ($1, 123456789, null, null, 'year', '1.234.567,89 euro per jaar')`,
      [measure.id],
    );
    await db.rows(`insert into measure_quantities (measure_id, value, max_value, unit, text) values ($1, 12.5, 40, 'places', 'tussen 12,5 en 40 plaatsen')`, [measure.id]);
    const stored = await db.rows<{ id: string; cents: string; max_cents: string | null; previous_cents: string | null }>("select id::text, cents::text, max_cents::text, previous_cents::text from measure_amounts order by id");
    // Euro text from the stored cents, computed here without the export's SQL.
    const euro = (cents: string | null) => (cents === null ? null : `${BigInt(cents) < 0n ? "-" : ""}${(BigInt(cents) < 0n ? -BigInt(cents) : BigInt(cents)) / 100n}.${String((BigInt(cents) < 0n ? -BigInt(cents) : BigInt(cents)) % 100n).padStart(2, "0")}`);
    const expected = stored.map((row) => ({ id: row.id, value: euro(row.max_cents ?? row.cents), min: row.max_cents === null ? null : euro(row.cents), previous: euro(row.previous_cents) }));
    expect(expected).toContainEqual({ id: expect.any(String), value: "-12.50", min: null, previous: "12.50" });
    expect(expected).toContainEqual({ id: expect.any(String), value: "75.00", min: "25.00", previous: null });

    for (const query of ["", "?theme=housing"]) {
      const wanted = query ? expected.filter((row) => stored.some((s) => s.id === row.id)) : expected;
      const csv = parse(await (await get(`/bulk/measure_amounts.csv${query}`)).text(), { columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
      const fromCsv = csv.map((r) => ({ id: r.id, value: r.value || null, min: r.min || null, previous: r.previous || null }));
      const ndjson = (await (await get(`/bulk/measure_amounts.ndjson${query}`)).text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, number | null>);
      const fromNdjson = ndjson.map((r) => ({ id: String(r.id), value: r.value === null ? null : (r.value as number).toFixed(2), min: r.min === null ? null : (r.min as number).toFixed(2), previous: r.previous === null ? null : (r.previous as number).toFixed(2) }));
      const dir = mkdtempSync(join(tmpdir(), "vangnet-bulk-test-"));
      let fromParquet: unknown[];
      try {
        writeFileSync(join(dir, "amounts.parquet"), Buffer.from(await (await get(`/bulk/measure_amounts.parquet${query}`)).arrayBuffer()));
        const { DuckDBInstance } = await import("@duckdb/node-api");
        const instance = await DuckDBInstance.create(":memory:");
        const connection = await instance.connect();
        const reader = await connection.runAndReadAll(`select id::varchar as id, value::varchar as value, min::varchar as min, previous::varchar as previous, typeof(value) as type from read_parquet('${join(dir, "amounts.parquet")}')`);
        const rows = reader.getRowObjectsJson() as Record<string, string | null>[];
        connection.closeSync();
        instance.closeSync();
        expect(new Set(rows.map((row) => row.type))).toEqual(new Set(["DECIMAL(14,2)"]));
        fromParquet = rows.map(({ type: _type, ...row }) => row);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      if (query) {
        // Filtered by the measure's theme: all these amounts belong to housing measures.
        const housing = await db.rows<{ id: string }>("select a.id::text as id from measure_amounts a join measures m on m.id = a.measure_id join themes th on th.id = m.theme_id where th.code = 'housing' order by a.id");
        expect(fromCsv.map((r) => r.id)).toEqual(housing.map((r) => r.id));
      } else {
        expect(fromCsv).toEqual(wanted);
      }
      expect(fromNdjson).toEqual(fromCsv);
      expect(fromParquet).toEqual(fromCsv);
    }
    const quantities = parse(await (await get("/bulk/measure_quantities.csv")).text(), { columns: true }) as Record<string, string>[];
    expect(quantities).toContainEqual(expect.objectContaining({ value: "40", min: "12.5", unit: "places" }));
  });

  it("CSV and NDJSON give the same documents under every filter", async () => {
    for (const query of ["municipality=11002", "province=West-Vlaanderen", "kind=press_release&theme=housing", "since=2026-10-15&until=2026-10-15", "theme=food_aid,childcare_family"]) {
      const answer = await get(`/bulk/documents.csv?${query}`);
      const body = await answer.text();
      expect(answer.status, body).toBe(200);
      const csv = (parse(body, { columns: true }) as { uri: string }[]).map((row) => row.uri);
      const ndjson = (await (await get(`/bulk/documents.ndjson?${query}`)).text()).trim().split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { uri: string }).uri);
      expect(csv, query).toEqual(ndjson);
      expect(csv.length, query).toBeGreaterThan(0);
    }
  });
});
