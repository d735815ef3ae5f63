import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type {
  AgendaItemSubject,
  DocumentKind,
  DocumentRef,
  DocumentSubject,
  EventMunicipality,
  MeasureSubject,
  SessionSubject,
} from "../../schema/change-events.js";
import type { Transaction } from "../client.js";
import { documentPages, documents, pressReleases } from "../tables/documents.js";
import { measureAmounts, measureEvidence, measureQuantities, measures } from "../tables/measures.js";
import { municipalities } from "../tables/reference.js";
import { agendaItems, sessions } from "../tables/sessions.js";
import { documentThemes, themes } from "../tables/themes.js";

/**
 * What change events say about their entity, read as it is inside the writing transaction: one
 * place decides what a subscriber gets without a second query.
 */

async function eventMunicipalities(tx: Transaction, nisCodes: readonly (string | null)[]): Promise<Map<string, EventMunicipality>> {
  const wanted = [...new Set(nisCodes.filter((n): n is string => n !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({ nis: municipalities.nis, name: municipalities.name, successorNis: municipalities.successorNis })
    .from(municipalities)
    .where(inArray(municipalities.nis, wanted));
  return new Map(rows.map((row) => [row.nis, row]));
}

/** The document as events describe it; `pageUrl` is the page the write read it from, when there was one. */
export async function readDocumentSubject(tx: Transaction, documentId: number, pageUrl?: string | null): Promise<DocumentSubject> {
  const [doc] = await tx
    .select({
      id: documents.id,
      kind: documents.kind,
      uri: documents.uri,
      title: documents.title,
      revision: documents.revision,
      status: documents.status,
      municipalityNis: documents.municipalityNis,
      canonicalUrl: pressReleases.canonicalUrl,
    })
    .from(documents)
    .leftJoin(pressReleases, eq(pressReleases.documentId, documents.id))
    .where(eq(documents.id, documentId));
  if (!doc) throw new Error(`document ${documentId} does not exist`);
  const themeRows = await tx
    .select({ code: themes.code })
    .from(documentThemes)
    .innerJoin(themes, eq(themes.id, documentThemes.themeId))
    .where(eq(documentThemes.documentId, documentId))
    .orderBy(asc(themes.position));
  const url = doc.canonicalUrl ?? pageUrl ?? (await firstPageUrl(tx, documentId));
  const places = await eventMunicipalities(tx, [doc.municipalityNis]);
  return {
    id: doc.id,
    kind: doc.kind as DocumentKind,
    uri: doc.uri,
    url,
    title: doc.title,
    revision: doc.revision,
    status: doc.status === "withdrawn" ? "withdrawn" : "active",
    municipality: doc.municipalityNis ? (places.get(doc.municipalityNis) ?? null) : null,
    themes: themeRows.map((t) => t.code),
  };
}

async function firstPageUrl(tx: Transaction, documentId: number): Promise<string | null> {
  const [page] = await tx
    .select({ url: documentPages.url })
    .from(documentPages)
    .where(eq(documentPages.documentId, documentId))
    .orderBy(asc(documentPages.firstSeenAt), asc(documentPages.url))
    .limit(1);
  return page?.url ?? null;
}

export function documentRefOf(subject: DocumentSubject): DocumentRef {
  return { id: subject.id, kind: subject.kind, uri: subject.uri, title: subject.title };
}

/** The given measures as events describe them, by id; figures in evidence order. */
export async function readMeasureSubjects(tx: Transaction, ids: readonly number[]): Promise<Map<number, MeasureSubject>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      id: measures.id,
      municipalityNis: measures.municipalityNis,
      theme: themes.code,
      action: measures.action,
      summary: measures.summary,
      startsOn: measures.startsOn,
      endsOn: measures.endsOn,
      announcedOn: measures.announcedOn,
      // The most confident reading among the documents still published, else among all (a measure whose documents were all withdrawn).
      confidence: sql<number>`coalesce((select max(e.confidence) from ${measureEvidence} e join ${documents} d on d.id = e.document_id where e.measure_id = ${measures.id} and d.status = 'active'), (select max(e.confidence) from ${measureEvidence} e where e.measure_id = ${measures.id}), 0)::float8`,
    })
    .from(measures)
    .innerJoin(themes, eq(themes.id, measures.themeId))
    .where(inArray(measures.id, [...ids]));
  const amounts = await tx
    .select({ measureId: measureAmounts.measureId, cents: measureAmounts.cents, maxCents: measureAmounts.maxCents, previousCents: measureAmounts.previousCents, period: measureAmounts.period, per: measureAmounts.per })
    .from(measureAmounts)
    .where(inArray(measureAmounts.measureId, [...ids]))
    .orderBy(asc(measureAmounts.id));
  const quantities = await tx
    .select({
      measureId: measureQuantities.measureId,
      value: measureQuantities.value,
      maxValue: measureQuantities.maxValue,
      previousValue: measureQuantities.previousValue,
      unit: measureQuantities.unit,
      per: measureQuantities.per,
    })
    .from(measureQuantities)
    .where(inArray(measureQuantities.measureId, [...ids]))
    .orderBy(asc(measureQuantities.id));
  const places = await eventMunicipalities(tx, rows.map((r) => r.municipalityNis));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        municipality: places.get(row.municipalityNis) ?? { nis: row.municipalityNis, name: row.municipalityNis, successorNis: null },
        theme: row.theme,
        action: row.action,
        summary: row.summary,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        announcedOn: row.announcedOn,
        confidence: Math.round(Number(row.confidence) * 1000) / 1000,
        // Several documents stating the same figure state it once.
        amounts: distinct(
          amounts
            .filter((a) => a.measureId === row.id)
            .map((a) => ({ cents: a.cents.toString(), maxCents: a.maxCents?.toString() ?? null, previousCents: a.previousCents?.toString() ?? null, period: a.period, per: a.per })),
        ),
        quantities: distinct(
          quantities
            .filter((q) => q.measureId === row.id)
            .map((q) => ({ value: q.value, maxValue: q.maxValue, previousValue: q.previousValue, unit: q.unit, per: q.per })),
        ),
      },
    ]),
  );
}

function distinct<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function readSessionSubject(tx: Transaction, id: number): Promise<SessionSubject> {
  const [row] = await tx
    .select({ id: sessions.id, uri: sessions.uri, plannedStart: sessions.plannedStart, municipalityNis: sessions.municipalityNis })
    .from(sessions)
    .where(eq(sessions.id, id));
  if (!row) throw new Error(`session ${id} does not exist`);
  const places = await eventMunicipalities(tx, [row.municipalityNis]);
  return { id: row.id, uri: row.uri, plannedStart: row.plannedStart?.toISOString() ?? null, municipality: row.municipalityNis ? (places.get(row.municipalityNis) ?? null) : null };
}

export async function readAgendaItemSubject(tx: Transaction, id: number): Promise<AgendaItemSubject> {
  const [row] = await tx
    .select({ id: agendaItems.id, uri: agendaItems.uri, title: agendaItems.title, municipalityNis: sessions.municipalityNis })
    .from(agendaItems)
    .leftJoin(sessions, and(eq(sessions.id, agendaItems.sessionId)))
    .where(eq(agendaItems.id, id));
  if (!row) throw new Error(`agenda item ${id} does not exist`);
  const places = await eventMunicipalities(tx, [row.municipalityNis]);
  return { id: row.id, uri: row.uri, title: row.title, municipality: row.municipalityNis ? (places.get(row.municipalityNis) ?? null) : null };
}
