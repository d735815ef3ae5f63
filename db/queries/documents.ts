import { and, asc, desc, eq, getTableColumns, gt, inArray, type SQL, sql } from "drizzle-orm";
import { dutchCompoundSplitter } from "../../schema/dutch-compounds.js";
import type { Database } from "../client.js";
import { councilDecisions, documentMunicipalities, documentPages, documents, pressReleases } from "../tables/documents.js";
import { measureEvidence } from "../tables/measures.js";
import { type NullsLastOrder, nullsLastPage } from "./keyset.js";
import { inMunicipalitiesOrPredecessors, inProvinces } from "./municipalities.js";
import { governingBodies } from "../tables/organisations.js";
import { documentThemes, themes } from "../tables/themes.js";

const { searchVector: _vector, searchTerms: _terms, ...readColumns } = getTableColumns(documents);
/** The columns a document is read with: everything but its search vector and terms, which only SQL reads. */
export const documentColumns = readColumns;
const { text: _text, html: _html, ...summaryColumns } = readColumns;
/**
 * The columns of a document in a list: all but its text and HTML, the bulk of its row (tens of
 * kilobytes), which a page of a list seldom shows; `Document.text` reads the text of the rows that
 * ask for it, in one statement per page (issue 16: a search page read 20 whole texts for nothing).
 */
export const documentSummaryColumns = summaryColumns;

export type DocumentRow = Omit<typeof documents.$inferSelect, "searchVector" | "searchTerms">;
/** A document as a list reads it: without its text and HTML. */
export type DocumentSummaryRow = Omit<DocumentRow, "text" | "html">;

export interface DocumentFilter {
  kinds?: string[];
  /** NIS codes; a successor includes its predecessors. */
  municipalities?: string[];
  provinceCodes?: string[];
  themes?: string[];
  governingBodyTypes?: string[];
  from?: string;
  to?: string;
  search?: string;
  hasMeasures?: boolean;
  status?: "active" | "withdrawn";
}

export type DocumentOrder = "published_desc" | "published_asc" | "relevance";

/** Keyset position: the sort key of the last row of the previous page. */
export interface DocumentKey {
  /** ISO time, or null for documents without a date (they sort last). */
  publishedAt: string | null;
  rank: number | null;
  id: number;
}

export interface DocumentListRow extends DocumentSummaryRow {
  rank: number | null;
  snippet: string | null;
}

/** The Dutch full-text vector of a document (title, text and compound parts), stored and GIN-indexed. */
export const searchVector = sql`${documents.searchVector}`;
/**
 * A search as users write it (words, "phrases", -excluded, or), in Dutch. A search of plain words
 * also finds the parts of a compound it names that no text uses whole: `kinderopvangtarief` is
 * `kinderopvangtarief | (kinderopvang & tarief)`; each word must still be found.
 */
export function searchQuery(search: string): SQL {
  const words = plainSearchWords(search);
  if (!words) return sql`websearch_to_tsquery('dutch', ${search})`;
  const splitter = dutchCompoundSplitter();
  const clauses = words.map((word) => {
    const parts = splitter.split(word);
    return parts ? sql`(plainto_tsquery('dutch', ${word}) || plainto_tsquery('dutch', ${parts.join(" ")}))` : sql`plainto_tsquery('dutch', ${word})`;
  });
  return sql`(${sql.join(clauses, sql` && `)})`;
}

/** The words of a search without operators (quotes, a leading minus, `or`), else null. */
function plainSearchWords(search: string): string[] | null {
  if (/["“”]/u.test(search) || /(^|\s)-/u.test(search) || /(^|\s)or(\s|$)/iu.test(search)) return null;
  const words = search.match(/\p{L}+/gu) ?? [];
  return words.length > 0 && words.length <= 8 ? words : null;
}
/**
 * The moment a calendar day starts in Brussels (schema/dutch-text.ts), computed once from the
 * parameter, so that a `from`/`to` filter on Brussels days is a range on `published_at` that its
 * index serves, not a conversion of every row.
 */
const startOfBrusselsDay = (day: string, plusDays = 0) => sql`((${day}::date + ${plusDays}::int)::timestamp at time zone 'Europe/Brussels')`;

function conditions(filter: DocumentFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.kinds?.length) where.push(inArray(documents.kind, filter.kinds));
  if (filter.status) where.push(eq(documents.status, filter.status));
  if (filter.municipalities?.length) where.push(inMunicipalitiesOrPredecessors(documents.municipalityNis, filter.municipalities));
  if (filter.provinceCodes?.length) where.push(inProvinces(documents.municipalityNis, filter.provinceCodes));
  if (filter.themes?.length) {
    where.push(
      sql`exists (select 1 from ${documentThemes} join ${themes} on ${themes.id} = ${documentThemes.themeId} where ${documentThemes.documentId} = ${documents.id} and ${inArray(themes.code, filter.themes)})`,
    );
  }
  if (filter.governingBodyTypes?.length) {
    const types = sql.join(filter.governingBodyTypes.map((t) => sql`${t}`), sql`, `);
    where.push(
      sql`exists (select 1 from ${councilDecisions} join ${governingBodies} gb on gb.id = ${councilDecisions.governingBodyId} left join ${governingBodies} ab on ab.id = gb.abstract_body_id where ${councilDecisions.documentId} = ${documents.id} and coalesce(gb.classification_key, ab.classification_key) in (${types}))`,
    );
  }
  if (filter.from) where.push(sql`${documents.publishedAt} >= ${startOfBrusselsDay(filter.from)}`);
  if (filter.to) where.push(sql`${documents.publishedAt} < ${startOfBrusselsDay(filter.to, 1)}`);
  if (filter.search) where.push(sql`${searchVector} @@ ${searchQuery(filter.search)}`);
  if (filter.hasMeasures !== undefined) {
    const exists = sql`exists (select 1 from ${measureEvidence} where ${measureEvidence.documentId} = ${documents.id})`;
    where.push(filter.hasMeasures ? exists : sql`not ${exists}`);
  }
  return where;
}

/**
 * Relevance ranks the newest `RELEVANCE_WINDOW` matches of a search: ranking every match of a common
 * word (tens of thousands) cannot answer in time, while the newest thousand can always be ranked.
 * A search with at most `FEW_MATCHES` matches is ranked whole.
 */
export const RELEVANCE_WINDOW = 1000;

/** The snippet of a search hit: computed only for the rows of the page served (the outer select). */
const snippetOf = (search: string) =>
  sql<string>`ts_headline('dutch', ${documents.title} || ' — ' || ${documents.text}, ${searchQuery(search)}, 'StartSel=«, StopSel=», MaxWords=35, MinWords=12, MaxFragments=2')`;

/**
 * One page of documents, keyset-paginated: every page, however deep, is one range of an index
 * (newest first or oldest first, undated last, then id; keyset.ts), so it costs what page 1 costs.
 */
export async function listDocuments(
  db: Database,
  filter: DocumentFilter,
  options: { order: DocumentOrder; limit: number; after?: DocumentKey },
): Promise<DocumentListRow[]> {
  if (filter.search) {
    const few = await fewMatches(db, filter, filter.search, options);
    if (few) return few;
    if (options.order === "relevance") return listByRelevance(db, filter, filter.search, options);
  }
  const where = conditions(filter);
  const rank = filter.search ? sql<number>`ts_rank_cd(${searchVector}, ${searchQuery(filter.search)})::real` : sql<null>`null::real`;
  const snippet = filter.search ? snippetOf(filter.search) : sql<null>`null`;
  const order: NullsLastOrder = { column: documents.publishedAt, id: documents.id, direction: options.order === "published_asc" ? "asc" : "desc", type: "timestamptz" };
  const after = options.after && { value: options.after.publishedAt, id: options.after.id };
  return nullsLastPage(order, options.limit, after, async (part, orderBy, limit) => {
    const rows = await db
      .select({ document: documentSummaryColumns, rank, snippet })
      .from(documents)
      .where(and(...where, part))
      .orderBy(...orderBy)
      .limit(limit);
    return rows.map((r) => ({ ...r.document, rank: r.rank === null ? null : Number(r.rank), snippet: r.snippet }));
  });
}

/**
 * Up to this many matches of a search are read whole through its GIN index and ordered in the
 * process: a rare word then costs a few milliseconds in any order, where walking the date index for
 * it would read the whole table to fill one page (PostgreSQL guesses a rare word's frequency high
 * when it is not among its most common ones, and chooses that walk).
 */
export const FEW_MATCHES = 2000;

/**
 * The page of a search with at most `FEW_MATCHES` matches, or null when it has more. The matches
 * (id, date, rank) are read by bitmap scans only (the GIN index, ANDed with the filters' indexes),
 * never by walking an order; the page's rows are then read whole, with their snippets.
 */
async function fewMatches(db: Database, filter: DocumentFilter, search: string, options: { order: DocumentOrder; limit: number; after?: DocumentKey }): Promise<DocumentListRow[] | null> {
  const rank = options.order === "relevance" ? sql<number>`ts_rank_cd(${searchVector}, ${searchQuery(search)})::real` : sql<number>`0::real`;
  const matches = await db.transaction(async (tx) => {
    // Both settings in one statement (one round trip), for this transaction only.
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    return tx
      .select({ id: documents.id, publishedAt: documents.publishedAt, rank })
      .from(documents)
      .where(and(...conditions(filter)))
      .limit(FEW_MATCHES + 1);
  });
  if (matches.length > FEW_MATCHES) return null;
  const keyOf = (m: (typeof matches)[number]): MatchKey => ({ time: m.publishedAt?.getTime() ?? null, rank: Number(m.rank), id: m.id });
  const after = options.after && { time: options.after.publishedAt === null ? null : Date.parse(options.after.publishedAt), rank: options.after.rank ?? 0, id: options.after.id };
  const compare = matchOrder(options.order);
  const page = matches
    .map(keyOf)
    .filter((m) => !after || compare(m, after) > 0)
    .sort(compare)
    .slice(0, options.limit);
  if (page.length === 0) return [];
  const rows = await db
    .select({ document: documentSummaryColumns, snippet: snippetOf(search) })
    .from(documents)
    .where(inArray(documents.id, page.map((m) => m.id)));
  const byId = new Map(rows.map((r) => [r.document.id, r]));
  return page.flatMap((m) => {
    const row = byId.get(m.id);
    return row ? [{ ...row.document, rank: m.rank, snippet: row.snippet }] : [];
  });
}

/** What orders a match: its publication time (ms, null when undated), rank and id. */
interface MatchKey {
  time: number | null;
  rank: number;
  id: number;
}

/** The list's order over matches held in memory: the same as the SQL orders (undated last, then id). */
function matchOrder(order: DocumentOrder): (a: MatchKey, b: MatchKey) => number {
  if (order === "relevance") return (a, b) => b.rank - a.rank || b.id - a.id;
  const sign = order === "published_asc" ? 1 : -1;
  return (a, b) => {
    if (a.time === null || b.time === null) return a.time === b.time ? sign * (a.id - b.id) : a.time === null ? 1 : -1;
    return sign * (a.time - b.time) || sign * (a.id - b.id);
  };
}

/**
 * A page of a search by relevance: the newest `RELEVANCE_WINDOW` matches (an index walk or a
 * bitmap of the GIN index), ranked on their stored vectors, then the page after the cursor's
 * (rank, id); its snippets are computed for its rows only.
 */
async function listByRelevance(db: Database, filter: DocumentFilter, search: string, options: { limit: number; after?: DocumentKey }): Promise<DocumentListRow[]> {
  const query = searchQuery(search);
  const newest = db
    .select({ id: documents.id, vector: documents.searchVector })
    .from(documents)
    .where(and(...conditions(filter)))
    .orderBy(sql`${documents.publishedAt} desc nulls last`, sql`${documents.id} desc nulls last`)
    .limit(RELEVANCE_WINDOW)
    .as("newest");
  const ranked = db
    .select({ id: sql<number>`${newest.id}`.as("ranked_id"), rank: sql<number>`ts_rank_cd(${newest.vector}, ${query})::real`.as("rank") })
    .from(newest)
    .as("ranked");
  const after = options.after;
  // The page is chosen on (id, rank) alone; only its rows are then read whole, with their snippets.
  const page = db
    .select({ id: ranked.id, rank: ranked.rank })
    .from(ranked)
    .where(after ? sql`(${ranked.rank}, ${ranked.id}) < (${after.rank ?? 0}::real, ${after.id}::bigint)` : undefined)
    .orderBy(desc(ranked.rank), desc(ranked.id))
    .limit(options.limit)
    .as("page");
  const rows = await db
    .select({ document: documentSummaryColumns, rank: page.rank, snippet: snippetOf(search) })
    .from(page)
    .innerJoin(documents, eq(documents.id, page.id))
    .orderBy(desc(page.rank), desc(page.id));
  return rows.map((r) => ({ ...r.document, rank: Number(r.rank), snippet: r.snippet }));
}

export async function countDocuments(db: Database, filter: DocumentFilter): Promise<number> {
  const where = conditions(filter);
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(documents)
    .where(where.length ? and(...where) : undefined);
  return Number(row?.count ?? 0);
}

export function findDocumentsByIds(db: Database, ids: readonly number[]) {
  return db.select(documentColumns).from(documents).where(inArray(documents.id, [...ids]));
}

/** The texts of documents, by id: `Document.text` of the rows a list read without it. */
export function findDocumentTextsByIds(db: Database, ids: readonly number[]) {
  return db.select({ id: documents.id, text: documents.text }).from(documents).where(inArray(documents.id, [...ids]));
}

export async function findDocumentByUri(db: Database, uri: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select(documentColumns).from(documents).where(eq(documents.uri, uri));
  return row;
}

/** URI of the document a page (by its URL) belongs to; undefined for a page that holds none. */
export async function findDocumentUriOfPage(db: Database, url: string): Promise<string | undefined> {
  const [row] = await db
    .select({ uri: documents.uri })
    .from(documentPages)
    .innerJoin(documents, eq(documents.id, documentPages.documentId))
    .where(eq(documentPages.url, url));
  return row?.uri;
}

export function findDecisionsByIds(db: Database, ids: readonly number[]) {
  return db.select().from(councilDecisions).where(inArray(councilDecisions.documentId, [...ids]));
}

export function findPressReleasesByIds(db: Database, ids: readonly number[]) {
  return db.select().from(pressReleases).where(inArray(pressReleases.documentId, [...ids]));
}

export function findPagesOfDocuments(db: Database, ids: readonly number[]) {
  return db.select().from(documentPages).where(inArray(documentPages.documentId, [...ids])).orderBy(asc(documentPages.firstSeenAt), asc(documentPages.url));
}

export function findMentionsOfDocuments(db: Database, ids: readonly number[]) {
  return db
    .select()
    .from(documentMunicipalities)
    .where(and(inArray(documentMunicipalities.documentId, [...ids]), eq(documentMunicipalities.role, "mentioned")))
    .orderBy(desc(documentMunicipalities.mentions), asc(documentMunicipalities.municipalityNis));
}

export function findThemesOfDocuments(db: Database, ids: readonly number[]) {
  return db
    .select({ documentTheme: documentThemes, theme: themes })
    .from(documentThemes)
    .innerJoin(themes, eq(themes.id, documentThemes.themeId))
    .where(inArray(documentThemes.documentId, [...ids]))
    .orderBy(desc(documentThemes.score), asc(themes.position));
}

export function findDecisionsOfSessions(db: Database, sessionIds: readonly number[]) {
  return db
    .select({ decision: councilDecisions, document: documentColumns })
    .from(councilDecisions)
    .innerJoin(documents, eq(documents.id, councilDecisions.documentId))
    .where(inArray(councilDecisions.sessionId, [...sessionIds]))
    .orderBy(asc(documents.id));
}

/** Ids of a source's documents after `afterId`, in id order: the batches `vangnet reprocess` analyses. */
export async function listDocumentIdsOfSource(db: Database, sourceId: string, page: { afterId: number; limit: number }): Promise<number[]> {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.sourceId, sourceId), gt(documents.id, page.afterId)))
    .orderBy(asc(documents.id))
    .limit(page.limit);
  return rows.map((row) => row.id);
}
