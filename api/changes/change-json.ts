import type { ChangeRow } from "../../db/queries/change-log.js";
import type { FieldChange, JsonValue } from "../../schema/change-events.js";
import { globalIdOfEntity } from "../global-id.js";
import { encodeCursor } from "../pagination.js";

/** The entity an entry's payload describes, whichever event wrote it. */
interface PayloadSubject {
  title?: string | null;
  summary?: string;
  uri?: string;
  url?: string | null;
}

function subjectOf(row: ChangeRow): PayloadSubject | null {
  const p = row.payload as Record<string, PayloadSubject | undefined>;
  return p.measure ?? p.document ?? p.session ?? p.agendaItem ?? null;
}

/** Title of the entity as it was when the change was recorded (a measure's summary). */
export const changeTitleOf = (row: ChangeRow): string | null => {
  const subject = subjectOf(row);
  return subject?.title ?? subject?.summary ?? null;
};
export const changeUriOf = (row: ChangeRow): string | null => subjectOf(row)?.uri ?? null;
export const changeUrlOf = (row: ChangeRow): string | null => subjectOf(row)?.url ?? null;
export const fieldChangesOf = (row: ChangeRow): FieldChange[] => (row.payload as { changes?: FieldChange[] }).changes ?? [];

/** The cursor `changes(after:)` and `changes` subscriptions resume from. */
export const changeCursorOfSeq = (seq: number | string): string => encodeCursor("change", String(seq));
export const changeCursorOf = (row: ChangeRow): string => changeCursorOfSeq(row.seq);

/**
 * A change as JSON outside GraphQL (webhook bodies, the JSON Feed's `_vangnet` object): the
 * fields of the GraphQL `Change` type with the same names, enum values as stored
 * (`press_release`), field values as JSON values instead of JSON text, and the payload as an object.
 */
export interface ChangeJson {
  seq: string;
  cursor: string;
  occurredAt: string;
  event: string;
  entityType: string;
  entityId: string | null;
  municipalityNis: string | null;
  documentKind: string | null;
  title: string | null;
  uri: string | null;
  url: string | null;
  themes: string[];
  action: string | null;
  fieldChanges: FieldChange[];
  payload: JsonValue;
}

export function presentChangeJson(row: ChangeRow): ChangeJson {
  return {
    seq: String(row.seq),
    cursor: changeCursorOf(row),
    occurredAt: new Date(row.occurredAt).toISOString(),
    event: row.event,
    entityType: row.entityType,
    entityId: globalIdOfEntity(row.entityType, row.entityId),
    municipalityNis: row.municipalityNis,
    documentKind: row.documentKind,
    title: changeTitleOf(row),
    uri: changeUriOf(row),
    url: changeUrlOf(row),
    themes: row.themes ?? [],
    action: row.action,
    fieldChanges: fieldChangesOf(row),
    payload: row.payload as JsonValue,
  };
}
