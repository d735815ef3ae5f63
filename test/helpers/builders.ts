// Builders of test data (Outline's `buildDocument(overrides)`): each writes the rows of one thing
// straight through the drizzle tables, with defaults for whatever a test leaves out, appends the
// change the store appends when it first writes such a thing, and returns the row it wrote. They
// run no scraper, parser or analysis: a test states the data it needs.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { hashContent } from "../../db/content-hash.js";
import { appendChange } from "../../db/queries/change-log.js";
import { documentRefOf, readAgendaItemSubject, readDocumentSubject, readMeasureSubjects, readSessionSubject } from "../../db/queries/event-subjects.js";
import type { Transaction } from "../../db/client.js";
import type { ChangeEntry } from "../../schema/change-events.js";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import { councilDecisions, documentMunicipalities, documentPages, documentRevisions, documents, pressReleases } from "../../db/tables/documents.js";
import { exchanges } from "../../db/tables/exchanges.js";
import { type amountPeriods, type amountUnits, documentLinks, measureAmounts, measureEvidence, type measureActions, measureQuantities, measures } from "../../db/tables/measures.js";
import { administrativeUnits, governingBodies } from "../../db/tables/organisations.js";
import { agendaItems, sessions } from "../../db/tables/sessions.js";
import { scrapeRuns, sources } from "../../db/tables/sources.js";
import { documentThemes, themes } from "../../db/tables/themes.js";
import { votes } from "../../db/tables/votes.js";
import { brusselsDayOf } from "../../schema/dutch-text.js";

/** When built rows were seen, unless a test says otherwise: the fixtures' fixed clock. */
export const BUILT_AT = new Date("2026-11-20T12:00:00Z");
/** Publication time of a built document unless a test says otherwise. */
const PUBLISHED_AT = new Date("2026-11-02T09:00:00Z");
const RULES_VERSION = "builder";

let serial = 0;
/** A number no other built row of this test file has, for unique URIs and ids. */
const nextSerial = () => ++serial;

type SourceRow = typeof sources.$inferSelect;
type ScrapeRunRow = typeof scrapeRuns.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
type MeasureRow = typeof measures.$inferSelect;

async function inserted<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`building ${what}: the insert returned no row`);
  return row;
}

/** A source; by default an enabled listing of no municipality that has never run. */
export function buildSource(db: Database, overrides: Partial<typeof sources.$inferInsert> = {}): Promise<SourceRow> {
  const n = nextSerial();
  return inserted(
    db
      .insert(sources)
      .values({ id: `news:built-${n}`, kind: "listing", name: `Bron ${n}`, startUrl: `http://127.0.0.1:9/bron-${n}`, schedule: "0 * * * *", config: {}, ...overrides })
      .returning(),
    "a source",
  );
}

/** The source a built row names, created (as a source of no municipality) when it is not there yet. */
async function ensureSource(db: Database, id: string, kind: string): Promise<void> {
  await db.insert(sources).values({ id, kind, name: id, startUrl: `http://127.0.0.1:9/${id}`, schedule: "0 3 * * *", config: {} }).onConflictDoNothing();
}

/**
 * A run of a source (created when missing): by default a manual run that started and finished
 * at BUILT_AT with status `ok`, nothing counted, no errors. A `running` run has no end.
 */
export async function buildScrapeRun(db: Database, overrides: Partial<typeof scrapeRuns.$inferInsert> & { sourceId: string }): Promise<ScrapeRunRow> {
  await ensureSource(db, overrides.sourceId, "lblod");
  const startedAt = overrides.startedAt ?? BUILT_AT;
  const finishedAt = overrides.status === "running" ? null : (overrides.finishedAt ?? startedAt);
  return inserted(
    db
      .insert(scrapeRuns)
      .values({ trigger: "manual", status: "ok", heartbeatAt: finishedAt ?? startedAt, errors: [], warnings: [], ...overrides, startedAt, finishedAt })
      .returning(),
    `a run of ${overrides.sourceId}`,
  );
}

/**
 * Append a change in a transaction of its own, as a writer would in its transaction: the one place
 * where builders write the change log. `make` builds the typed entry from what the tables now hold
 * (the subjects the write path reads, db/queries/event-subjects.ts).
 */
export function buildChange(db: Database, make: (tx: Transaction) => Promise<ChangeEntry>) {
  return db.transaction(async (tx) => appendChange(tx, await make(tx)));
}

/** A theme of a document: its code, and where the evidence is (by default the whole title). */
export interface BuiltTheme {
  code: string;
  score?: number;
  field?: "title" | "text";
  /** The evidence, found in the field; by default the whole field. */
  quote?: string;
}

interface DocumentBase {
  uri?: string;
  /** Created (of no municipality) when missing; by default `news:built` or `lblod:built`. */
  sourceId?: string;
  municipalityNis?: string | null;
  title?: string;
  description?: string | null;
  text?: string;
  html?: string | null;
  language?: string;
  publishedAt?: Date | string | null;
  status?: "active" | "withdrawn";
  piiRedacted?: boolean;
  /** When it was first seen and last updated (and when it was withdrawn). */
  seenAt?: Date;
  /** Pages it was read from; by default its URI, as an article or a decision list. */
  pages?: { url: string; pageKind: string }[];
  themes?: BuiltTheme[];
  /** Municipalities its text mentions. */
  mentions?: { nis: string; mentions?: number }[];
}

export type DecisionOverrides = DocumentBase & Partial<Omit<typeof councilDecisions.$inferInsert, "documentId">>;
export type PressReleaseOverrides = DocumentBase & Partial<Omit<typeof pressReleases.$inferInsert, "documentId">>;
export type DocumentOverrides = (DecisionOverrides & { kind: "council_decision" }) | (PressReleaseOverrides & { kind?: "press_release" });

function spanOf(haystack: string, quote: string, what: string): { start: number; end: number } {
  const start = haystack.indexOf(quote);
  if (start === -1) throw new Error(`building ${what}: ${JSON.stringify(quote)} is not in ${JSON.stringify(haystack)}`);
  return { start, end: start + quote.length };
}

async function themeIdsByCode(db: Database): Promise<Map<string, number>> {
  const rows = await db.select({ id: themes.id, code: themes.code, version: themes.taxonomyVersion }).from(themes);
  return new Map(rows.filter((row) => row.version === currentTaxonomy.version).map((row) => [row.code, row.id]));
}

async function themeIdOf(db: Database, code: string): Promise<number> {
  const id = (await themeIdsByCode(db)).get(code);
  if (id === undefined) throw new Error(`unknown theme ${JSON.stringify(code)}`);
  return id;
}

/**
 * A document as the store holds it: its row, the row of its kind, revision 1, its pages, its
 * publishing and mentioned municipalities, its themes, and the `document.created` change (and
 * `document.withdrawn` for a withdrawn one). Defaults: an active press release published on
 * 2 November 2026, of no municipality, with a title and text of its own. A decision's text is by
 * default its motivation and operative text, as the store joins them.
 */
export async function buildDocument(db: Database, overrides: DocumentOverrides): Promise<DocumentRow> {
  const n = nextSerial();
  const {
    kind = "press_release",
    uri = kind === "council_decision" ? `http://data.lblod.info/id/besluiten/built-${n}` : `https://www.example.org/nieuws/bericht-${n}`,
    sourceId = kind === "council_decision" ? "lblod:built" : "news:built",
    municipalityNis = null,
    title = `Bericht ${n}`,
    description = null,
    html = null,
    language = "nl",
    publishedAt = PUBLISHED_AT,
    status = "active",
    piiRedacted = false,
    seenAt = BUILT_AT,
    pages = [{ url: uri, pageKind: kind === "council_decision" ? "besluitenlijst" : "article" }],
    themes: builtThemes = [],
    mentions = [],
    text: givenText,
    ...specific
  } = overrides;
  const decision = kind === "council_decision" ? (specific as Partial<typeof councilDecisions.$inferInsert>) : undefined;
  const text = givenText ?? ([decision?.motivation, decision?.operativeText].filter(Boolean).join("\n\n") || `Tekst van bericht ${n} over het sociaal beleid.`);
  await ensureSource(db, sourceId, kind === "council_decision" ? "lblod" : "listing");
  const contentHash = hashContent({ title, description, text, specific });
  const document = await inserted(
    db
      .insert(documents)
      .values({
        kind,
        uri,
        sourceId,
        municipalityNis,
        title,
        description,
        text,
        html,
        language,
        publishedAt: publishedAt === null ? null : new Date(publishedAt),
        status,
        withdrawnAt: status === "withdrawn" ? seenAt : null,
        contentHash,
        revision: 1,
        piiRedacted,
        rulesVersion: RULES_VERSION,
        firstSeenAt: seenAt,
        updatedAt: seenAt,
      })
      .returning(),
    `document ${uri}`,
  );
  const documentId = document.id;
  if (kind === "council_decision") await db.insert(councilDecisions).values({ ...specific, documentId });
  else await db.insert(pressReleases).values({ canonicalUrl: uri, ...specific, documentId });
  await db.insert(documentRevisions).values({ documentId, revision: 1, contentHash, title, text, html, fields: { title, description, text, ...specific }, createdAt: seenAt });
  if (pages.length > 0) await db.insert(documentPages).values(pages.map((page) => ({ ...page, documentId, firstSeenAt: seenAt, lastSeenAt: seenAt })));
  const municipalities = [
    ...(municipalityNis ? [{ documentId, municipalityNis, role: "publisher", mentions: 1 }] : []),
    ...mentions.map((m) => ({ documentId, municipalityNis: m.nis, role: "mentioned", mentions: m.mentions ?? 1 })),
  ];
  if (municipalities.length > 0) await db.insert(documentMunicipalities).values(municipalities);
  await buildDocumentThemes(db, document, builtThemes);
  await buildChange(db, async (tx) => ({ event: "document.created", entityId: documentId, runId: null, payload: { document: { ...(await readDocumentSubject(tx, documentId)), status: "active" } } }));
  if (status === "withdrawn") await buildChange(db, async (tx) => ({ event: "document.withdrawn", entityId: documentId, runId: null, payload: { document: await readDocumentSubject(tx, documentId) } }));
  return document;
}

/** Themes the analysis found in a document, with their evidence (by default the whole title). */
export async function buildDocumentThemes(db: Database, document: Pick<DocumentRow, "id" | "uri" | "title" | "text">, built: BuiltTheme[]): Promise<void> {
  if (built.length === 0) return;
  const ids = await themeIdsByCode(db);
  await db.insert(documentThemes).values(
    built.map((theme) => {
      const field = theme.field ?? "title";
      const haystack = field === "title" ? document.title : document.text;
      const span = spanOf(haystack, theme.quote ?? haystack, `the ${theme.code} theme of ${document.uri}`);
      const themeId = ids.get(theme.code);
      if (themeId === undefined) throw new Error(`unknown theme ${JSON.stringify(theme.code)}`);
      return {
        documentId: document.id,
        themeId,
        score: theme.score ?? 0.8,
        evidenceField: field,
        evidenceStart: span.start,
        evidenceEnd: span.end,
        evidenceText: haystack.slice(span.start, span.end),
        rulesVersion: RULES_VERSION,
      };
    }),
  );
}

/** A council decision (see buildDocument): by default of source `lblod:built`. */
export const buildDecision = (db: Database, overrides: DecisionOverrides = {}) => buildDocument(db, { ...overrides, kind: "council_decision" });

/** A press release (see buildDocument): by default of source `news:built`. */
export const buildPressRelease = (db: Database, overrides: PressReleaseOverrides = {}) => buildDocument(db, { ...overrides, kind: "press_release" });

/**
 * The next revision of a document: new title or text (the rest stays), the revision row, and the
 * `document.updated` change. Returns the document as it is now.
 */
export async function buildRevision(db: Database, document: DocumentRow, changes: { title?: string; text?: string; html?: string | null; seenAt?: Date }): Promise<DocumentRow> {
  const { title = document.title, text = document.text, html = document.html, seenAt = BUILT_AT } = changes;
  const revision = document.revision + 1;
  const contentHash = hashContent({ title, description: document.description, text, revision });
  await db.insert(documentRevisions).values({ documentId: document.id, revision, contentHash, title, text, html, fields: { title, description: document.description, text }, createdAt: seenAt });
  const updated = await inserted(
    db.update(documents).set({ title, text, html, contentHash, revision, updatedAt: seenAt }).where(eq(documents.id, document.id)).returning(),
    `revision ${revision} of ${document.uri}`,
  );
  await buildChange(db, async (tx) => ({
    event: "document.updated",
    entityId: document.id,
    runId: null,
    payload: { document: await readDocumentSubject(tx, document.id), changes: [{ field: "text", before: document.text, after: text }] },
  }));
  return updated;
}

/** An amount as a test writes it, in euro; stored in cents. A range is `euro` to `maxEuro`. */
export interface BuiltAmount {
  euro: number;
  maxEuro?: number;
  previousEuro?: number;
  period?: (typeof amountPeriods)[number];
  /** Whom the amount is for; none by default. */
  per?: (typeof amountUnits)[number];
  /** As written in the text; by default "<euro> euro". */
  text?: string;
}

export interface BuiltQuantity {
  value: number;
  max?: number;
  previous?: number;
  unit: string;
  per?: string;
  text?: string;
}

/** A passage of a document that states a measure. */
export interface BuiltEvidence {
  document: Pick<DocumentRow, "id" | "text" | "publishedAt" | "municipalityNis">;
  /** The passage, found in the document's text; by default the whole text. */
  quote?: string;
  /** Where the passage is; by default where the quote is found. */
  spanStart?: number;
  spanEnd?: number;
  confidence?: number;
  amounts?: BuiltAmount[];
  quantities?: BuiltQuantity[];
}

export interface MeasureOverrides {
  /** By default the municipality of the first evidence's document. */
  municipalityNis?: string;
  /** Theme code; `income_support` by default. */
  theme?: string;
  action?: (typeof measureActions)[number];
  /** By default the first evidence's quote. */
  summary?: string;
  fingerprint?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  /** By default the Brussels day of the earliest published evidence. */
  announcedOn?: string | null;
  evidence?: BuiltEvidence[];
}

const cents = (euro: number | undefined) => (euro === undefined ? null : BigInt(Math.round(euro * 100)));

/** A measure with its evidence, amounts and quantities, and its `measure.created` change. */
export async function buildMeasure(db: Database, overrides: MeasureOverrides): Promise<MeasureRow> {
  const n = nextSerial();
  const evidence = (overrides.evidence ?? []).map((piece) => {
    const quote = piece.quote ?? piece.document.text;
    const span = piece.spanStart !== undefined ? { start: piece.spanStart, end: piece.spanEnd ?? piece.spanStart + quote.length } : spanOf(piece.document.text, quote, `evidence of measure ${n}`);
    return { ...piece, quote, span };
  });
  const municipalityNis = overrides.municipalityNis ?? evidence[0]?.document.municipalityNis;
  if (!municipalityNis) throw new Error("building a measure: give a municipalityNis, or evidence in a document of a municipality");
  const published = evidence.map((e) => e.document.publishedAt).filter((d): d is Date => d !== null);
  const earliest = published.length > 0 ? new Date(Math.min(...published.map((d) => d.getTime()))) : null;
  const measure = await inserted(
    db
      .insert(measures)
      .values({
        fingerprint: overrides.fingerprint ?? `built-${n}`,
        municipalityNis,
        themeId: await themeIdOf(db, overrides.theme ?? "income_support"),
        action: overrides.action ?? "introduce",
        summary: overrides.summary ?? evidence[0]?.quote ?? `Maatregel ${n}.`,
        startsOn: overrides.startsOn ?? null,
        endsOn: overrides.endsOn ?? null,
        announcedOn: overrides.announcedOn !== undefined ? overrides.announcedOn : earliest ? brusselsDayOf(earliest) : null,
        rulesVersion: RULES_VERSION,
        firstSeenAt: BUILT_AT,
        updatedAt: BUILT_AT,
      })
      .returning(),
    `measure ${n}`,
  );
  for (const piece of evidence) {
    const row = await inserted(
      db
        .insert(measureEvidence)
        .values({ measureId: measure.id, documentId: piece.document.id, spanStart: piece.span.start, spanEnd: piece.span.end, quote: piece.quote, confidence: piece.confidence ?? 0.9 })
        .returning(),
      `evidence of measure ${n}`,
    );
    const link = { measureId: measure.id, evidenceId: row.id };
    if (piece.amounts?.length) {
      await db.insert(measureAmounts).values(
        piece.amounts.map((a) => ({ ...link, cents: cents(a.euro) as bigint, maxCents: cents(a.maxEuro), previousCents: cents(a.previousEuro), period: a.period ?? "unknown", per: a.per ?? null, text: a.text ?? `${a.euro} euro` })),
      );
    }
    if (piece.quantities?.length) {
      await db.insert(measureQuantities).values(
        piece.quantities.map((q) => ({
          ...link,
          value: String(q.value),
          maxValue: q.max === undefined ? null : String(q.max),
          previousValue: q.previous === undefined ? null : String(q.previous),
          unit: q.unit,
          per: q.per ?? null,
          text: q.text ?? `${q.value} ${q.unit}`,
        })),
      );
    }
  }
  const stating = evidence[0]?.document.id;
  if (stating !== undefined) {
    await buildChange(db, async (tx) => {
      const subject = (await readMeasureSubjects(tx, [measure.id])).get(measure.id);
      if (!subject) throw new Error(`measure ${measure.id} was not built`);
      return { event: "measure.created", entityId: measure.id, runId: null, payload: { measure: subject, document: documentRefOf(await readDocumentSubject(tx, stating)) } };
    });
  }
  return measure;
}

/**
 * A link between two documents: by default `from` is backed by `to` (a release by a decision),
 * with the `document.linked` change of `from`.
 */
export async function buildDocumentLink(
  db: Database,
  link: { from: Pick<DocumentRow, "id" | "municipalityNis">; to: Pick<DocumentRow, "id">; relation?: "backed_by" | "mentions"; confidence?: number },
) {
  const row = await inserted(
    db
      .insert(documentLinks)
      .values({ fromDocumentId: link.from.id, toDocumentId: link.to.id, relation: link.relation ?? "backed_by", confidence: link.confidence ?? 0.8, rulesVersion: RULES_VERSION })
      .returning(),
    "a document link",
  );
  await buildChange(db, async (tx) => ({
    event: "document.linked",
    entityId: link.from.id,
    runId: null,
    payload: { document: await readDocumentSubject(tx, link.from.id), backedBy: [{ from: row.fromDocumentId, to: row.toDocumentId, confidence: row.confidence }] },
  }));
  return row;
}

/** A learning exchange listed in a document, at the passage `quote` of its text. */
export async function buildExchange(
  db: Database,
  exchange: { document: Pick<DocumentRow, "id" | "text">; quote: string; programme: string; edition?: string | null; topic: string; municipalityANis: string; municipalityBNis: string; subsidyEuro?: number },
) {
  const span = spanOf(exchange.document.text, exchange.quote, "an exchange");
  return inserted(
    db
      .insert(exchanges)
      .values({
        programme: exchange.programme,
        edition: exchange.edition ?? null,
        topic: exchange.topic,
        municipalityANis: exchange.municipalityANis,
        municipalityBNis: exchange.municipalityBNis,
        subsidyCents: cents(exchange.subsidyEuro),
        documentId: exchange.document.id,
        spanStart: span.start,
        spanEnd: span.end,
        rulesVersion: RULES_VERSION,
        firstSeenAt: BUILT_AT,
      })
      .returning(),
    "an exchange",
  );
}

/** An administrative unit (`besluit:Bestuurseenheid`); by default a municipality's own. */
export function buildAdministrativeUnit(db: Database, overrides: Partial<typeof administrativeUnits.$inferInsert> = {}) {
  const n = nextSerial();
  return inserted(
    db
      .insert(administrativeUnits)
      .values({ uri: `http://data.lblod.info/id/bestuurseenheden/built-${n}`, label: `Bestuur ${n}`, kind: "gemeente", firstSeenAt: BUILT_AT, ...overrides })
      .returning(),
    "an administrative unit",
  );
}

/** A governing body (`besluit:Bestuursorgaan`); by default a municipal council. */
export function buildGoverningBody(db: Database, overrides: Partial<typeof governingBodies.$inferInsert> = {}) {
  const n = nextSerial();
  return inserted(
    db
      .insert(governingBodies)
      .values({ uri: `http://data.lblod.info/id/bestuursorganen/built-${n}`, label: `Gemeenteraad ${n}`, classificationKey: "gemeenteraad", firstSeenAt: BUILT_AT, ...overrides })
      .returning(),
    "a governing body",
  );
}

/**
 * A session of a governing body (`besluit:Zitting`), by default planned on 26 October 2026 at 20:00
 * in Brussels, with its `session.created` change.
 */
export async function buildSession(db: Database, overrides: Partial<typeof sessions.$inferInsert> = {}) {
  const n = nextSerial();
  const uri = overrides.uri ?? `http://data.lblod.info/id/zittingen/built-${n}`;
  const session = await inserted(
    db
      .insert(sessions)
      .values({ uri, plannedStart: new Date("2026-10-26T19:00:00Z"), contentHash: hashContent(uri), firstSeenAt: BUILT_AT, updatedAt: BUILT_AT, ...overrides })
      .returning(),
    `session ${uri}`,
  );
  await buildChange(db, async (tx) => ({ event: "session.created", entityId: session.id, runId: null, payload: { session: await readSessionSubject(tx, session.id) } }));
  return session;
}

/** An item on a session's agenda (`besluit:Agendapunt`), with its `agenda_item.created` change (of the session's municipality). */
export async function buildAgendaItem(db: Database, overrides: Partial<typeof agendaItems.$inferInsert> = {}) {
  const n = nextSerial();
  const uri = overrides.uri ?? `http://data.lblod.info/id/agendapunten/built-${n}`;
  const item = await inserted(
    db
      .insert(agendaItems)
      .values({ uri, title: `Agendapunt ${n}`, plannedPublic: true, contentHash: hashContent(uri), firstSeenAt: BUILT_AT, updatedAt: BUILT_AT, ...overrides })
      .returning(),
    `agenda item ${uri}`,
  );
  await buildChange(db, async (tx) => ({ event: "agenda_item.created", entityId: item.id, runId: null, payload: { agendaItem: await readAgendaItemSubject(tx, item.id) } }));
  return item;
}

/** A vote on an agenda item (`besluit:Stemming`); by default carried unanimously, by show of hands. */
export function buildVote(db: Database, overrides: Partial<typeof votes.$inferInsert> = {}) {
  const n = nextSerial();
  const uri = overrides.uri ?? `http://data.lblod.info/id/stemmingen/built-${n}`;
  return inserted(
    db
      .insert(votes)
      .values({ uri, outcome: "goedgekeurd", secret: false, countFor: 25, countAgainst: 0, countAbstain: 0, contentHash: hashContent(uri), firstSeenAt: BUILT_AT, updatedAt: BUILT_AT, ...overrides })
      .returning(),
    `vote ${uri}`,
  );
}
