/**
 * The change log in Dutch words: what feeds, change pages and their headlines call a document
 * kind, a field, an action, an amount or a quantity. Pure: no database, no API. Values come from
 * payloads (schema/change-events.ts), possibly written by older releases, so every reader takes
 * unknown input and falls back to the value as it is.
 */
import type { JsonValue } from "./change-events.js";
import { writeBrusselsMoment, writeDutchDay, writeEuroCents } from "./dutch-text.js";

/** A document kind as a Dutch noun (both are het-words: "nieuw persbericht"). */
export const documentKindWords: Record<string, { one: string; many: string }> = {
  council_decision: { one: "gemeenteraadsbesluit", many: "gemeenteraadsbesluiten" },
  press_release: { one: "persbericht", many: "persberichten" },
};

/** The Dutch name of a document kind, or "document" for one this release does not know. */
export const documentKindWord = (kind: string | null | undefined, count = 1): string => {
  const words = kind ? documentKindWords[kind] : undefined;
  if (!words) return count === 1 ? "document" : "documenten";
  return count === 1 ? words.one : words.many;
};

/** Fields of documents, measures, sessions and agenda items as `FieldChange.field` names them. */
const fieldNames: Record<string, string> = {
  // documents (db/write/document-plan.ts: DecisionContent, PressReleaseContent) and analyses
  title: "titel",
  shortTitle: "korte titel",
  description: "beschrijving",
  motivation: "motivering",
  operativeText: "beslissing",
  legalBasis: "rechtsgrond",
  publicationDate: "publicatiedatum",
  isPublic: "openbaarheid",
  sessionStart: "zittingsdatum",
  governingBodyUri: "bestuursorgaan",
  votes: "stemmingen",
  lead: "inleiding",
  text: "tekst",
  publishedAt: "publicatiedatum",
  modifiedAt: "wijzigingsdatum",
  author: "auteur",
  attachments: "bijlagen",
  themes: "thema's",
  // measures (db/write/document-analysis.ts: MEASURE_FIELDS)
  action: "actie",
  summary: "samenvatting",
  amounts: "bedragen",
  quantities: "aantallen",
  startsOn: "startdatum",
  endsOn: "einddatum",
  announcedOn: "aankondigingsdatum",
  theme: "thema",
  // sessions and agenda items (scrapers/lblod/store-page.ts)
  governingBodyId: "bestuursorgaan",
  municipalityNis: "gemeente",
  plannedStart: "geplande start",
  startedAt: "begin",
  endedAt: "einde",
  location: "locatie",
  sessionId: "zitting",
  plannedPublic: "openbaarheid",
  position: "volgorde",
  treatmentUri: "behandeling",
};

/** A field's Dutch name ("operativeText" → "beslissing"); a field this release does not know keeps its own name. */
export const fieldWord = (field: string): string => fieldNames[field] ?? field;

/** The Dutch names of the changed fields, each once, in the order of the changes. */
export function fieldWords(fields: readonly string[]): string[] {
  return [...new Set(fields.map(fieldWord))];
}

/** A measure's action as a Dutch noun. */
const actionNouns: Record<string, string> = {
  introduce: "invoering",
  expand: "uitbreiding",
  increase: "verhoging",
  reduce: "verlaging",
  cut: "besparing",
  end: "stopzetting",
  continue: "voortzetting",
  announce: "aankondiging",
  in_force: "geldende regeling",
};

export const actionWord = (action: string): string => actionNouns[action] ?? action;

/** What an amount's period adds after "euro" (`unknown`: nothing). */
const periodPhrases: Record<string, string> = {
  once: "eenmalig",
  hour: "per uur",
  day: "per dag",
  week: "per week",
  month: "per maand",
  quarter: "per kwartaal",
  school_year: "per schooljaar",
  year: "per jaar",
  // Stored before amounts had `per` (migration 0019); old payloads still say it.
  person: "per persoon",
  unknown: "",
};

/** What an amount's unit adds: whom or what it is for. */
const unitPhrases: Record<string, string> = {
  person: "per persoon",
  child: "per kind",
  household: "per gezin",
  dependant: "per persoon ten laste",
  night: "per nacht",
  meal: "per maaltijd",
  litre: "per liter",
  kilometre: "per kilometer",
  key: "per sleutel",
};

/** A measure's amount as events carry it; every field may be missing in an old payload. */
export interface AmountLike {
  cents?: unknown;
  maxCents?: unknown;
  previousCents?: unknown;
  period?: unknown;
  per?: unknown;
}

const isCents = (value: unknown): value is string => typeof value === "string" && /^-?\d+$/.test(value);

/** "150 euro per maand", "100 tot 150 euro per jaar", "2.500 euro eenmalig", "95 euro per kind per jaar"; undefined when it holds no amount. */
export function writeAmount(amount: AmountLike): string | undefined {
  if (!isCents(amount.cents)) return undefined;
  const figure = isCents(amount.maxCents) && amount.maxCents !== amount.cents ? `${writeEuroCents(amount.cents)} tot ${writeEuroCents(amount.maxCents)}` : writeEuroCents(amount.cents);
  const unit = typeof amount.per === "string" ? (unitPhrases[amount.per] ?? "") : "";
  const period = typeof amount.period === "string" ? (periodPhrases[amount.period] ?? "") : "";
  return [`${figure} euro`, unit, period].filter(Boolean).join(" ");
}

/** An amount with what it was before, as the text stated it: "150 euro per maand (was 120 euro)". */
function writeAmountWithPrevious(amount: AmountLike): string | undefined {
  const written = writeAmount(amount);
  if (!written || !isCents(amount.previousCents)) return written;
  return `${written} (was ${writeEuroCents(amount.previousCents)} euro)`;
}

/** The figure an amount is compared by: its maximum for a range. */
export function amountSize(amount: AmountLike): bigint | undefined {
  if (!isCents(amount.cents)) return undefined;
  return BigInt(isCents(amount.maxCents) ? amount.maxCents : amount.cents);
}

const unitNouns: Record<string, string> = {
  places: "plaatsen",
  beds: "bedden",
  teams: "teams",
  homes: "woningen",
  persons: "personen",
  children: "kinderen",
  households: "gezinnen",
  meals: "maaltijden",
  parcels: "pakketten",
  staff: "medewerkers",
  jobs: "jobs",
  cases: "dossiers",
  applications: "aanvragen",
  nights: "nachten",
  kilograms: "kilogram",
  hours: "uren",
  percent: "procent",
  "percentage points": "procentpunt",
  fte: "VTE",
};

/** A decimal number as Dutch writes it: "1500000" → "1.500.000", "2.5" → "2,5". */
function writeDutchDecimal(value: string): string {
  const [whole = "", fraction] = value.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ".");
  return fraction ? `${grouped},${fraction}` : grouped;
}

/** A measure's quantity: "48 plaatsen", "20 tot 30 bedden per week". */
function writeQuantity(quantity: Record<string, unknown>): string | undefined {
  const { value, maxValue, unit, per } = quantity;
  if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  const figure = typeof maxValue === "string" && maxValue !== value && /^-?\d+(\.\d+)?$/.test(maxValue) ? `${writeDutchDecimal(value)} tot ${writeDutchDecimal(maxValue)}` : writeDutchDecimal(value);
  const noun = typeof unit === "string" ? (unitNouns[unit] ?? unit) : "";
  return [figure, noun, typeof per === "string" && per ? per : ""].filter(Boolean).join(" ");
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoMoment = /^\d{4}-\d{2}-\d{2}T/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A field's value as a reader sees it on a change page, so that before and after can be compared
 * word by word: amounts and quantities in Dutch, an action as its noun, days and moments (Brussels
 * time) in Dutch, lists one
 * per line, anything else as JSON text. An empty value is "(leeg)".
 */
export function writeFieldValue(field: string, value: JsonValue | undefined): string {
  if (value === null || value === undefined || value === "") return "(leeg)";
  if (field === "amounts" && Array.isArray(value)) {
    return value.length === 0 ? "(geen bedragen)" : value.map((a) => (isRecord(a) ? (writeAmountWithPrevious(a) ?? JSON.stringify(a)) : JSON.stringify(a))).join("\n");
  }
  if (field === "quantities" && Array.isArray(value)) {
    return value.length === 0 ? "(geen aantallen)" : value.map((q) => (isRecord(q) ? (writeQuantity(q) ?? JSON.stringify(q)) : JSON.stringify(q))).join("\n");
  }
  if (field === "action" && typeof value === "string") return actionWord(value);
  if (typeof value === "string") {
    if (isoDay.test(value)) {
      try {
        return writeDutchDay(value);
      } catch {
        return value;
      }
    }
    return isoMoment.test(value) && !Number.isNaN(Date.parse(value)) ? writeBrusselsMoment(value) : value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.length === 0 ? "(leeg)" : value.join("\n");
  if (typeof value === "boolean") return value ? "ja" : "nee";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value, null, 2);
}
