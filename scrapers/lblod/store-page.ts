import type { Database, Transaction } from "../../db/client.js";
import { markCaptureProcessed } from "../../db/queries/captures.js";
import { appendChange } from "../../db/queries/change-log.js";
import { pageFactsOf } from "../../db/queries/document-pages.js";
import { readAgendaItemSubject, readSessionSubject } from "../../db/queries/event-subjects.js";
import { upsertMerged, type WriteOutcome } from "../../db/queries/merge-upsert.js";
import { writeDocument } from "../../db/write/write-document.js";
import type { FieldChange } from "../../schema/change-events.js";
import { upsertAdministrativeUnit, upsertGoverningBody } from "../../db/queries/organisations.js";
import { agendaItems, sessions } from "../../db/tables/sessions.js";
import { votes } from "../../db/tables/votes.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { brusselsDayOf } from "../../schema/dutch-text.js";
import type { LblodPage } from "../../schema/lblod.js";
import type { Analyser } from "../normalise/analyse.js";
import type { RunContext } from "../run-context.js";
import { createDocumentAnalyst } from "../normalise/document-analyst.js";
import { classifyAdministrativeUnit, classifyGoverningBody } from "./classifications.js";
import { redactLblodPage } from "../normalise/pii-fields.js";
import { type DecisionFacts, mergeDecisionFacts, presentDecisionContent, readDecisionFacts } from "./decision-facts.js";

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface StorePageInput {
  page: LblodPage;
  sourceId: string;
  sourceMunicipalityNis: string | null;
  runId: number | null;
  /** The capture the page was read from: marked processed in the same transaction. */
  captureId: number | null;
  /** Links and date read from the capture, remembered with it so that a later 304 can crawl on. */
  foundOnCapture?: { links: { url: string; rel: string }[]; pageDate: string | null };
  municipalities: MunicipalityRegister;
  /** Runs the normalisation of each decision (the run's parse pool); by default this thread. */
  analyse?: Analyser;
  now: Date;
}

/**
 * Store a page during a run (a crawl, or reprocess from its capture) and add what it wrote to the
 * run's counts.
 */
export async function storePageOfRun(ctx: RunContext, page: LblodPage, captureId: number, foundOnCapture?: StorePageInput["foundOnCapture"]): Promise<void> {
  const stored = await storeLblodPage(ctx.db, {
    page,
    sourceId: ctx.source.id,
    sourceMunicipalityNis: ctx.source.municipalityNis,
    runId: ctx.runId,
    captureId,
    ...(foundOnCapture ? { foundOnCapture } : {}),
    municipalities: ctx.municipalities,
    analyse: ctx.parser.analyse,
    now: ctx.now(),
  });
  ctx.counts.itemsInserted += stored.inserted;
  ctx.counts.itemsUpdated += stored.updated;
  ctx.counts.itemsUnchanged += stored.unchanged;
}

/** Date of the earliest session on a page (Brussels calendar day), or null when undated. */
export function pageDate(page: LblodPage): string | null {
  const starts = page.sessions.map((s) => s.plannedStart ?? s.startedAt).filter((s): s is string => s !== null);
  return starts.length > 0 ? brusselsDayOf(starts.sort()[0] as string) : null;
}

/**
 * Store everything one parsed LBLOD page says, in one transaction: administrative units and
 * governing bodies, sessions, agenda items, decisions (merged with what other pages said about the
 * same URIs) and votes. Sessions, agenda items and decisions count as items; inserts and updates
 * of them append to the change log in the same transaction.
 */
export async function storeLblodPage(db: Database, input: StorePageInput): Promise<StoreCounts> {
  // Personal data is redacted before anything is stored (text fields only: URIs and links stay
  // whole); only the raw capture keeps the original.
  const page = redactLblodPage(input.page);
  return db.transaction((tx) => storeInTransaction(tx, { ...input, page }));
}

async function storeInTransaction(tx: Transaction, input: StorePageInput): Promise<StoreCounts> {
  const { page, now } = input;
  const counts: StoreCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const tally = (outcome: WriteOutcome) => {
    if (outcome === "insert") counts.inserted++;
    else if (outcome === "update") counts.updated++;
    else counts.unchanged++;
  };
  const date = pageDate(page);
  const analyst = createDocumentAnalyst(input.analyse);

  const unitIds = new Map<string, { id: number; nis: string | null }>();
  for (const unit of page.administrativeUnits) {
    const nis = input.municipalities.publisherOn(input.sourceMunicipalityNis, date, unit.areaLabel ?? unit.label);
    const id = await upsertAdministrativeUnit(tx, {
      uri: unit.uri,
      label: unit.label,
      kind: classifyAdministrativeUnit(unit.classificationUri, unit.label),
      classificationUri: unit.classificationUri,
      municipalityNis: nis,
    });
    unitIds.set(unit.uri, { id, nis });
  }

  const bodyIds = new Map<string, number>();
  const abstractFirst = [...page.governingBodies].sort((a, b) => Number(a.abstractBodyUri !== null) - Number(b.abstractBodyUri !== null));
  for (const body of abstractFirst) {
    const abstract = body.abstractBodyUri ? page.governingBodies.find((b) => b.uri === body.abstractBodyUri) : undefined;
    const id = await upsertGoverningBody(tx, {
      uri: body.uri,
      label: body.label ?? abstract?.label ?? null,
      classificationKey: classifyGoverningBody(body.classificationUri ?? abstract?.classificationUri ?? null),
      administrativeUnitId: unitIds.get(body.administrativeUnitUri ?? abstract?.administrativeUnitUri ?? "")?.id ?? null,
      abstractBodyId: body.abstractBodyUri ? (bodyIds.get(body.abstractBodyUri) ?? null) : null,
    });
    bodyIds.set(body.uri, id);
  }
  const unitOfBody = (bodyUri: string | null) => {
    const body = page.governingBodies.find((b) => b.uri === bodyUri);
    const abstract = body?.abstractBodyUri ? page.governingBodies.find((b) => b.uri === body.abstractBodyUri) : undefined;
    return unitIds.get(body?.administrativeUnitUri ?? abstract?.administrativeUnitUri ?? "");
  };
  const municipalityOf = (bodyUri: string | null, onDate: string | null) =>
    unitOfBody(bodyUri)?.nis ?? input.municipalities.publisherOn(input.sourceMunicipalityNis, onDate, null);

  const sessionIds = new Map<string, number>();
  for (const session of page.sessions) {
    const start = session.plannedStart ?? session.startedAt;
    const result = await upsertMerged(
      tx,
      sessions,
      {
        uri: session.uri,
        governingBodyId: session.governingBodyUri ? (bodyIds.get(session.governingBodyUri) ?? null) : null,
        administrativeUnitId: unitOfBody(session.governingBodyUri)?.id ?? null,
        municipalityNis: municipalityOf(session.governingBodyUri, start ? brusselsDayOf(start) : date),
        sourceId: input.sourceId,
        plannedStart: session.plannedStart ? new Date(session.plannedStart) : null,
        startedAt: session.startedAt ? new Date(session.startedAt) : null,
        endedAt: session.endedAt ? new Date(session.endedAt) : null,
        location: session.location,
      },
      ["governingBodyId", "municipalityNis", "plannedStart", "startedAt", "endedAt", "location"],
      now,
    );
    sessionIds.set(session.uri, result.id);
    tally(result.outcome);
    await logChange(tx, "session", result, input.runId);
  }

  const sessionOfItem = new Map(page.sessions.flatMap((s) => s.agendaItemUris.map((uri) => [uri, s.uri] as const)));
  const treatmentOfItem = new Map(page.treatments.map((t) => [t.agendaItemUri, t.uri] as const));
  const itemIds = new Map<string, number>();
  for (const item of page.agendaItems) {
    const sessionUri = item.sessionUri ?? sessionOfItem.get(item.uri) ?? (page.sessions.length === 1 ? page.sessions[0]?.uri : undefined);
    const result = await upsertMerged(
      tx,
      agendaItems,
      {
        uri: item.uri,
        sessionId: sessionUri ? (sessionIds.get(sessionUri) ?? null) : null,
        title: item.title,
        description: item.description,
        plannedPublic: item.plannedPublic,
        // An extract shows one item out of its agenda: its page order says nothing about position.
        position: page.kind === "uittreksel" ? null : item.position,
        treatmentUri: treatmentOfItem.get(item.uri) ?? null,
      },
      ["sessionId", "title", "description", "plannedPublic", "position", "treatmentUri"],
      now,
    );
    itemIds.set(item.uri, result.id);
    tally(result.outcome);
    await logChange(tx, "agenda_item", result, input.runId);
  }

  const decisionIds = new Map<string, number>();
  for (const [uri, facts] of readDecisionFacts(page)) {
    const others = (await pageFactsOf(tx, uri)).filter((p) => p.url !== page.url).map((p) => p.facts as DecisionFacts);
    const merged = mergeDecisionFacts([facts, ...others]);
    const content = presentDecisionContent(merged);
    const decisionDate = content.publicationDate ?? (content.sessionStart ? brusselsDayOf(content.sessionStart) : date);
    const result = await writeDocument(
      tx,
      {
        kind: "council_decision",
        uri,
        sourceId: input.sourceId,
        municipalityNis: municipalityOf(merged.governingBodyUri, decisionDate),
        content,
        links: {
          sessionId: merged.sessionUri ? (sessionIds.get(merged.sessionUri) ?? null) : null,
          agendaItemId: merged.agendaItemUri ? (itemIds.get(merged.agendaItemUri) ?? null) : null,
          governingBodyId: merged.governingBodyUri ? (bodyIds.get(merged.governingBodyUri) ?? null) : null,
          administrativeUnitId: unitOfBody(merged.governingBodyUri)?.id ?? null,
        },
        seenIn: [...new Set([facts.pageKind, ...others.map((o) => o.pageKind)])].sort(),
        page: { url: page.url, pageKind: page.kind, captureId: input.captureId, facts },
        runId: input.runId,
        captureId: input.captureId,
      },
      { now, runId: input.runId, analyst },
    );
    decisionIds.set(uri, result.id);
    tally(result.outcome);
  }

  const decisionOfTreatment = new Map(page.treatments.flatMap((t) => (t.decisionUris[0] ? [[t.uri, t.decisionUris[0]] as const] : [])));
  for (const vote of page.votes) {
    const treatment = page.treatments.find((t) => t.uri === vote.treatmentUri || t.voteUris.includes(vote.uri));
    const agendaItemUri = vote.agendaItemUri ?? treatment?.agendaItemUri ?? null;
    const decisionUri = treatment ? decisionOfTreatment.get(treatment.uri) : undefined;
    await upsertMerged(
      tx,
      votes,
      {
        uri: vote.uri,
        agendaItemId: agendaItemUri ? (itemIds.get(agendaItemUri) ?? null) : null,
        decisionDocumentId: decisionUri ? (decisionIds.get(decisionUri) ?? null) : null,
        treatmentUri: treatment?.uri ?? vote.treatmentUri,
        subject: vote.subject,
        outcome: vote.outcome,
        secret: vote.secret,
        countFor: vote.countFor,
        countAgainst: vote.countAgainst,
        countAbstain: vote.countAbstain,
      },
      ["agendaItemId", "decisionDocumentId", "subject", "outcome", "secret", "countFor", "countAgainst", "countAbstain"],
      now,
    );
  }
  // Only now, with everything the page says stored, does a later 304 skip it.
  if (input.captureId !== null) await markCaptureProcessed(tx, input.captureId, now, input.foundOnCapture);
  return counts;
}

async function logChange(tx: Transaction, entityType: "session" | "agenda_item", result: { id: number; outcome: WriteOutcome; changes: FieldChange[] }, runId: number | null) {
  if (result.outcome === "noop") return;
  const { id, outcome, changes } = result;
  if (entityType === "session") {
    const session = await readSessionSubject(tx, id);
    await appendChange(tx, outcome === "insert" ? { event: "session.created", entityId: id, runId, payload: { session } } : { event: "session.updated", entityId: id, runId, payload: { session, changes } });
  } else {
    const agendaItem = await readAgendaItemSubject(tx, id);
    await appendChange(
      tx,
      outcome === "insert" ? { event: "agenda_item.created", entityId: id, runId, payload: { agendaItem } } : { event: "agenda_item.updated", entityId: id, runId, payload: { agendaItem, changes } },
    );
  }
}
