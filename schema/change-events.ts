/**
 * The change log's vocabulary: every event a writer appends, written `entity_type.verb`, with the
 * shape of its payload. Writers append nothing else (`appendChange` takes a {@link ChangeEntry}),
 * and the API accepts nothing else as a filter, so a client can never filter on an event that
 * does not exist and silently get nothing.
 *
 * Payloads are self-describing: a subscriber learns from one entry what the entity is (kind,
 * title, URI, municipality with its successor, themes) and, for an update, which fields changed
 * from what to what, without a second query.
 */

/** Kinds of document the write path stores. */
export const documentKinds = ["council_decision", "press_release"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** A JSON value, as payloads hold them. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A municipality as events name it. */
export interface EventMunicipality {
  nis: string;
  name: string;
  /** The municipality it merged into (the 2025 mergers), or null when it still exists. */
  successorNis: string | null;
}

/** One field of an entity that changed, from what to what (long texts are cut, see FIELD_VALUE_MAX_CHARS). */
export interface FieldChange {
  field: string;
  before: JsonValue;
  after: JsonValue;
}

/** The document an event is about, as it is after the change. */
export interface DocumentSubject {
  id: number;
  kind: DocumentKind;
  uri: string;
  /** The page it was read from (for a press release its canonical URL), when known. */
  url: string | null;
  title: string;
  revision: number;
  status: "active" | "withdrawn";
  municipality: EventMunicipality | null;
  /** Theme codes of the document (taxonomy v1), as analysed. */
  themes: string[];
}

/** A figure of a measure as events carry it (cents as strings: they may exceed 2^53). */
export interface MeasureAmountValue {
  cents: string;
  maxCents: string | null;
  previousCents: string | null;
  period: string;
  /** Whom the amount is for (person, child, household, …); null when the text does not say. */
  per: string | null;
}

export interface MeasureQuantityValue {
  value: string;
  maxValue: string | null;
  previousValue: string | null;
  unit: string;
  per: string | null;
}

/** The measure an event is about; for `measure.deleted` what it was before it went. */
export interface MeasureSubject {
  id: number;
  municipality: EventMunicipality;
  theme: string;
  action: string;
  summary: string;
  startsOn: string | null;
  endsOn: string | null;
  announcedOn: string | null;
  amounts: MeasureAmountValue[];
  quantities: MeasureQuantityValue[];
  /** The chance that municipality, theme and action are right: the most confident reading among the published documents that state it. */
  confidence: number;
}

/** The document whose analysis caused a measure event. */
export interface DocumentRef {
  id: number;
  kind: DocumentKind;
  uri: string;
  title: string;
}

export interface SessionSubject {
  id: number;
  uri: string;
  plannedStart: string | null;
  municipality: EventMunicipality | null;
}

export interface AgendaItemSubject {
  id: number;
  uri: string;
  title: string | null;
  municipality: EventMunicipality | null;
}

export interface BackingLink {
  from: number;
  to: number;
  confidence: number;
}

/** Payload of each event. */
export interface ChangePayloads {
  "document.created": { document: DocumentSubject };
  "document.updated": { document: DocumentSubject; changes: FieldChange[] };
  "document.withdrawn": { document: DocumentSubject };
  "document.restored": { document: DocumentSubject };
  /** The analysis (themes, measures, exchanges) read something new; `changes` holds the themes when they changed. */
  "document.analysed": { document: DocumentSubject; rulesVersion: string; measures: number; exchanges: number; changes: FieldChange[] };
  /** Earlier revisions of the document were redacted again by newer privacy rules: copies of them should be dropped. */
  "document.redacted": { document: DocumentSubject; revisions: number[] };
  "document.linked": { document: DocumentSubject; backedBy: BackingLink[] };
  "measure.created": { measure: MeasureSubject; document: DocumentRef };
  /** A re-analysis read the same measure differently: same identity, the fields that changed. */
  "measure.changed": { measure: MeasureSubject; document: DocumentRef; changes: FieldChange[] };
  /** A tombstone: the measure as it was, now that no document states it any more. */
  "measure.deleted": { measure: MeasureSubject; document: DocumentRef };
  "session.created": { session: SessionSubject };
  "session.updated": { session: SessionSubject; changes: FieldChange[] };
  "agenda_item.created": { agendaItem: AgendaItemSubject };
  "agenda_item.updated": { agendaItem: AgendaItemSubject; changes: FieldChange[] };
}

export type ChangeEvent = keyof ChangePayloads;

/** Every event, in the order the API documents them. */
export const changeEvents = [
  "document.created",
  "document.updated",
  "document.withdrawn",
  "document.restored",
  "document.analysed",
  "document.redacted",
  "document.linked",
  "measure.created",
  "measure.changed",
  "measure.deleted",
  "session.created",
  "session.updated",
  "agenda_item.created",
  "agenda_item.updated",
] as const satisfies readonly ChangeEvent[];

// Every event of the payload map is listed above (a compile error names the one missing).
const _everyEventListed: Exclude<ChangeEvent, (typeof changeEvents)[number]> extends never ? true : never = true;
void _everyEventListed;

/** The kind of entity an event is about: the part of its name before the dot. */
export type ChangeEntityType = ChangeEvent extends `${infer Entity}.${string}` ? Entity : never;
export type EntityTypeOf<E extends ChangeEvent> = E extends `${infer Entity}.${string}` ? Entity : never;

export const changeEntityTypes: readonly ChangeEntityType[] = [...new Set(changeEvents.map((event) => entityTypeOf(event)))];

export function entityTypeOf<E extends ChangeEvent>(event: E): EntityTypeOf<E> {
  return event.slice(0, event.indexOf(".")) as EntityTypeOf<E>;
}

/** One entry to append: an event, the id of its entity, its payload and the run that caused it. */
export type ChangeEntry = {
  [E in ChangeEvent]: { event: E; entityId: number; runId: number | null; payload: ChangePayloads[E] };
}[ChangeEvent];

/** Longer string values in a {@link FieldChange} are cut to this many characters, ending in "…". */
export const FIELD_VALUE_MAX_CHARS = 500;

/** A value as a FieldChange carries it: long strings cut, dates as ISO text. */
export function presentFieldValue(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.length > FIELD_VALUE_MAX_CHARS ? `${value.slice(0, FIELD_VALUE_MAX_CHARS - 1)}…` : value;
  if (Array.isArray(value)) return value.map(presentFieldValue);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, presentFieldValue(v)]));
  return value as JsonValue;
}

/**
 * The fields whose values differ between two records, with both values; keys in `fields` order.
 * Values compare by their JSON text, so key order inside objects matters no more than for hashes.
 */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const a = presentFieldValue(before[field]);
    const b = presentFieldValue(after[field]);
    if (stableJson(a) !== stableJson(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}

function stableJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson(value[k] as JsonValue)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What the change log stores beside the payload, so that feeds can filter without reading it. */
export interface ChangeFilterColumns {
  /** The document concerned (for measure events: the one whose analysis caused it), for full-text conditions. */
  documentId: number | null;
  municipalityNis: string | null;
  documentKind: DocumentKind | null;
  themes: string[];
  action: string | null;
  /** A measure's confidence (null for other entities); `minConfidence` filters on it. */
  confidence: number | null;
}

/** The filterable columns of an entry, read from its payload. */
export function filterColumnsOf(entry: ChangeEntry): ChangeFilterColumns {
  const p = entry.payload as Partial<{ document: DocumentSubject | DocumentRef; measure: MeasureSubject; session: SessionSubject; agendaItem: AgendaItemSubject }>;
  if (p.measure) {
    return {
      documentId: p.document?.id ?? null,
      municipalityNis: p.measure.municipality.nis,
      documentKind: p.document?.kind ?? null,
      themes: [p.measure.theme],
      action: p.measure.action,
      confidence: p.measure.confidence ?? null,
    };
  }
  if (p.document && "themes" in p.document) {
    return { documentId: p.document.id, municipalityNis: p.document.municipality?.nis ?? null, documentKind: p.document.kind, themes: p.document.themes, action: null, confidence: null };
  }
  const place = p.session?.municipality ?? p.agendaItem?.municipality ?? null;
  return { documentId: null, municipalityNis: place?.nis ?? null, documentKind: null, themes: [], action: null, confidence: null };
}
