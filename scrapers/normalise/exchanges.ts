import { DUTCH_NUMBER, parseDutchNumber } from "../../schema/dutch-text.js";
import { findAmounts } from "./amounts.js";

/** A learning exchange of a VVSG programme: one municipality shares its approach with another. */
export interface Exchange {
  /** NIS codes, in the order the pair is written. */
  municipalities: [string, string];
  /** The two names as written ("stad Aalst", "Sint-Niklaas"). */
  names: [string, string];
  /** What the pair works on: the text after the colon, up to a bracket, the sentence end or the subsidy. */
  topic: string;
  /** The programme heading above the item ("Uitwisselingsprogramma armoedebestrijding"), or null. */
  programme: string | null;
  /** The edition heading above the item within its programme ("Editie 2024", "Tweede ronde"), or null. */
  edition: string | null;
  /** The granted subsidy in euros, or null when the item names none. */
  subsidy: number | null;
  /** The whole item (without its bullet) and its offsets in the input. */
  text: string;
  start: number;
  end: number;
}

/** A total stated under a listing ("Totaal toegekend: 54.120 euro"), checked against the items above it. */
export interface ExchangeTotal {
  programme: string | null;
  /** null when the total covers every edition of the programme listed above it. */
  edition: string | null;
  /** The total as written, in euros. */
  stated: number;
  /** The sum of the subsidies listed above it; an item without a subsidy counts as 0. */
  sum: number;
  /** The stated total differs from the sum: flagged, never corrected. */
  mismatch: boolean;
  start: number;
  end: number;
}

export interface ExchangeListing {
  exchanges: Exchange[];
  totals: ExchangeTotal[];
}

/** Maps a municipality name as written ("Sint-Niklaas", "stad Aalst") to a NIS code, or null. */
export type ResolveMunicipality = (name: string) => string | null;

interface Span {
  start: number;
  end: number;
}

interface Pair {
  names: [string, string];
  codes: [string, string];
}

/** Where an item's pair is in a segment; `intro` is an edition written before it ("Editie 2024: Aalst-Gent: …"). */
interface ItemHead {
  start: number;
  colon: number;
  pair: Pair;
  intro: string | null;
}

interface Subsidy {
  value: number;
  /** Where the amount, and its label when there is one, start in the input. */
  start: number;
  label: number | null;
}

/** An edition and a pair of names fit in this many characters before the item's colon. */
const HEAD_WINDOW = 160;
const EDITION = String.raw`(?:editie|oproep|ronde|jaargang|lichting)\s+(?:\d{4}(?:\s*[-–/]\s*\d{2,4})?|\d{1,2}|[ivx]+)|\d{4}(?:\s*[-–/]\s*\d{2,4})?|(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|laatste|nieuwe|\d{1,2}(?:e|ste|de))\s+(?:editie|oproep|ronde|lichting)`;
const LABEL = String.raw`(?:toegekende\s+subsidie|subsidiebedrag|subsidie)(?!\p{L})(\s*(?::|=|van|bedraagt))?(?:\s+(?:maximaal|max\.|circa|ca\.))?\s*`;

/** "Editie 2024", "Oproep 2025", "2024", "Tweede ronde", "Ronde 2". */
const editionHeading = new RegExp(`^(?:${EDITION})$`, "iu");
/** "Lerend netwerk woonzorg – editie 2025", "Projectoproep 2024": a programme heading that names its edition. */
const trailingEdition = new RegExp(`^(.+?)[\\s,–—-]+(${EDITION})$`, "iu");
const programmeWord = /programma|uitwissel|lerende?\s+netwerk|oproep|leertraject/iu;
const subsidyLabel = new RegExp(LABEL, "giu");
const subsidyFirst = new RegExp(`^${LABEL}(?:€|eur|\\d)`, "iu");
const totalStart = /^(?:totaal(?:bedrag)?|in totaal|het totaal|totale subsidie)(?!\p{L})/iu;
const bareTotal = new RegExp(`:\\s*(${DUTCH_NUMBER})\\s*\\.?$`, "u");
const bareNumber = new RegExp(`^(?:${DUTCH_NUMBER})(?![\\d\\p{L}])`, "u");
/** Only names, spaces and pair separators before the colon: "Heist-op-den-Berg – Nijlen", "stad Leuven en Mechelen". */
const pairHead = /^\p{L}[\p{L}\s'’.\-–—/&]*$/u;
const strongSeparator = /\s*[–—]\s*|\s+-\s+|\s*\/\s*|\s+(?:en|&)\s+/giu;
/** Where a new item may start inside a line: after a sentence, a semicolon or a bullet. */
const itemBoundary = /([.!?])\s+|;\s*|\s+[•·▪◦‣]\s*|\s+[*–—-]\s+/gu;
const leadingBullet = /^\s*(?:(?:[•·▪◦‣]|[*–—-](?=\s)|\d{1,2}[.)](?=\s))\s*)?/u;
/** A rate is no subsidy, even when it is the last amount of an item. */
const ratePeriods = new Set(["hour", "day", "week", "month"]);

/**
 * The learning exchanges listed in a text ("Aalst-Dendermonde: preventie van uithuiszettingen.
 * Toegekende subsidie: 18.870€"), one item per line or bullet, or several in one paragraph separated
 * by ". " or ";". Each item takes the programme and edition headings above it. A stated total is
 * checked against the subsidies of the items above it in the same programme and edition (or in the
 * whole programme, for a grand total after several editions).
 */
export function findExchanges(text: string, resolve: ResolveMunicipality): ExchangeListing {
  const exchanges: Exchange[] = [];
  const totals: ExchangeTotal[] = [];
  let programme: string | null = null;
  let edition: string | null = null;
  // The item just read: a subsidy on the next line on its own still belongs to it.
  let open: Exchange | null = null;
  for (const line of readLines(text)) {
    const heading = readHeading(text.slice(line.start, line.end));
    if (heading) {
      if (heading.programme !== undefined) programme = heading.programme;
      edition = heading.edition;
      open = null;
      continue;
    }
    for (const segment of splitItems(text, line, resolve)) {
      const body = text.slice(segment.start, segment.end);
      if (open && open.subsidy === null && subsidyFirst.test(body)) {
        open.subsidy = readSubsidy(text, segment.start, segment.end)?.value ?? null;
        open.end = segment.end;
        open.text = text.slice(open.start, open.end);
        open = null;
        continue;
      }
      open = null;
      const head = locateItem(body, resolve);
      if (head) {
        if (head.intro !== null) edition = head.intro;
        const exchange = readExchange(text, segment, head, programme, edition);
        if (exchange) exchanges.push(exchange);
        open = exchange;
        continue;
      }
      const stated = readTotal(body);
      const total = stated === null ? null : checkTotal(exchanges, programme, edition, stated, segment);
      if (total) totals.push(total);
    }
  }
  return { exchanges, totals };
}

/** Non-empty lines without their bullet ("•", "-", "*", "1.") and trailing white space. */
function readLines(text: string): Span[] {
  const lines: Span[] = [];
  for (const match of text.matchAll(/[^\n]+/g)) {
    const lead = match[0].match(leadingBullet)?.[0].length ?? 0;
    const length = match[0].trimEnd().length;
    if (length > lead) lines.push({ start: match.index + lead, end: match.index + length });
  }
  return lines;
}

/** A programme or edition heading: a short line without an amount and with no colon but a trailing one. */
function readHeading(line: string): { programme?: string; edition: string | null } | null {
  const body = line.replace(/\u00ad/g, "").replace(/\s+/g, " ").replace(/\s*:$/, "").trim();
  if (!body || body.includes(":") || findAmounts(body).length > 0) return null;
  const bare = body.replace(/\.$/, "");
  if (editionHeading.test(bare)) return { edition: bare };
  if (/[.!?]$/.test(body) || body.length > 120 || body.split(" ").length > 12 || !programmeWord.test(body)) return null;
  const parts = body.match(trailingEdition);
  if (parts?.[1] && parts[2] && programmeWord.test(parts[1])) return { programme: parts[1], edition: parts[2] };
  return { programme: body, edition: null };
}

/**
 * A line cut where a new item or a total starts after ". ", ";" or a bullet. A cut never falls in a
 * pair before its colon ("Aalst - Gent-Sint-Niklaas:"), and a trailing ";" or "," is dropped.
 */
function splitItems(text: string, line: Span, resolve: ResolveMunicipality): Span[] {
  const body = text.slice(line.start, line.end);
  const segments: Span[] = [];
  const push = (from: number, to: number) => {
    const piece = body.slice(from, to);
    const lead = piece.length - piece.trimStart().length;
    const kept = piece.replace(/[\s;,]+$/, "").length;
    if (kept > lead) segments.push({ start: line.start + from + lead, end: line.start + from + kept });
  };
  // Only the start of what follows a boundary can open an item: a window keeps long lines linear.
  const opening = (at: number) => body.slice(at, at + HEAD_WINDOW);
  let from = 0;
  let current = locateItem(opening(0), resolve);
  for (const match of body.matchAll(itemBoundary)) {
    // A full stop stays with its sentence; a semicolon or bullet goes.
    const cut = match[1] ? match.index + 1 : match.index;
    let next = match.index + match[0].length;
    next += opening(next).match(leadingBullet)?.[0].length ?? 0;
    if (next >= body.length || (current && from + current.colon > cut)) continue;
    const rest = opening(next);
    const item = locateItem(rest, resolve);
    if (!item && !totalStart.test(rest)) continue;
    push(from, cut);
    from = next;
    current = item;
  }
  push(from, body.length);
  return segments;
}

/** The pair that opens a segment, before its colon, possibly after an edition ("Editie 2024: Aalst-Gent: …"). */
function locateItem(segment: string, resolve: ResolveMunicipality): ItemHead | null {
  const colon = segment.indexOf(":");
  if (colon < 0 || colon > HEAD_WINDOW) return null;
  const pair = readPair(segment.slice(0, colon), resolve);
  if (pair) return { start: 0, colon, pair, intro: null };
  const intro = segment.slice(0, colon).trim();
  if (!editionHeading.test(intro)) return null;
  const start = colon + 1 + (segment.slice(colon + 1).length - segment.slice(colon + 1).trimStart().length);
  const inner = segment.indexOf(":", start);
  const introduced = inner < 0 ? null : readPair(segment.slice(start, inner), resolve);
  return introduced ? { start, colon: inner, pair: introduced, intro } : null;
}

/**
 * Two municipalities written as a pair. Names hold hyphens themselves ("Sint-Niklaas-Beveren-Kruibeke-Zwijndrecht"),
 * so every split point is tried and the resolver decides; an en dash, spaced hyphen, "/" or "en" is tried
 * before a bare hyphen. A name that is one municipality ("Merelbeke-Melle"), the same municipality twice or
 * more than one possible split is no pair.
 */
function readPair(head: string, resolve: ResolveMunicipality): Pair | null {
  const written = head.trim();
  if (!written || written.length > 80 || !pairHead.test(written) || resolve(written) !== null) return null;
  for (const separator of [strongSeparator, /-/g]) {
    const pairs: Pair[] = [];
    for (const match of written.matchAll(separator)) {
      const left = written.slice(0, match.index).trim();
      const right = written.slice(match.index + match[0].length).trim();
      const codes = left && right ? [resolve(left), resolve(right)] : [];
      const [a, b] = codes;
      if (a && b && a !== b) pairs.push({ names: [left, right], codes: [a, b] });
    }
    if (pairs.length > 1) return null;
    if (pairs[0]) return pairs[0];
  }
  return null;
}

function readExchange(
  text: string,
  segment: Span,
  head: ItemHead,
  programme: string | null,
  edition: string | null,
): Exchange | null {
  const start = segment.start + head.start;
  const colon = segment.start + head.colon;
  const end = readItemEnd(text, colon + 1, segment.end);
  const subsidy = readSubsidy(text, start, end);
  const topic = readTopic(text, colon + 1, end, subsidy);
  if (!topic) return null;
  const { codes, names } = head.pair;
  return { municipalities: codes, names, topic, programme, edition, subsidy: subsidy?.value ?? null, text: text.slice(start, end), start, end };
}

/** An item is its first sentence and the subsidy or bracketed sentences right after it; later prose is not. */
function readItemEnd(text: string, from: number, end: number): number {
  let stop = sentenceEnd(text, from, end);
  while (stop < end) {
    const next = end - text.slice(stop, end).trimStart().length;
    const rest = text.slice(next, end);
    if (!subsidyFirst.test(rest) && !rest.startsWith("(")) break;
    stop = sentenceEnd(text, next, end);
  }
  return stop;
}

/** Just after the first ".", "!" or "?" outside brackets that is followed by a space and no lower-case letter. */
function sentenceEnd(text: string, from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const ch = text[i];
    if (ch === "(") depth += 1;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === "." || ch === "!" || ch === "?")) {
      let next = i + 1;
      while (next < end && /\s/.test(text[next] ?? "")) next += 1;
      if (next === end || (next > i + 1 && !/\p{Ll}/u.test(text[next] ?? ""))) return i + 1;
    }
  }
  return end;
}

/** The amount after "Toegekende subsidie", "Subsidie" or "Subsidiebedrag"; otherwise the last amount that is no rate. */
function readSubsidy(text: string, start: number, end: number): Subsidy | null {
  const item = text.slice(start, end);
  const amounts = findAmounts(item);
  for (const label of item.matchAll(subsidyLabel)) {
    const at = label.index + label[0].length;
    const amount = amounts.find((a) => a.start === at);
    if (amount) return { value: amount.value, start: start + amount.start, label: start + label.index };
    // "Subsidie: 20.000" without a currency; "subsidie 2024" is a year.
    const bare = item.slice(at).match(bareNumber)?.[0];
    if (bare && (/[:=]/.test(label[1] ?? "") || /\d[.\u00a0 ]\d{3}/.test(bare))) return { value: parseDutchNumber(bare), start: start + at, label: start + label.index };
  }
  const last = amounts.filter((a) => !ratePeriods.has(a.period) && a.per === null).at(-1);
  return last ? { value: last.value, start: start + last.start, label: null } : null;
}

/** The text after the colon up to a bracket, the sentence end or the subsidy ("…, met een subsidie van"). */
function readTopic(text: string, from: number, end: number, subsidy: Subsidy | null): string | null {
  let stop = sentenceEnd(text, from, end);
  const bracket = text.indexOf("(", from);
  if (bracket >= 0 && bracket < stop) stop = bracket;
  const money = subsidy ? (subsidy.label ?? subsidy.start) : -1;
  const byMoney = money >= from && money < stop;
  if (byMoney) stop = money;
  let topic = text.slice(from, stop).replace(/\s+/g, " ").replace(/[\s,;:.–—-]+$/u, "").trim();
  if (byMoney) topic = topic.replace(/[\s,;:–—-]*\b(?:met|voor|goed voor)(?:\s+(?:een|de))?$/iu, "").replace(/[\s,;:–—-]+$/u, "");
  return /\p{L}/u.test(topic) ? topic : null;
}

/** The amount of a total line ("Totaal toegekend: 54.120 euro", "In totaal werd 53.870 euro toegekend"). */
function readTotal(body: string): number | null {
  if (!totalStart.test(body)) return null;
  const amount = findAmounts(body)[0];
  if (amount) return amount.value;
  const bare = body.match(bareTotal)?.[1];
  return bare ? parseDutchNumber(bare) : null;
}

/**
 * A total against the items above it in the same programme and edition; when it does not match them
 * but matches the whole programme, it is the programme's grand total. A total with no item above it
 * ("In totaal trekt Vlaanderen 1 miljoen euro uit") introduces the listing and checks nothing.
 */
function checkTotal(
  exchanges: readonly Exchange[],
  programme: string | null,
  edition: string | null,
  stated: number,
  span: Span,
): ExchangeTotal | null {
  const inProgramme = exchanges.filter((e) => e.programme === programme);
  const inEdition = inProgramme.filter((e) => e.edition === edition);
  const editionSum = sumSubsidies(inEdition);
  const programmeSum = sumSubsidies(inProgramme);
  if (inEdition.length > 0 && (sameAmount(stated, editionSum) || !sameAmount(stated, programmeSum))) {
    return { programme, edition, stated, sum: editionSum, mismatch: !sameAmount(stated, editionSum), ...span };
  }
  if (inProgramme.length === 0) return null;
  return { programme, edition: null, stated, sum: programmeSum, mismatch: !sameAmount(stated, programmeSum), ...span };
}

function sumSubsidies(exchanges: readonly Exchange[]): number {
  return Math.round(exchanges.reduce((sum, e) => sum + (e.subsidy ?? 0), 0) * 100) / 100;
}

function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}
