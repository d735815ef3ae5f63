import DataLoader from "dataloader";
import type { Database } from "../db/client.js";
import { findBackingLinksOf } from "../db/queries/document-links.js";
import { documentCountsOfThemes, findThemesByCodes, findThemesByIds } from "../db/queries/document-themes.js";
import {
  findDecisionsByIds,
  findDecisionsOfSessions,
  findDocumentsByIds,
  findDocumentTextsByIds,
  findMentionsOfDocuments,
  findPagesOfDocuments,
  findPressReleasesByIds,
  findThemesOfDocuments,
} from "../db/queries/documents.js";
import { findExchangesByIds } from "../db/queries/exchanges.js";
import {
  findAmountsOfMeasures,
  findEvidenceOfMeasures,
  findMeasuresByIds,
  findMeasuresOfDocuments,
  findQuantitiesOfMeasures,
} from "../db/queries/measures.js";
import { findMunicipalitiesByNis, findPredecessors, type MunicipalityRow } from "../db/queries/municipalities.js";
import { listRevisions } from "../db/queries/revisions.js";
import { findRunsByIds } from "../db/queries/scrape-runs.js";
import {
  findAdministrativeUnitsByIds,
  findAgendaItemsByIds,
  findAgendaItemsOfSessions,
  findGoverningBodiesByIds,
  findSessionsByIds,
  findVotesByIds,
  findVotesOfAgendaItems,
  findVotesOfDecisions,
} from "../db/queries/sessions.js";
import {
  documentCountsOfSources,
  documentTotalsByMunicipality,
  findSourcesByIds,
  findSourcesOfMunicipalities,
  listSourceRows,
  recentRunsOfSources,
  type SourceRow,
} from "../db/queries/sources.js";

/** A loader of one row per key: one statement for all keys asked for in the same tick. */
function one<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K) {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader of the rows belonging to each key (in the order the query returns them). */
function many<K, R>(fetch: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K | null) {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, R[]>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key === null) continue;
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * The batch loaders a request may use, each made from the request's database handle: one SQL
 * statement per field per level, however many rows, so the number of statements of a request is
 * bounded by the shape of its query.
 */
const factories = {
  municipalityByNis: (db: Database) => one((keys: readonly string[]) => findMunicipalitiesByNis(db, keys), (row: MunicipalityRow) => row.nis),
  predecessorsByNis: (db: Database) => many((keys: readonly string[]) => findPredecessors(db, keys), (row) => row.successorNis),
  documentById: (db: Database) => one((ids: readonly number[]) => findDocumentsByIds(db, ids), (row) => row.id),
  /** The text of a document a list read without it. */
  documentTextById: (db: Database) => one((ids: readonly number[]) => findDocumentTextsByIds(db, ids), (row) => row.id),
  decisionById: (db: Database) => one((ids: readonly number[]) => findDecisionsByIds(db, ids), (row) => row.documentId),
  pressReleaseById: (db: Database) => one((ids: readonly number[]) => findPressReleasesByIds(db, ids), (row) => row.documentId),
  pagesByDocument: (db: Database) => many((ids: readonly number[]) => findPagesOfDocuments(db, ids), (row) => row.documentId),
  mentionsByDocument: (db: Database) => many((ids: readonly number[]) => findMentionsOfDocuments(db, ids), (row) => row.documentId),
  themesByDocument: (db: Database) => many((ids: readonly number[]) => findThemesOfDocuments(db, ids), (row) => row.documentTheme.documentId),
  revisionsByDocument: (db: Database) => many((ids: readonly number[]) => listRevisions(db, ids), (row) => row.documentId),
  measuresByDocument: (db: Database) => many((ids: readonly number[]) => findMeasuresOfDocuments(db, ids), (row) => row.documentId),
  linksByDocument: (db: Database) => new DataLoader<number, { fromDocumentId: number; toDocumentId: number; confidence: number }[]>(async (ids) => {
    const rows = await findBackingLinksOf(db, ids);
    return ids.map((id) => rows.filter((r) => r.fromDocumentId === id || r.toDocumentId === id));
  }),
  measureById: (db: Database) => one((ids: readonly number[]) => findMeasuresByIds(db, ids), (row) => row.id),
  amountsByMeasure: (db: Database) => many((ids: readonly number[]) => findAmountsOfMeasures(db, ids), (row) => row.measureId),
  quantitiesByMeasure: (db: Database) => many((ids: readonly number[]) => findQuantitiesOfMeasures(db, ids), (row) => row.measureId),
  evidenceByMeasure: (db: Database) => many((ids: readonly number[]) => findEvidenceOfMeasures(db, ids), (row) => row.measureId),
  themeByCode: (db: Database) => one((codes: readonly string[]) => findThemesByCodes(db, codes), (row) => row.code),
  runById: (db: Database) => one((ids: readonly number[]) => findRunsByIds(db, ids), (row) => row.id),
  themeById: (db: Database) => one((ids: readonly number[]) => findThemesByIds(db, ids), (row) => row.id),
  documentCountByTheme: (db: Database) => new DataLoader<number, number>(async (ids) => {
    const counts = await documentCountsOfThemes(db, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  }),
  exchangeById: (db: Database) => one((ids: readonly number[]) => findExchangesByIds(db, ids), (row) => row.id),
  sourceById: (db: Database) => one((ids: readonly string[]) => findSourcesByIds(db, ids), (row) => row.id),
  sourcesByMunicipality: (db: Database) => many((nis: readonly string[]) => findSourcesOfMunicipalities(db, nis), (row) => row.municipalityNis),
  documentCountBySource: (db: Database) => new DataLoader<string, number>(async (ids) => {
    const counts = await documentCountsOfSources(db, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  }),
  /** Runs of a source, keyed by `sourceId|limit` so that different `first` values batch apart. */
  runsBySource: (db: Database) => new DataLoader<string, Awaited<ReturnType<typeof recentRunsOfSources>>>(async (keys) => {
    const parsed = keys.map((key) => ({ id: key.slice(0, key.lastIndexOf("|")), limit: Number(key.slice(key.lastIndexOf("|") + 1)) }));
    const rows = await recentRunsOfSources(db, [...new Set(parsed.map((p) => p.id))], Math.max(...parsed.map((p) => p.limit)));
    return parsed.map((p) => rows.filter((r) => r.sourceId === p.id).slice(0, p.limit));
  }),
  /** Whole-table summaries read once per request, however many fields ask (key: "all"). */
  documentTotals: (db: Database) => new DataLoader<"all", Awaited<ReturnType<typeof documentTotalsByMunicipality>>>(async (keys) => {
    const rows = await documentTotalsByMunicipality(db);
    return keys.map(() => rows);
  }),
  allSources: (db: Database) => new DataLoader<"all", SourceRow[]>(async (keys) => {
    const rows = await listSourceRows(db);
    return keys.map(() => rows);
  }),
  sessionById: (db: Database) => one((ids: readonly number[]) => findSessionsByIds(db, ids), (row) => row.id),
  agendaItemById: (db: Database) => one((ids: readonly number[]) => findAgendaItemsByIds(db, ids), (row) => row.id),
  agendaItemsBySession: (db: Database) => many((ids: readonly number[]) => findAgendaItemsOfSessions(db, ids), (row) => row.sessionId),
  decisionsBySession: (db: Database) => many((ids: readonly number[]) => findDecisionsOfSessions(db, ids), (row) => row.decision.sessionId),
  voteById: (db: Database) => one((ids: readonly number[]) => findVotesByIds(db, ids), (row) => row.id),
  votesByAgendaItem: (db: Database) => many((ids: readonly number[]) => findVotesOfAgendaItems(db, ids), (row) => row.agendaItemId),
  votesByDecision: (db: Database) => many((ids: readonly number[]) => findVotesOfDecisions(db, ids), (row) => row.decisionDocumentId),
  governingBodyById: (db: Database) => one((ids: readonly number[]) => findGoverningBodiesByIds(db, ids), (row) => row.id),
  administrativeUnitById: (db: Database) => one((ids: readonly number[]) => findAdministrativeUnitsByIds(db, ids), (row) => row.id),
};

type Factories = typeof factories;
/** The loaders of one request. */
export type Loaders = { readonly [K in keyof Factories]: ReturnType<Factories[K]> };

/**
 * One prototype for every request's loaders: a loader is made the first time the request uses it
 * and kept on the request's object, so a request that reads no related rows (most of a list's
 * fields, `{ __typename }`) allocates none of them (issue 16: per-request allocations).
 */
const loadersPrototype: object = Object.create(null);
for (const name of Object.keys(factories) as (keyof Factories)[]) {
  Object.defineProperty(loadersPrototype, name, {
    get(this: { db: Database }) {
      const loader = factories[name](this.db);
      Object.defineProperty(this, name, { value: loader, enumerable: true });
      return loader;
    },
  });
}

/** Per-request batch loaders over `db`, each made on first use. */
export function createLoaders(db: Database): Loaders {
  const loaders = Object.create(loadersPrototype) as { db: Database };
  loaders.db = db;
  return loaders as unknown as Loaders;
}
