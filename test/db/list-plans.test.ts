import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeFilter, listChanges } from "../../db/queries/change-log.js";
import { countDocuments, type DocumentFilter, type DocumentKey, type DocumentOrder, listDocuments, RELEVANCE_WINDOW } from "../../db/queries/documents.js";
import { listMeasures, type MeasureFilter } from "../../db/queries/measures.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/**
 * Issue 16: every list query a page runs is served by an index, and a deep keyset page starts at
 * its cursor (it does not read the rows before it), on both databases. The database gets 20 000
 * documents, 3 000 measures and 6 000 changes (a few percent undated), enough for the planner to
 * choose as it would at scale; plans are read with EXPLAIN from the statements the list functions
 * send, with their parameters.
 */

const DOCUMENTS = 20_000;
const ANTWERPEN = "11002";
const BORSBEEK = "11007"; // merged into Antwerpen on 1 January 2025

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

describe(`list queries use their indexes (${testDriver})`, () => {
  let db: TestDb;
  let statements: { query: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    db = await createTestDb({ onQuery: (query, params) => statements.push({ query, params }) });
    await db.rows(`
      insert into documents (kind, uri, title, text, content_hash, published_at, municipality_nis)
      select case when g % 3 = 0 then 'press_release' else 'council_decision' end,
             'plan:' || g, 'Besluit ' || g,
             'De gemeenteraad keurt het reglement goed. ' ||
               case when g % 8 = 0 then 'Het leefloon wordt aangevuld. ' else '' end ||
               case when g % 1000 in (7, 500) then 'Een zorgbudgetcheque voor mantelzorgers. ' else '' end ||
               'Tekst ' || g,
             md5(g::text),
             case when g % 50 = 0 then null else timestamptz '2019-01-01' + (g * interval '3 hours') end,
             (array['${ANTWERPEN}', '${BORSBEEK}', '44021', '24062', '71016', '31005', '37015', '46021'])[1 + g % 8]
      from generate_series(1, ${DOCUMENTS}) as g`);
    await db.rows(`
      insert into document_themes (document_id, theme_id, score, evidence_start, evidence_end, evidence_text, rules_version)
      select d.id, t.id, 0.8, 0, 5, 'tekst', 'plan'
      from documents d join themes t on t.position = d.id % 12 and t.taxonomy_version = (select max(taxonomy_version) from themes)
      where d.id % 2 = 0`);
    await db.rows(`
      insert into measures (fingerprint, municipality_nis, theme_id, action, summary, announced_on, rules_version)
      select 'plan:' || g, (array['${ANTWERPEN}', '${BORSBEEK}', '44021', '24062'])[1 + g % 4],
             (select id from themes order by id limit 1 offset g % 10), 'in_force', 'Maatregel ' || g,
             case when g % 40 = 0 then null else date '2019-01-01' + g end, 'plan'
      from generate_series(1, 3000) as g`);
    await db.rows(`
      insert into measure_evidence (measure_id, document_id, span_start, span_end, quote, confidence)
      select m.id, (select id from documents order by id limit 1 offset (m.id * 7) % ${DOCUMENTS}), 0, 5, 'tekst', 0.6 from measures m`);
    await db.rows(`
      insert into change_log (event, entity_type, entity_id, municipality_nis, themes)
      select 'document.created', 'document', g::text, (array['${ANTWERPEN}', '44021', '24062'])[1 + g % 3], array['housing']
      from generate_series(1, 6000) as g`);
    // VACUUM as autovacuum would: rows inserted since the GIN index was built wait in its pending
    // list, which every search reads whole until it is merged.
    await db.rows("vacuum analyze");
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  /**
   * Run `list`, then EXPLAIN (with ANALYZE when asked) every query it sent, in one transaction
   * with the planner settings it set before them (`set_config(…, true)`), as it ran them.
   */
  async function plansOf(list: () => Promise<unknown>, analyse = false): Promise<PlanNode[]> {
    statements = [];
    await list();
    const sent = statements;
    statements = [];
    return db.db.transaction(async (tx) => {
      const plans: PlanNode[] = [];
      for (const { query, params } of sent) {
        if (/^select set_config\(/i.test(query)) {
          await tx.execute(sql.raw(query));
          continue;
        }
        const result = await tx.execute(sql`explain (${sql.raw(analyse ? "analyze, " : "")}format json) ${withParams(query, params)}`);
        const [row] = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { "QUERY PLAN": unknown }[];
        const parsed = (typeof row?.["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row?.["QUERY PLAN"]) as { Plan: PlanNode }[];
        plans.push(parsed[0]!.Plan);
      }
      return plans;
    });
  }

  /** A statement's text with its `$n` placeholders bound again to the values sent with it. */
  const withParams = (query: string, params: unknown[]): SQL =>
    sql.join(
      query.split(/\$(\d+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)),
      sql``,
    );

  const seqScansOf = (plans: PlanNode[], table: string) => plans.flatMap(nodesOf).filter((n) => n["Node Type"] === "Seq Scan" && n["Relation Name"] === table);

  const documentFilters: [string, DocumentFilter][] = [
    ["no filter", {}],
    ["one municipality", { municipalities: ["44021"] }],
    ["a municipality with its predecessor", { municipalities: [ANTWERPEN] }],
    ["a province", { provinceCodes: ["VAN"] }],
    ["a kind", { kinds: ["press_release"] }],
    ["a theme", { themes: ["housing"] }],
    ["a theme and a municipality", { themes: ["housing"], municipalities: ["44021"] }],
    ["a date range", { from: "2021-03-01", to: "2021-03-31" }],
    ["a common word", { search: "leefloon" }],
    ["a rare word", { search: "zorgbudgetcheque" }],
  ];

  for (const [name, filter] of documentFilters) {
    for (const order of ["published_desc", "published_asc", ...(filter.search ? ["relevance"] : [])] as DocumentOrder[]) {
      it(`documents, ${name}, ${order}: no sequential scan of documents`, async () => {
        const plans = await plansOf(() => listDocuments(db.db, filter, { order, limit: 21 }));
        expect(plans.length).toBeGreaterThan(0);
        expect(seqScansOf(plans, "documents")).toEqual([]);
      });
    }
  }

  it("a deep page of documents reads no more index rows than page 1 (newest first and oldest first)", async () => {
    for (const order of ["published_desc", "published_asc"] as const) {
      const direction = order === "published_desc" ? "desc" : "asc";
      const [deep] = await db.rows<{ id: string; published_at: string }>(
        `select id, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at
         from documents where published_at is not null order by published_at ${direction}, id ${direction} offset 15000 limit 1`,
      );
      const after: DocumentKey = { publishedAt: deep!.published_at, rank: null, id: Number(deep!.id) };
      const plans = await plansOf(() => listDocuments(db.db, {}, { order, limit: 21, after }), true);
      const scans = plans.flatMap(nodesOf).filter((n) => n["Relation Name"] === "documents");
      expect(scans.map((n) => n["Node Type"])).toEqual(["Index Scan"]);
      expect(scans[0]!["Index Name"]).toBe("documents_published_idx");
      expect(scans[0]!["Actual Rows"]).toBe(21);
      expect(scans[0]!["Rows Removed by Filter"] ?? 0).toBe(0);
      expect(plans.flatMap(nodesOf).some((n) => n["Node Type"] === "Sort")).toBe(false);
    }
  });

  it("a deep page of one municipality's documents starts at the cursor in the municipality's index", async () => {
    const [deep] = await db.rows<{ id: string; published_at: string }>(
      `select id, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at
       from documents where municipality_nis = '44021' and published_at is not null order by published_at desc, id desc offset 2000 limit 1`,
    );
    const after: DocumentKey = { publishedAt: deep!.published_at, rank: null, id: Number(deep!.id) };
    const plans = await plansOf(() => listDocuments(db.db, { municipalities: ["44021"] }, { order: "published_desc", limit: 21, after }), true);
    const scans = plans.flatMap(nodesOf).filter((n) => n["Relation Name"] === "documents");
    expect(scans.map((n) => [n["Node Type"], n["Index Name"], n["Actual Rows"]])).toEqual([["Index Scan", "documents_municipality_published_idx", 21]]);
  });

  it("pages across the undated documents: each row once, in order, by index", async () => {
    const order = (direction: "desc" | "asc") =>
      db.rows<{ id: string }>(`select id from documents where municipality_nis = '44021' order by published_at ${direction} nulls last, id ${direction}`);
    for (const direction of ["desc", "asc"] as const) {
      const expected = (await order(direction)).map((r) => Number(r.id));
      const seen: number[] = [];
      let after: DocumentKey | undefined;
      for (;;) {
        const rows = await listDocuments(db.db, { municipalities: ["44021"] }, { order: direction === "desc" ? "published_desc" : "published_asc", limit: 97, after });
        seen.push(...rows.map((r) => r.id));
        const last = rows.at(-1);
        if (rows.length < 97 || !last) break;
        after = { publishedAt: last.publishedAt?.toISOString() ?? null, rank: null, id: last.id };
      }
      expect(seen).toEqual(expected);
    }
  });

  it("relevance ranks the newest 1 000 matches of a common word, best first, and counts them all", async () => {
    const newest = await db.rows<{ id: string }>(
      "select id from documents where search_vector @@ plainto_tsquery('dutch', 'leefloon') order by published_at desc nulls last, id desc limit 1000",
    );
    const seen: { id: number; rank: number }[] = [];
    let after: DocumentKey | undefined;
    for (;;) {
      const rows = await listDocuments(db.db, { search: "leefloon" }, { order: "relevance", limit: 101, after });
      seen.push(...rows.slice(0, 100).map((r) => ({ id: r.id, rank: r.rank ?? Number.NaN })));
      const last = rows[99];
      if (rows.length < 101 || !last) break;
      after = { publishedAt: null, rank: last.rank, id: last.id };
    }
    expect(seen).toHaveLength(RELEVANCE_WINDOW);
    expect(new Set(seen.map((r) => r.id))).toEqual(new Set(newest.map((r) => Number(r.id))));
    expect(seen.every((r, i) => i === 0 || r.rank <= seen[i - 1]!.rank)).toBe(true);
    expect(await countDocuments(db.db, { search: "leefloon" })).toBe(DOCUMENTS / 8);
  });

  it("a rare word is read through the GIN index in every order, and pages through its matches in order, undated last", async () => {
    // 40 matches (g % 1000 in (7, 500)), half of them undated (g % 50 = 0).
    const oracle = async (orderBy: string) =>
      (await db.rows<{ id: string }>(`select id from documents where search_vector @@ plainto_tsquery('dutch', 'zorgbudgetcheque') order by ${orderBy}`)).map((r) => Number(r.id));
    const expected: Record<DocumentOrder, number[]> = {
      published_desc: await oracle("published_at desc nulls last, id desc"),
      published_asc: await oracle("published_at asc nulls last, id asc"),
      relevance: await oracle("ts_rank_cd(search_vector, plainto_tsquery('dutch', 'zorgbudgetcheque')) desc, id desc"),
    };
    expect(expected.published_desc).toHaveLength(40);
    for (const order of Object.keys(expected) as DocumentOrder[]) {
      const seen: number[] = [];
      let after: DocumentKey | undefined;
      for (;;) {
        const rows = await listDocuments(db.db, { search: "zorgbudgetcheque" }, { order, limit: 7, after });
        seen.push(...rows.map((r) => r.id));
        const last = rows.at(-1);
        if (rows.length < 7 || !last) break;
        after = { publishedAt: last.publishedAt?.toISOString() ?? null, rank: last.rank, id: last.id };
      }
      expect(seen).toEqual(expected[order]);
      const plans = await plansOf(() => listDocuments(db.db, { search: "zorgbudgetcheque" }, { order, limit: 21 }));
      const scans = plans.flatMap(nodesOf).filter((n) => n["Relation Name"] === "documents");
      // The matches through the GIN index, then the page's rows by id (replayed here under the same settings).
      expect(scans).toHaveLength(2);
      expect(scans[0]!["Node Type"]).toBe("Bitmap Heap Scan");
      expect(seqScansOf(plans, "documents")).toEqual([]);
    }
  });

  const measureFilters: [string, MeasureFilter][] = [
    ["no filter", {}],
    ["one municipality", { municipalities: ["44021"] }],
    ["a municipality with its predecessor", { municipalities: [ANTWERPEN] }],
    ["a theme", { themes: ["housing"] }],
  ];
  for (const [name, filter] of measureFilters) {
    it(`measures, ${name}: no sequential scan of measures`, async () => {
      const plans = await plansOf(() => listMeasures(db.db, filter, { limit: 21 }));
      expect(seqScansOf(plans, "measures")).toEqual([]);
    });
  }

  it("pages through every measure across the undated ones, each once and in order", async () => {
    const expected = (await db.rows<{ id: string }>("select id from measures order by announced_on desc nulls last, id desc")).map((r) => Number(r.id));
    const seen: number[] = [];
    let after: { announcedOn: string | null; id: number } | undefined;
    for (;;) {
      const rows = await listMeasures(db.db, {}, { limit: 251, after });
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 251 || !last) break;
      after = { announcedOn: last.announcedOn, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  const changeFilters: [string, ChangeFilter][] = [
    ["no filter", {}],
    ["one municipality", { municipalities: ["44021"] }],
    ["a theme", { themes: ["housing"] }],
  ];
  for (const [name, filter] of changeFilters) {
    it(`changes, ${name}: no sequential scan of the change log`, async () => {
      const plans = await plansOf(() => listChanges(db.db, filter, { limit: 21, afterSeq: 3000 }));
      expect(seqScansOf(plans, "change_log")).toEqual([]);
    });
  }
});
