import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listChanges } from "../../db/queries/change-log.js";
import { syncSources } from "../../db/queries/sources.js";
import { withdrawDocument } from "../../db/write/withdraw-document.js";
import { writeRelease } from "../helpers/document-writes.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const GENT = "44021";
const URI = "https://stad.gent/nl/nieuws/huurpremie";

const content = (text: string) => ({ title: "Huurpremie", lead: null, text, publishedAt: "2026-11-02T23:00:00.000Z", modifiedAt: null, author: null, attachments: [] });

interface Entry {
  seq: string;
  event: string;
  entity_id: string;
  municipality_nis: string | null;
  document_kind: string | null;
  document_id: string | null;
  themes: string[];
  action: string | null;
  payload: Record<string, unknown> & {
    measure?: { id: number; action: string; summary: string; amounts: { cents: string; previousCents: string | null; period: string }[]; municipality: { nis: string; name: string } };
    document?: { id: number; kind: string; uri: string; title: string; themes?: string[]; municipality?: { nis: string; name: string; successorNis: string | null } | null };
    changes?: { field: string; before: unknown; after: unknown }[];
  };
}

/**
 * The change log's entries describe themselves: what the entity is, and for an update which
 * fields changed from what to what. Expected values below are read off the texts by hand.
 */
describe(`typed, self-describing change events (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await syncSources(db.db, [
      { id: "gent-news", kind: "feed", name: "Gent nieuws", startUrl: "http://127.0.0.1/rss", schedule: "0 * * * *", enabled: true, municipalityNis: GENT, config: {} },
    ]);
  });
  afterAll(() => db.close());

  const lastSeq = async () => Number((await db.rows<{ seq: string | null }>("select max(seq)::text as seq from change_log"))[0]?.seq ?? 0);
  const entriesSince = (seq: number) =>
    db.rows<Entry>("select seq::text, event, entity_id, municipality_nis, document_kind, document_id::text, themes, action, payload from change_log where seq > $1 order by seq", [seq]);
  const store = (text: string) => db.db.transaction((tx) => writeRelease(tx, { uri: URI, sourceId: "gent-news", municipalityNis: GENT, content: content(text) }, NOW));

  let measureId = 0;

  it("a new document: created, analysed and its measure, each naming the document, its municipality and themes", async () => {
    const before = await lastSeq();
    const written = await store("De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.");
    expect(written.outcome).toBe("insert");
    const entries = await entriesSince(before);
    expect(entries.map((e) => e.event)).toEqual(["document.created", "document.analysed", "measure.created"]);
    const [created, analysed, measure] = entries;
    expect(created?.payload.document).toEqual({
      id: written.id,
      kind: "press_release",
      uri: URI,
      url: URI,
      title: "Huurpremie",
      revision: 1,
      status: "active",
      municipality: { nis: GENT, name: "Gent", successorNis: null },
      themes: ["housing"],
    });
    expect(created).toMatchObject({ municipality_nis: GENT, document_kind: "press_release", themes: ["housing"], action: null, document_id: String(written.id) });
    expect(analysed?.payload.changes).toEqual([{ field: "themes", before: [], after: ["housing"] }]);
    expect(measure).toMatchObject({ municipality_nis: GENT, document_kind: "press_release", themes: ["housing"], action: "increase", document_id: String(written.id) });
    expect(measure?.payload.measure).toMatchObject({
      action: "increase",
      municipality: { nis: GENT, name: "Gent" },
      amounts: [{ cents: "15000", previousCents: "12000", period: "month" }],
    });
    expect(measure?.payload.document).toEqual({ id: written.id, kind: "press_release", uri: URI, title: "Huurpremie" });
    measureId = Number(measure?.entity_id);
  });

  it("storing the same content again writes no event", async () => {
    const before = await lastSeq();
    const written = await store("De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.");
    expect(written.outcome).toBe("noop");
    expect(await entriesSince(before)).toEqual([]);
  });

  it("another amount: the document update names the changed text, and the measure keeps its id with the amount before and after", async () => {
    const before = await lastSeq();
    await store("De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.");
    const entries = await entriesSince(before);
    expect(entries.map((e) => e.event)).toEqual(["document.updated", "document.analysed", "measure.changed"]);
    const [updated, , changed] = entries;
    expect(updated?.payload.changes).toEqual([
      {
        field: "text",
        before: "De stad Gent verhoogt de huurpremie van 120 naar 150 euro per maand voor huurders met een laag inkomen.",
        after: "De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.",
      },
    ]);
    expect(Number(changed?.entity_id)).toBe(measureId);
    const fields = Object.fromEntries((changed?.payload.changes ?? []).map((c) => [c.field, c]));
    expect(fields.amounts).toEqual({
      field: "amounts",
      before: [{ cents: "15000", maxCents: null, previousCents: "12000", period: "month", per: null }],
      after: [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month", per: null }],
    });
    expect(fields.action).toBeUndefined();
    expect(await db.rows("select id from measures")).toEqual([{ id: expect.anything() }]);
  });

  it("another action: the same measure, action increase → reduce", async () => {
    const before = await lastSeq();
    await store("De stad Gent verlaagt de huurpremie naar 100 euro per maand voor huurders met een laag inkomen.");
    const changed = (await entriesSince(before)).find((e) => e.event === "measure.changed");
    expect(Number(changed?.entity_id)).toBe(measureId);
    expect(changed?.action).toBe("reduce");
    const fields = Object.fromEntries((changed?.payload.changes ?? []).map((c) => [c.field, c]));
    expect(fields.action).toEqual({ field: "action", before: "increase", after: "reduce" });
    expect(fields.amounts).toEqual({
      field: "amounts",
      before: [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month", per: null }],
      after: [{ cents: "10000", maxCents: null, previousCents: null, period: "month", per: null }],
    });
  });

  it("a measure no document states any more is a tombstone carrying what it was", async () => {
    const before = await lastSeq();
    await store("De stad Gent nodigt huurders uit op een infoavond over wonen. Inschrijven kan online.");
    const deleted = (await entriesSince(before)).find((e) => e.event === "measure.deleted");
    expect(Number(deleted?.entity_id)).toBe(measureId);
    expect(deleted).toMatchObject({ municipality_nis: GENT, themes: ["housing"], action: "reduce" });
    expect(deleted?.payload.measure).toMatchObject({
      id: measureId,
      action: "reduce",
      summary: "De stad Gent verlaagt de huurpremie naar 100 euro per maand voor huurders met een laag inkomen.",
      amounts: [{ cents: "10000", previousCents: null, period: "month" }],
    });
    expect(await db.rows("select id from measures")).toEqual([]);
  });

  it("a withdrawal names the document; the changes query filters on kind, theme, action and municipality", async () => {
    const before = await lastSeq();
    await db.db.transaction((tx) => withdrawDocument(tx, URI, null, NOW));
    const [withdrawn] = await entriesSince(before);
    expect(withdrawn).toMatchObject({ event: "document.withdrawn", document_kind: "press_release" });
    expect(withdrawn?.payload.document).toMatchObject({ uri: URI, status: "withdrawn", title: "Huurpremie" });

    const events = async (filter: Parameters<typeof listChanges>[1]) => (await listChanges(db.db, filter, { limit: 100 })).map((r) => r.event);
    expect(await events({ actions: ["reduce"] })).toEqual(["measure.changed", "measure.deleted"]);
    expect(await events({ actions: ["increase"] })).toEqual(["measure.created", "measure.changed"]);
    expect(await events({ entityTypes: ["measure"], themes: ["housing"] })).toEqual(["measure.created", "measure.changed", "measure.changed", "measure.deleted"]);
    expect(await events({ themes: ["childcare"] })).toEqual([]);
    expect(await events({ documentKinds: ["council_decision"] })).toEqual([]);
    expect((await events({ documentKinds: ["press_release"] })).length).toBeGreaterThan(8);
    expect((await events({ provinceCodes: ["VOV"], events: ["document.withdrawn"] }))).toEqual(["document.withdrawn"]);
    expect((await events({ provinceCodes: ["VAN"] }))).toEqual([]);
  });

  it("a withdrawn article seen again is restored: one event, the document active again", async () => {
    const before = await lastSeq();
    const written = await store("De stad Gent nodigt huurders uit op een infoavond over wonen. Inschrijven kan online.");
    expect(written.outcome).toBe("update");
    const entries = await entriesSince(before);
    expect(entries.map((e) => e.event)).toEqual(["document.restored"]);
    expect(entries[0]?.payload.document).toMatchObject({ uri: URI, status: "active", revision: 4 });
  });

  it("a document of a municipality merged in 2025 names its successor, and filtering on the successor finds it", async () => {
    const before = await lastSeq();
    const uri = "https://www.borsbeek.be/nieuws/sociale-kruidenier";
    const text = "De gemeente Borsbeek opent een sociale kruidenier voor gezinnen in armoede.";
    await db.db.transaction((tx) => writeRelease(tx, { uri, sourceId: "gent-news", municipalityNis: "11007", content: { ...content(text), title: "Sociale kruidenier" } }, NOW));
    const [created] = await entriesSince(before);
    expect(created?.payload.document?.municipality).toEqual({ nis: "11007", name: "Borsbeek", successorNis: "11002" });
    const antwerp = await listChanges(db.db, { municipalities: ["11002"], events: ["document.created"] }, { limit: 10 });
    expect(antwerp.map((r) => Number(r.seq))).toEqual([Number(created?.seq)]);
    expect(await listChanges(db.db, { municipalities: [GENT], events: ["document.created"] }, { limit: 10 })).toHaveLength(1);
  });
});
