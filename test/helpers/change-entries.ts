import type { ChangeEntry, DocumentSubject } from "../../schema/change-events.js";

/** A document subject for change entries appended directly in tests. */
export function documentSubject(id: number, overrides: Partial<DocumentSubject> = {}): DocumentSubject {
  return {
    id,
    kind: "press_release",
    uri: `https://example.org/nieuws/${id}`,
    url: `https://example.org/nieuws/${id}`,
    title: `Bericht ${id}`,
    revision: 1,
    status: "active",
    municipality: null,
    themes: [],
    ...overrides,
  };
}

/** A typed `document.created` or `document.updated` entry about document `id`. */
export function documentEntry(event: "document.created" | "document.updated", id: number, overrides: Partial<DocumentSubject> = {}): ChangeEntry {
  const document = documentSubject(id, overrides);
  return event === "document.created"
    ? { event, entityId: id, runId: null, payload: { document } }
    : { event, entityId: id, runId: null, payload: { document, changes: [] } };
}
