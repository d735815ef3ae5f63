import { describe, expect, it } from "vitest";
import type { ChangePayloads, DocumentRef, DocumentSubject, MeasureSubject } from "../../schema/change-events.js";
import { quoteForHeadline, writeChangeHeadline } from "../../schema/change-headline.js";

const labels: Record<string, string> = { housing: "Wonen en huursubsidie", food_aid: "Voedselhulp", homelessness: "Dak- en thuisloosheid" };
const vocabulary = { themeLabel: (code: string) => labels[code] };

const GENT = { nis: "44021", name: "Gent", successorNis: null };
const KORTENBERG = { nis: "24055", name: "Kortenberg", successorNis: null };

const release: DocumentSubject = {
  id: 7,
  kind: "press_release",
  uri: "https://stad.gent/huurpremie",
  url: "https://stad.gent/huurpremie",
  title: "Huurpremie stijgt",
  revision: 1,
  status: "active",
  municipality: GENT,
  themes: ["housing"],
};
const decision: DocumentSubject = { ...release, id: 8, kind: "council_decision", uri: "http://data.lblod.info/id/besluiten/1", title: "Reglement sociale kruidenier", municipality: KORTENBERG, themes: ["food_aid"] };
const ref: DocumentRef = { id: 7, kind: "press_release", uri: release.uri, title: release.title };
const measure: MeasureSubject = {
  id: 3,
  municipality: GENT,
  theme: "housing",
  action: "increase",
  summary: "De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
  startsOn: null,
  endsOn: null,
  announcedOn: "2026-11-03",
  amounts: [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month", per: null }],
  quantities: [],
  confidence: 0.7,
};

function headline<E extends keyof ChangePayloads>(event: E, payload: ChangePayloads[E]): string {
  return writeChangeHeadline({ event, payload }, vocabulary);
}

describe("a change in one Dutch line", () => {
  it("documents: new, changed (with the fields in Dutch), withdrawn, restored", () => {
    expect(headline("document.created", { document: release })).toBe("Gent: nieuw persbericht — Huurpremie stijgt");
    expect(headline("document.created", { document: decision })).toBe("Kortenberg: nieuw gemeenteraadsbesluit — Reglement sociale kruidenier");
    expect(
      headline("document.updated", {
        document: decision,
        changes: [
          { field: "text", before: "a", after: "b" },
          { field: "title", before: "x", after: "Reglement sociale kruidenier" },
        ],
      }),
    ).toBe("Kortenberg: gemeenteraadsbesluit gewijzigd — Reglement sociale kruidenier (tekst, titel)");
    expect(headline("document.updated", { document: decision, changes: [{ field: "operativeText", before: "a", after: "b" }, { field: "legalBasis", before: [], after: ["x"] }] })).toBe(
      "Kortenberg: gemeenteraadsbesluit gewijzigd — Reglement sociale kruidenier (beslissing, rechtsgrond)",
    );
    expect(headline("document.withdrawn", { document: { ...release, status: "withdrawn" } })).toBe("Gent: persbericht ingetrokken — Huurpremie stijgt");
    expect(headline("document.restored", { document: release })).toBe("Gent: persbericht opnieuw gepubliceerd — Huurpremie stijgt");
  });

  it("documents: analysed, redacted, linked", () => {
    expect(headline("document.analysed", { document: release, rulesVersion: "9", measures: 1, exchanges: 0, changes: [{ field: "themes", before: [], after: ["housing"] }] })).toBe(
      "Gent: persbericht geanalyseerd — Huurpremie stijgt (1 maatregel, thema's gewijzigd)",
    );
    expect(headline("document.analysed", { document: release, rulesVersion: "9", measures: 2, exchanges: 3, changes: [] })).toBe(
      "Gent: persbericht geanalyseerd — Huurpremie stijgt (2 maatregelen, 3 uitwisselingen)",
    );
    expect(headline("document.redacted", { document: release, revisions: [1, 2, 4] })).toBe("Gent: persoonsgegevens afgeschermd in persbericht — Huurpremie stijgt (versies 1, 2 en 4)");
    expect(headline("document.redacted", { document: release, revisions: [1] })).toBe("Gent: persoonsgegevens afgeschermd in persbericht — Huurpremie stijgt (versie 1)");
    expect(headline("document.linked", { document: release, backedBy: [{ from: 7, to: 8, confidence: 0.7 }] })).toBe("Gent: persbericht gekoppeld aan een gemeenteraadsbesluit — Huurpremie stijgt");
    expect(headline("document.linked", { document: decision, backedBy: [{ from: 1, to: 8, confidence: 0.7 }, { from: 2, to: 8, confidence: 0.6 }] })).toBe(
      "Kortenberg: gemeenteraadsbesluit gekoppeld aan 2 persberichten — Reglement sociale kruidenier",
    );
    expect(headline("document.linked", { document: release, backedBy: [] })).toBe("Gent: persbericht niet langer gekoppeld aan een gemeenteraadsbesluit — Huurpremie stijgt");
  });

  it("a new measure: its theme and summary", () => {
    expect(headline("measure.created", { measure, document: ref })).toBe("Gent: nieuwe maatregel (wonen en huursubsidie): De stad Gent verhoogt de huurpremie naar 200 euro per maand.");
  });

  it("a changed amount says up or down, from what to what, with the period in Dutch", () => {
    const amounts = (before: string, after: string, periodBefore = "month", periodAfter = periodBefore) => [
      { field: "amounts", before: [{ cents: before, maxCents: null, previousCents: null, period: periodBefore }], after: [{ cents: after, maxCents: null, previousCents: null, period: periodAfter }] },
    ];
    expect(headline("measure.changed", { measure, document: ref, changes: amounts("12000", "15000") })).toBe(
      "Gent: maatregel (wonen en huursubsidie) verhoogd van 120 naar 150 euro per maand — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
    expect(headline("measure.changed", { measure, document: ref, changes: amounts("15050", "12000", "year") })).toBe(
      "Gent: maatregel (wonen en huursubsidie) verlaagd van 150,50 naar 120 euro per jaar — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
    expect(headline("measure.changed", { measure, document: ref, changes: amounts("15000", "180000", "month", "year") })).toBe(
      "Gent: maatregel (wonen en huursubsidie) gewijzigd van 150 euro per maand naar 1.800 euro per jaar — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
    expect(headline("measure.changed", { measure, document: ref, changes: [...amounts("250000000", "300000000", "once"), { field: "action", before: "introduce", after: "increase" }] })).toBe(
      "Gent: maatregel (wonen en huursubsidie) verhoogd van 2.500.000 naar 3.000.000 euro eenmalig (ook actie van invoering naar verhoging) — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
  });

  it("a moved amount does not list the summary that states it; other fields it does", () => {
    const changes = [
      { field: "summary", before: "van 120 naar 150 euro", after: "van 120 naar 200 euro" },
      { field: "amounts", before: [{ cents: "15000", maxCents: null, previousCents: "12000", period: "month" }], after: [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month" }] },
      { field: "endsOn", before: null, after: "2027-12-31" },
    ];
    expect(headline("measure.changed", { measure, document: ref, changes })).toBe(
      "Gent: maatregel (wonen en huursubsidie) verhoogd van 150 naar 200 euro per maand (ook einddatum) — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
  });

  it("a range is compared by its maximum; an amount added or dropped says so", () => {
    const range = [{ cents: "10000", maxCents: "15000", previousCents: null, period: "unknown" }];
    const single = [{ cents: "20000", maxCents: null, previousCents: null, period: "unknown" }];
    expect(headline("measure.changed", { measure, document: ref, changes: [{ field: "amounts", before: range, after: single }] })).toMatch(/^Gent: maatregel \(wonen en huursubsidie\) verhoogd van 100 tot 150 naar 200 euro — /);
    expect(headline("measure.changed", { measure, document: ref, changes: [{ field: "amounts", before: [], after: single }] })).toMatch(/^Gent: maatregel \(wonen en huursubsidie\) bedrag toegevoegd: 200 euro — /);
    expect(headline("measure.changed", { measure, document: ref, changes: [{ field: "amounts", before: range, after: [] }] })).toMatch(
      /^Gent: maatregel \(wonen en huursubsidie\) bedrag geschrapt \(was 100 tot 150 euro\) — /,
    );
  });

  it("a measure changed in other ways lists what changed; a deleted one is no longer stated", () => {
    expect(headline("measure.changed", { measure, document: ref, changes: [{ field: "action", before: "increase", after: "reduce" }, { field: "summary", before: "a", after: "b" }] })).toBe(
      "Gent: maatregel (wonen en huursubsidie) gewijzigd (actie van verhoging naar verlaging, samenvatting) — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
    // Only the amount's earlier figure moved: the main amount is the same, so no "verhoogd".
    expect(
      headline("measure.changed", {
        measure,
        document: ref,
        changes: [{ field: "amounts", before: [{ cents: "20000", maxCents: null, previousCents: "10000", period: "month" }], after: [{ cents: "20000", maxCents: null, previousCents: "12000", period: "month" }] }],
      }),
    ).toBe("Gent: maatregel (wonen en huursubsidie) gewijzigd (bedragen) — De stad Gent verhoogt de huurpremie naar 200 euro per maand.");
    expect(headline("measure.deleted", { measure: { ...measure, theme: "homelessness" }, document: ref })).toBe(
      "Gent: maatregel (dak- en thuisloosheid) niet meer vermeld — De stad Gent verhoogt de huurpremie naar 200 euro per maand.",
    );
  });

  it("sessions and agenda items, with the Brussels day and time", () => {
    const session = { id: 1, uri: "http://data.lblod.info/id/zittingen/1", plannedStart: "2026-10-26T19:00:00.000Z", municipality: GENT };
    expect(headline("session.created", { session })).toBe("Gent: nieuwe zitting op 26 oktober 2026 om 20.00 uur");
    expect(headline("session.updated", { session: { ...session, plannedStart: "2026-07-01T18:30:00.000Z" }, changes: [{ field: "plannedStart", before: null, after: "x" }, { field: "location", before: null, after: "x" }] })).toBe(
      "Gent: zitting van 1 juli 2026 om 20.30 uur gewijzigd (geplande start, locatie)",
    );
    expect(headline("session.created", { session: { ...session, plannedStart: null, municipality: null } })).toBe("Nieuwe zitting");
    const agendaItem = { id: 2, uri: "http://data.lblod.info/id/agendapunten/2", title: "Subsidiereglement voedselhulp", municipality: KORTENBERG };
    expect(headline("agenda_item.created", { agendaItem })).toBe("Kortenberg: nieuw agendapunt — Subsidiereglement voedselhulp");
    expect(headline("agenda_item.updated", { agendaItem, changes: [{ field: "title", before: "a", after: "b" }] })).toBe("Kortenberg: agendapunt gewijzigd — Subsidiereglement voedselhulp (titel)");
  });

  it("an entry without municipality or written by an older release still reads", () => {
    expect(headline("document.created", { document: { ...release, municipality: null } })).toBe("Nieuw persbericht — Huurpremie stijgt");
    expect(writeChangeHeadline({ event: "document.updated", payload: { document: { title: "Oud" } } }, vocabulary)).toBe("Document gewijzigd — Oud");
    expect(writeChangeHeadline({ event: "measure.changed", payload: {} }, vocabulary)).toBe("Maatregel gewijzigd");
  });

  it("long titles are cut at a word", () => {
    const long = `${"woord ".repeat(40)}einde`;
    const cut = quoteForHeadline(long);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toMatch(/^woord( woord)+…$/);
    expect(headline("document.created", { document: { ...release, title: long } })).toBe(`Gent: nieuw persbericht — ${cut}`);
  });
});
