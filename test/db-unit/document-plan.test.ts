import { describe, expect, it } from "vitest";
import { type DecisionWrite, planDocumentWrite, type PressReleaseWrite, type StoredDocument } from "../../db/write/document-plan.js";
import { hashContent } from "../../db/content-hash.js";

/** Planning a write is pure: these run without a database. */

const release: PressReleaseWrite = {
  kind: "press_release",
  uri: "https://www.gent.be/nieuws/huurpremie",
  sourceId: "news:gent",
  municipalityNis: "44021",
  language: "nl",
  html: "<p>De huurpremie stijgt.</p>",
  content: { title: "Huurpremie", lead: null, text: "De huurpremie stijgt.", publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] },
  page: { url: "https://www.gent.be/nieuws/huurpremie", pageKind: "article", captureId: 7, facts: {} },
  runId: 3,
  captureId: 7,
};

const decision: DecisionWrite = {
  kind: "council_decision",
  uri: "https://data.gent.be/id/besluiten/1",
  sourceId: "lblod:gent",
  municipalityNis: "44021",
  content: {
    title: "Reglement huurpremie",
    shortTitle: null,
    description: null,
    motivation: "Motivering",
    operativeText: "Artikel 1. De premie bedraagt 150 euro.",
    legalBasis: [],
    publicationDate: "2026-11-03",
    isPublic: true,
    sessionStart: null,
    governingBodyUri: null,
    votes: [],
  },
  links: { sessionId: null, agendaItemId: 5, governingBodyId: null, administrativeUnitId: null },
  seenIn: ["besluitenlijst"],
  page: { url: "https://gent.be/besluitenlijst/1", pageKind: "besluitenlijst", captureId: 9, facts: { pageKind: "besluitenlijst" } },
  runId: 4,
  captureId: 9,
};

const stored = (write: PressReleaseWrite | DecisionWrite, overrides: Partial<StoredDocument> = {}): StoredDocument => ({
  id: 11,
  contentHash: hashContent(write.content),
  revision: 2,
  status: "active",
  revisionFields: write.content as unknown as Record<string, unknown>,
  openRevision: null,
  ...overrides,
});

describe("planning a document write", () => {
  it("inserts a new document with revision 1, its kind's row and a created event", () => {
    const plan = planDocumentWrite(release, null);
    expect(plan.outcome).toBe("insert");
    expect(plan.revision).toEqual({ number: 1, mode: "insert", row: { title: "Huurpremie", text: "De huurpremie stijgt.", html: "<p>De huurpremie stijgt.</p>", fields: release.content, captureId: 7 } });
    expect(plan.columns).toMatchObject({ title: "Huurpremie", description: null, publishedAt: new Date("2026-11-02T23:00:00.000Z"), municipalityNis: "44021", piiRedacted: false });
    expect(plan.specific).toEqual({ lead: null, author: null, canonicalUrl: release.uri, modifiedAt: null, attachments: [] });
    expect(plan.event).toEqual({ event: "document.created" });
  });

  it("stores a decision's publication day as the start of that day in Brussels, its text as motivation then operative part", () => {
    const plan = planDocumentWrite(decision, null);
    // 3 November 2026 starts at 23:00 UTC the day before (CET, UTC+1).
    expect(plan.columns?.publishedAt).toEqual(new Date("2026-11-02T23:00:00.000Z"));
    expect(plan.columns?.text).toBe("Motivering\n\nArtikel 1. De premie bedraagt 150 euro.");
    expect(plan.revision?.row.html).toBeNull();
  });

  it("does nothing for unchanged content, but completes a decision's links silently", () => {
    const unchangedRelease = planDocumentWrite(release, stored(release));
    expect(unchangedRelease).toMatchObject({ outcome: "noop", columns: null, revision: null, event: null, writeSpecific: false, restore: false });
    const unchangedDecision = planDocumentWrite(decision, stored(decision));
    expect(unchangedDecision).toMatchObject({ outcome: "noop", columns: null, revision: null, event: null, writeSpecific: true });
    expect(unchangedDecision.specific).toMatchObject({ agendaItemId: 5 });
  });

  it("adds a revision for changed content, naming each changed field with its values before and after", () => {
    const edited = { ...release, content: { ...release.content, title: "Hogere huurpremie", text: "De huurpremie stijgt naar 200 euro." } };
    const plan = planDocumentWrite(edited, stored(release));
    expect(plan.outcome).toBe("update");
    expect(plan.revision).toMatchObject({ number: 3, mode: "insert" });
    expect(plan.event).toEqual({
      event: "document.updated",
      changes: [
        { field: "title", before: "Huurpremie", after: "Hogere huurpremie" },
        { field: "text", before: "De huurpremie stijgt.", after: "De huurpremie stijgt naar 200 euro." },
      ],
    });
  });

  it("cuts long values in a field change", () => {
    const long = "a".repeat(2000);
    const plan = planDocumentWrite({ ...release, content: { ...release.content, text: long } }, stored(release));
    const change = plan.event?.event === "document.updated" ? plan.event.changes.find((c) => c.field === "text") : undefined;
    expect(typeof change?.after === "string" && change.after.length).toBe(500);
    expect(String(change?.after).endsWith("…")).toBe(true);
  });

  it("amends the revision a decision's crawl is assembling instead of adding one; an interrupted crawl's completion is announced", () => {
    const later = { ...decision, content: { ...decision.content, motivation: "Motivering, aangevuld uit de notulen" } };
    const sameRun = planDocumentWrite(later, stored(decision, { openRevision: "this-run" }));
    expect(sameRun).toMatchObject({ outcome: "update", revision: { number: 2, mode: "amend" }, event: null });
    const interrupted = planDocumentWrite(later, stored(decision, { openRevision: "interrupted" }));
    expect(interrupted.revision).toMatchObject({ number: 2, mode: "amend" });
    expect(interrupted.event).toEqual({ event: "document.updated", changes: [{ field: "motivation", before: "Motivering", after: "Motivering, aangevuld uit de notulen" }] });
    // An article is one page: it never amends, whatever run wrote it last.
    const article = planDocumentWrite({ ...release, content: { ...release.content, text: "Nieuw." } }, stored(release, { openRevision: "this-run" }));
    expect(article.revision).toMatchObject({ number: 3, mode: "insert" });
  });

  it("restores a withdrawn document seen again: an update even when its content is the same", () => {
    const plan = planDocumentWrite(release, stored(release, { status: "withdrawn" }));
    expect(plan).toMatchObject({ outcome: "update", restore: true, revision: null, event: null });
  });

  it("keeps an article's page as first seen but refreshes what a decision page said", () => {
    expect(planDocumentWrite(release, null).refreshPage).toBe(false);
    expect(planDocumentWrite(decision, null).refreshPage).toBe(true);
  });
});
