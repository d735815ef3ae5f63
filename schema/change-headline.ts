/**
 * A change in one Dutch line, for a feed entry's title and a change page's heading, built from the
 * typed payload (schema/change-events.ts) alone: "Gent: maatregel (wonen en huursubsidie) verhoogd
 * van 150 naar 200 euro per maand — …", "Kortenberg: gemeenteraadsbesluit gewijzigd — Reglement
 * (tekst, titel)". Pure. Payloads written by older releases may lack fields: every part falls
 * back to less, never to an error.
 */
import type { FieldChange } from "./change-events.js";
import { type AmountLike, actionWord, amountSize, documentKindWord, fieldWords, writeAmount } from "./change-wording.js";
import { writeBrusselsMoment, writeDutchDay } from "./dutch-text.js";

/** What the headline needs of an entry: its event and payload, as stored. */
export interface HeadlineEntry {
  event: string;
  payload: unknown;
}

/** Words the headline takes from reference data that schema/ cannot import. */
export interface HeadlineVocabulary {
  /** The Dutch label of a theme code ("housing" → "Wonen en huursubsidie"), or undefined when unknown. */
  themeLabel(code: string): string | undefined;
}

/** Longest quoted title or summary, in characters; longer ones are cut at a word and end in "…". */
export const HEADLINE_QUOTE_MAX_CHARS = 160;

const SEPARATOR = " — ";

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim().replace(/\s+/g, " ") : undefined);

/** A title or summary shortened to the limit at a word boundary. */
export function quoteForHeadline(value: string, max = HEADLINE_QUOTE_MAX_CHARS): string {
  const flat = value.trim().replace(/\s+/g, " ");
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

const capitalise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** "Gent: " before what happened, or nothing when the entry names no municipality. */
function withPlace(municipality: unknown, what: string, quote?: string): string {
  const name = isRecord(municipality) ? text(municipality.name) : undefined;
  const line = quote ? `${what}${SEPARATOR}${quoteForHeadline(quote)}` : what;
  return name ? `${name}: ${line}` : capitalise(line);
}

function changedFields(payload: Loose): string[] {
  const changes = Array.isArray(payload.changes) ? (payload.changes as unknown[]) : [];
  return changes.flatMap((c) => (isRecord(c) && typeof c.field === "string" ? [c.field] : []));
}

const listInParentheses = (words: string[]) => (words.length > 0 ? ` (${words.join(", ")})` : "");

/** "1 maatregel", "2 maatregelen": a count with its noun. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "1 en 2", "1, 2 en 3". */
function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items.at(-1)}`;
}

function documentHeadline(event: string, payload: Loose): string {
  const document = isRecord(payload.document) ? payload.document : {};
  const kind = documentKindWord(text(document.kind));
  const title = text(document.title);
  const place = document.municipality;
  switch (event) {
    case "document.created":
      return withPlace(place, `nieuw ${kind}`, title);
    case "document.updated":
      return `${withPlace(place, `${kind} gewijzigd`, title)}${listInParentheses(fieldWords(changedFields(payload)))}`;
    case "document.withdrawn":
      return withPlace(place, `${kind} ingetrokken`, title);
    case "document.restored":
      return withPlace(place, `${kind} opnieuw gepubliceerd`, title);
    case "document.analysed": {
      const parts = typeof payload.measures === "number" ? [count(payload.measures, "maatregel", "maatregelen")] : [];
      if (typeof payload.exchanges === "number" && payload.exchanges > 0) parts.push(count(payload.exchanges, "uitwisseling", "uitwisselingen"));
      if (changedFields(payload).includes("themes")) parts.push("thema's gewijzigd");
      return `${withPlace(place, `${kind} geanalyseerd`, title)}${listInParentheses(parts)}`;
    }
    case "document.redacted": {
      const revisions = Array.isArray(payload.revisions) ? payload.revisions.filter((r): r is number => typeof r === "number") : [];
      const which = revisions.length === 0 ? [] : [`${revisions.length === 1 ? "versie" : "versies"} ${joinAnd(revisions.map(String))}`];
      return `${withPlace(place, `persoonsgegevens afgeschermd in ${kind}`, title)}${listInParentheses(which)}`;
    }
    case "document.linked": {
      const links = Array.isArray(payload.backedBy) ? payload.backedBy.length : 0;
      // A release is backed by decisions; a decision backs releases (db/write/document-analysis.ts).
      const other = text(document.kind) === "council_decision" ? "press_release" : "council_decision";
      const what = links === 0 ? `${kind} niet langer gekoppeld aan een ${documentKindWord(other)}` : `${kind} gekoppeld aan ${links === 1 ? `een ${documentKindWord(other)}` : `${links} ${documentKindWord(other, links)}`}`;
      return withPlace(place, what, title);
    }
    default:
      return withPlace(place, `${kind}: ${event}`, title);
  }
}

const amountsOf = (value: unknown): AmountLike[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** The amount a measure is compared by: its largest (as its fingerprint takes it). */
function mainAmount(amounts: AmountLike[]): AmountLike | undefined {
  let best: AmountLike | undefined;
  for (const amount of amounts) {
    const size = amountSize(amount);
    if (size !== undefined && (best === undefined || size > (amountSize(best) as bigint))) best = amount;
  }
  return best;
}

/**
 * How a measure's amounts changed: "verhoogd van 150 naar 200 euro per maand", "verlaagd van …",
 * "gewijzigd van 150 euro per maand naar 1.800 euro per jaar", "bedrag toegevoegd: …",
 * "bedrag geschrapt (was …)"; undefined when the main amount did not move.
 */
function amountMove(change: FieldChange | undefined): string | undefined {
  if (!change) return undefined;
  const before = mainAmount(amountsOf(change.before));
  const after = mainAmount(amountsOf(change.after));
  const writtenBefore = before && writeAmount(before);
  const writtenAfter = after && writeAmount(after);
  if (!writtenBefore && writtenAfter) return `bedrag toegevoegd: ${writtenAfter}`;
  if (writtenBefore && !writtenAfter) return `bedrag geschrapt (was ${writtenBefore})`;
  if (!before || !after || !writtenBefore || !writtenAfter || writtenBefore === writtenAfter) return undefined;
  if (before.period !== after.period) return `gewijzigd van ${writtenBefore} naar ${writtenAfter}`;
  const figureBefore = writtenBefore.split(" euro")[0];
  const direction = (amountSize(after) as bigint) > (amountSize(before) as bigint) ? "verhoogd" : (amountSize(after) as bigint) < (amountSize(before) as bigint) ? "verlaagd" : "gewijzigd";
  return `${direction} van ${figureBefore} naar ${writtenAfter}`;
}

function measureHeadline(event: string, payload: Loose, vocabulary: HeadlineVocabulary): string {
  const measure = isRecord(payload.measure) ? payload.measure : {};
  const themeCode = text(measure.theme);
  const theme = themeCode ? (vocabulary.themeLabel(themeCode) ?? themeCode) : undefined;
  const subject = theme ? `maatregel (${theme.charAt(0).toLowerCase()}${theme.slice(1)})` : "maatregel";
  const summary = text(measure.summary);
  const place = measure.municipality;
  switch (event) {
    case "measure.created":
      return `${withPlace(place, `nieuwe ${subject}`)}${summary ? `: ${quoteForHeadline(summary)}` : ""}`;
    case "measure.changed": {
      const changes = (Array.isArray(payload.changes) ? payload.changes : []).filter((c): c is FieldChange => isRecord(c) && typeof c.field === "string");
      const move = amountMove(changes.find((c) => c.field === "amounts"));
      // The summary is the sentence that states the amount: when the amount moved, it moved with it.
      const others = changes.filter((c) => !move || (c.field !== "amounts" && c.field !== "summary"));
      const words = others.map((c) =>
        c.field === "action" && typeof c.before === "string" && typeof c.after === "string" ? `actie van ${actionWord(c.before)} naar ${actionWord(c.after)}` : fieldWords([c.field])[0] as string,
      );
      const details = [...new Set(words)];
      const what = move ? `${subject} ${move}${details.length ? ` (ook ${details.join(", ")})` : ""}` : `${subject} gewijzigd${listInParentheses(details)}`;
      return withPlace(place, what, summary);
    }
    case "measure.deleted":
      return withPlace(place, `${subject} niet meer vermeld`, summary);
    default:
      return withPlace(place, `${subject}: ${event}`, summary);
  }
}

/** "zitting op 26 oktober 2026 om 20.00 uur", or without a day when it has none. */
function sessionWhen(session: Loose, preposition: string): string {
  const start = text(session.plannedStart);
  if (!start || Number.isNaN(Date.parse(start))) return "";
  return /^\d{4}-\d{2}-\d{2}$/.test(start) ? ` ${preposition} ${writeDutchDay(start)}` : ` ${preposition} ${writeBrusselsMoment(start)}`;
}

function sessionHeadline(event: string, payload: Loose): string {
  const session = isRecord(payload.session) ? payload.session : {};
  if (event === "session.created") return withPlace(session.municipality, `nieuwe zitting${sessionWhen(session, "op")}`);
  if (event === "session.updated") return `${withPlace(session.municipality, `zitting${sessionWhen(session, "van")} gewijzigd`)}${listInParentheses(fieldWords(changedFields(payload)))}`;
  return withPlace(session.municipality, `zitting: ${event}`);
}

function agendaItemHeadline(event: string, payload: Loose): string {
  const item = isRecord(payload.agendaItem) ? payload.agendaItem : {};
  const title = text(item.title);
  if (event === "agenda_item.created") return withPlace(item.municipality, "nieuw agendapunt", title);
  if (event === "agenda_item.updated") return `${withPlace(item.municipality, "agendapunt gewijzigd", title)}${listInParentheses(fieldWords(changedFields(payload)))}`;
  return withPlace(item.municipality, `agendapunt: ${event}`, title);
}

/** The change in one Dutch line (see the module comment). */
export function writeChangeHeadline(entry: HeadlineEntry, vocabulary: HeadlineVocabulary): string {
  const payload = isRecord(entry.payload) ? entry.payload : {};
  const entityType = entry.event.slice(0, entry.event.indexOf("."));
  if (entityType === "document") return documentHeadline(entry.event, payload);
  if (entityType === "measure") return measureHeadline(entry.event, payload, vocabulary);
  if (entityType === "session") return sessionHeadline(entry.event, payload);
  if (entityType === "agenda_item") return agendaItemHeadline(entry.event, payload);
  return capitalise(entry.event);
}
