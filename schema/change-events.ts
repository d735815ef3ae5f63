/**
 * The change log's vocabulary: every event a writer appends, written `entity_type.verb`. Writers
 * can append nothing else (`appendChange` takes these types) and the API accepts nothing else as
 * a filter, so a client can never filter on an event that does not exist and silently get nothing.
 */
export const changeEvents = [
  "document.created",
  "document.updated",
  "document.withdrawn",
  "document.restored",
  "document.analysed",
  /** Earlier revisions of the document were redacted again by newer privacy rules: copies of them should be dropped. */
  "document.redacted",
  "document.linked",
  "measure.created",
  "measure.deleted",
  "session.created",
  "session.updated",
  "agenda_item.created",
  "agenda_item.updated",
] as const;

export type ChangeEvent = (typeof changeEvents)[number];

/** The kind of entity an event is about: the part of its name before the dot. */
export type ChangeEntityType = ChangeEvent extends `${infer Entity}.${string}` ? Entity : never;

export const changeEntityTypes: readonly ChangeEntityType[] = [...new Set(changeEvents.map((event) => event.slice(0, event.indexOf(".")) as ChangeEntityType))];
