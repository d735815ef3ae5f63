import { z } from "zod";

/**
 * What the LBLOD parser reads from one published page (agenda, besluitenlijst, notulen,
 * uittreksel, or a session index), as plain records keyed by their LBLOD URIs. Parsing is pure:
 * page in, records out. Every record is validated against these schemas before it is stored.
 * Dates and times are ISO 8601 strings: `YYYY-MM-DD` for dates, full timestamps with offset for
 * times (published values without offset are read as Europe/Brussels local time).
 */
const uri = z.string().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateTime = z.string().datetime({ offset: true });

export const documentKinds = ["agenda", "besluitenlijst", "notulen", "uittreksel"] as const;
export const pageKinds = [...documentKinds, "index", "unknown"] as const;

export const lblodAdministrativeUnit = z.object({
  uri,
  label: z.string().nullable(),
  classificationUri: z.string().nullable(),
  /** Label of `besluit:werkingsgebied`: the municipality's name. */
  areaLabel: z.string().nullable(),
});

export const lblodGoverningBody = z.object({
  uri,
  label: z.string().nullable(),
  /** `org:classification` (or the older `besluit:classificatie`) concept URI. */
  classificationUri: z.string().nullable(),
  /** `besluit:bestuurt`. */
  administrativeUnitUri: z.string().nullable(),
  /** `mandaat:isTijdspecialisatieVan`: the abstract body of a time-bound one. */
  abstractBodyUri: z.string().nullable(),
});

export const lblodSession = z.object({
  uri,
  /** `besluit:isGehoudenDoor`. */
  governingBodyUri: z.string().nullable(),
  plannedStart: isoDateTime.nullable(),
  startedAt: isoDateTime.nullable(),
  endedAt: isoDateTime.nullable(),
  location: z.string().nullable(),
  /** `besluit:behandelt`, in document order. */
  agendaItemUris: z.array(uri),
});

export const lblodAgendaItem = z.object({
  uri,
  sessionUri: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** `besluit:geplandOpenbaar`. */
  plannedPublic: z.boolean().nullable(),
  /** 1-based position on the agenda (from `besluit:aangebrachtNa` chains or document order). */
  position: z.number().int().positive().nullable(),
});

export const lblodTreatment = z.object({
  uri,
  /** `dct:subject`. */
  agendaItemUri: z.string().nullable(),
  /** `prov:generated`. */
  decisionUris: z.array(uri),
  /** `besluit:heeftStemming`. */
  voteUris: z.array(uri),
  /** `besluit:openbaar`. */
  public: z.boolean().nullable(),
});

export const lblodDecision = z.object({
  uri,
  title: z.string().nullable(),
  shortTitle: z.string().nullable(),
  description: z.string().nullable(),
  /** `besluit:motivering` as plain text (whitespace collapsed, paragraphs kept as newlines). */
  motivation: z.string().nullable(),
  /** `prov:value` (the operative part) as plain text. */
  operativeText: z.string().nullable(),
  /** `eli:cites` targets, in document order, de-duplicated. */
  legalBasis: z.array(z.string()),
  publicationDate: isoDate.nullable(),
  /** `eli:passed_by`: governing body URI. */
  passedByUri: z.string().nullable(),
  language: z.string().nullable(),
  /** From the treatment that generated it, when the page says. */
  treatmentUri: z.string().nullable(),
  agendaItemUri: z.string().nullable(),
});

export const lblodVote = z.object({
  uri,
  subject: z.string().nullable(),
  /** `besluit:gevolg` as written ("goedgekeurd", …). */
  outcome: z.string().nullable(),
  secret: z.boolean().nullable(),
  countFor: z.number().int().nonnegative().nullable(),
  countAgainst: z.number().int().nonnegative().nullable(),
  countAbstain: z.number().int().nonnegative().nullable(),
  treatmentUri: z.string().nullable(),
  /** Set when the page attaches the vote to the agenda item instead of the treatment. */
  agendaItemUri: z.string().nullable(),
});

export const lblodLink = z.object({
  /** Absolute URL. */
  url: z.string().url(),
  /** publication: `linkToPublication`; agenda…uittreksel: `heeft*`; next-page: index pagination. */
  rel: z.enum(["publication", "agenda", "besluitenlijst", "notulen", "uittreksel", "next-page"]),
});

/**
 * Something the parser mended to read the page as its publisher meant it, counted per kind so that
 * a run can report it as a warning (the page is stored all the same).
 */
export const lblodRepair = z.object({
  /**
   * `iri`: an IRI attribute with spaces or other characters an IRI cannot hold, percent-encoded
   * (`…html# Agendapunt28668` → `…html#%20Agendapunt28668`); `linked-type`: an element that links
   * `about` to a resource and carries `typeof`, read as typing that resource.
   */
  kind: z.enum(["iri", "linked-type"]),
  /** How many times the page needed it. */
  count: z.number().int().positive(),
  /** The first occurrence, as published and as read. */
  example: z.object({ published: z.string(), read: z.string() }),
});

export const lblodPage = z.object({
  url: z.string().url(),
  kind: z.enum(pageKinds),
  sessions: z.array(lblodSession),
  agendaItems: z.array(lblodAgendaItem),
  treatments: z.array(lblodTreatment),
  decisions: z.array(lblodDecision),
  votes: z.array(lblodVote),
  governingBodies: z.array(lblodGoverningBody),
  administrativeUnits: z.array(lblodAdministrativeUnit),
  links: z.array(lblodLink),
  /** What was mended to read the page; empty for a clean page. */
  repairs: z.array(lblodRepair),
});

export type LblodAdministrativeUnit = z.infer<typeof lblodAdministrativeUnit>;
export type LblodGoverningBody = z.infer<typeof lblodGoverningBody>;
export type LblodSession = z.infer<typeof lblodSession>;
export type LblodAgendaItem = z.infer<typeof lblodAgendaItem>;
export type LblodTreatment = z.infer<typeof lblodTreatment>;
export type LblodDecision = z.infer<typeof lblodDecision>;
export type LblodVote = z.infer<typeof lblodVote>;
export type LblodLink = z.infer<typeof lblodLink>;
export type LblodRepair = z.infer<typeof lblodRepair>;
export type LblodPage = z.infer<typeof lblodPage>;
export type DocumentKind = (typeof documentKinds)[number];
