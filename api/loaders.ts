import DataLoader from "dataloader";
import type { Database } from "../db/client.js";
import { findBackingLinksOf } from "../db/queries/document-links.js";
import { documentCountsOfThemes, findThemesByCodes, findThemesByIds } from "../db/queries/document-themes.js";
import {
  findDecisionsByIds,
  findDecisionsOfSessions,
  findDocumentsByIds,
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
 * Per-request batch loaders: one SQL statement per field per level, however many rows, so the
 * number of statements of a request is bounded by the shape of its query.
 */
export function createLoaders(db: Database) {
  return {
    municipalityByNis: one((keys: readonly string[]) => findMunicipalitiesByNis(db, keys), (row: MunicipalityRow) => row.nis),
    predecessorsByNis: many((keys: readonly string[]) => findPredecessors(db, keys), (row) => row.successorNis),
    documentById: one((ids: readonly number[]) => findDocumentsByIds(db, ids), (row) => row.id),
    decisionById: one((ids: readonly number[]) => findDecisionsByIds(db, ids), (row) => row.documentId),
    pressReleaseById: one((ids: readonly number[]) => findPressReleasesByIds(db, ids), (row) => row.documentId),
    pagesByDocument: many((ids: readonly number[]) => findPagesOfDocuments(db, ids), (row) => row.documentId),
    mentionsByDocument: many((ids: readonly number[]) => findMentionsOfDocuments(db, ids), (row) => row.documentId),
    themesByDocument: many((ids: readonly number[]) => findThemesOfDocuments(db, ids), (row) => row.documentTheme.documentId),
    revisionsByDocument: many((ids: readonly number[]) => listRevisions(db, ids), (row) => row.documentId),
    measuresByDocument: many((ids: readonly number[]) => findMeasuresOfDocuments(db, ids), (row) => row.documentId),
    linksByDocument: new DataLoader<number, { fromDocumentId: number; toDocumentId: number; confidence: number }[]>(async (ids) => {
      const rows = await findBackingLinksOf(db, ids);
      return ids.map((id) => rows.filter((r) => r.fromDocumentId === id || r.toDocumentId === id));
    }),
    measureById: one((ids: readonly number[]) => findMeasuresByIds(db, ids), (row) => row.id),
    amountsByMeasure: many((ids: readonly number[]) => findAmountsOfMeasures(db, ids), (row) => row.measureId),
    quantitiesByMeasure: many((ids: readonly number[]) => findQuantitiesOfMeasures(db, ids), (row) => row.measureId),
    evidenceByMeasure: many((ids: readonly number[]) => findEvidenceOfMeasures(db, ids), (row) => row.measureId),
    themeByCode: one((codes: readonly string[]) => findThemesByCodes(db, codes), (row) => row.code),
    runById: one((ids: readonly number[]) => findRunsByIds(db, ids), (row) => row.id),
    themeById: one((ids: readonly number[]) => findThemesByIds(db, ids), (row) => row.id),
    documentCountByTheme: new DataLoader<number, number>(async (ids) => {
      const counts = await documentCountsOfThemes(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    exchangeById: one((ids: readonly number[]) => findExchangesByIds(db, ids), (row) => row.id),
    sourceById: one((ids: readonly string[]) => findSourcesByIds(db, ids), (row) => row.id),
    sourcesByMunicipality: many((nis: readonly string[]) => findSourcesOfMunicipalities(db, nis), (row) => row.municipalityNis),
    documentCountBySource: new DataLoader<string, number>(async (ids) => {
      const counts = await documentCountsOfSources(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** Runs of a source, keyed by `sourceId|limit` so that different `first` values batch apart. */
    runsBySource: new DataLoader<string, Awaited<ReturnType<typeof recentRunsOfSources>>>(async (keys) => {
      const parsed = keys.map((key) => ({ id: key.slice(0, key.lastIndexOf("|")), limit: Number(key.slice(key.lastIndexOf("|") + 1)) }));
      const rows = await recentRunsOfSources(db, [...new Set(parsed.map((p) => p.id))], Math.max(...parsed.map((p) => p.limit)));
      return parsed.map((p) => rows.filter((r) => r.sourceId === p.id).slice(0, p.limit));
    }),
    /** Whole-table summaries read once per request, however many fields ask (key: "all"). */
    documentTotals: new DataLoader<"all", Awaited<ReturnType<typeof documentTotalsByMunicipality>>>(async (keys) => {
      const rows = await documentTotalsByMunicipality(db);
      return keys.map(() => rows);
    }),
    allSources: new DataLoader<"all", SourceRow[]>(async (keys) => {
      const rows = await listSourceRows(db);
      return keys.map(() => rows);
    }),
    sessionById: one((ids: readonly number[]) => findSessionsByIds(db, ids), (row) => row.id),
    agendaItemById: one((ids: readonly number[]) => findAgendaItemsByIds(db, ids), (row) => row.id),
    agendaItemsBySession: many((ids: readonly number[]) => findAgendaItemsOfSessions(db, ids), (row) => row.sessionId),
    decisionsBySession: many((ids: readonly number[]) => findDecisionsOfSessions(db, ids), (row) => row.decision.sessionId),
    voteById: one((ids: readonly number[]) => findVotesByIds(db, ids), (row) => row.id),
    votesByAgendaItem: many((ids: readonly number[]) => findVotesOfAgendaItems(db, ids), (row) => row.agendaItemId),
    votesByDecision: many((ids: readonly number[]) => findVotesOfDecisions(db, ids), (row) => row.decisionDocumentId),
    governingBodyById: one((ids: readonly number[]) => findGoverningBodiesByIds(db, ids), (row) => row.id),
    administrativeUnitById: one((ids: readonly number[]) => findAdministrativeUnitsByIds(db, ids), (row) => row.id),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
