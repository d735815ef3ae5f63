import type { MunicipalityName } from "../../db/reference/municipality-names.js";
import { type MunicipalityRegister, municipalityRegister, type WrittenName } from "../../db/reference/municipality-register.js";

/** One place in a text that names a municipality, resolved to the NIS code valid on the document's date. */
export interface MunicipalityMention {
  nis: string;
  /** Official name of the resolved municipality. */
  name: string;
  /** As written: "Gentse", "Borsbeek", "Sint Niklaas", "OPWIJK". */
  text: string;
  start: number;
  end: number;
  /** `official` when written exactly as the official name, `alias` for another spelling of it, else `adjective`. */
  kind: MunicipalityName["kind"];
}

export interface MunicipalityCount {
  nis: string;
  name: string;
  mentions: number;
}

/** Words that make a following place name the place, even when the name is also a common word. */
const placeCue = /(?:^|[^\p{L}])(?:stad|gemeente|ocmw|OCMW|Stad|Gemeente|in|te|uit|naar|van|voor|rond|tussen|en|regio|centrum|Centrum|Regio)\s+$/u;
/** Words after which a name in any case is the place: "stad gent", "GEMEENTE ZELE", "ocmw aalst". */
const strongCue = /(?:^|[^\p{L}])(?:stad|gemeente|ocmw)[\s-]+$/iu;
/** "Van Hasselt", "Vanden Bossche", "Katrien De Mol": a surname, not a place. */
const surnameParticle = /(?:^|[^\p{L}])(?:Van|Vande|Vanden|Vander|Ver|Den|Ten|Ter)\s+$|\p{Lu}\p{Ll}+\s+De\s+$/u;
/** "het Franse Lille": a place abroad of the same name. */
const foreignCue = /(?:Franse|Nederlandse|Duitse|Waalse|Frankrijk|Nederland)\s+$/u;
/** Districts and regions named with a municipality's adjective: "Brugse Poort" is in Gent, "Antwerpse Kempen" a region. */
const regionAfterAdjective: Record<string, RegExp> = {
  Brugge: /^\s+poort/iu,
  Antwerpen: /^\s+(?:kempen|haven)/iu,
};
const provinceCue = /provincie\s+$/iu;
/** Arrondissements and regions named after two municipalities: "(regio) Halle-Vilvoorde" is neither. */
const regionNames = /Halle-Vilvoorde/giu;

function inRegionName(text: string, written: WrittenName): boolean {
  // Only the text around the name: a scan of the whole text for every name made long texts quadratic.
  const from = Math.max(0, written.start - 20);
  for (const region of text.slice(from, written.end + 20).matchAll(regionNames)) {
    const start = from + region.index;
    if (start <= written.start && written.end <= start + region[0].length) return true;
  }
  return false;
}
const sentenceStart = /(?:^|[.!?:;•\n]\s*|^\s*)$/u;

/**
 * Every municipality a Dutch text names, in text order, resolved on `date` (YYYY-MM-DD; null
 * means today) through the register: Borsbeek in 2026 is Antwerpen. Names are found however they
 * are spelled (see MunicipalityRegister.findWrittenNames), except that a name starting with a
 * lower-case letter counts only after "stad", "gemeente" or "OCMW", since "lier", "landen" and
 * "boom" are words too. Names that are also words or first names (Boom, Geel, Brecht) count only
 * when written as the official name in the context of a place.
 */
export function findMunicipalityMentions(text: string, date: string | null, register: MunicipalityRegister = municipalityRegister()): MunicipalityMention[] {
  const mentions: MunicipalityMention[] = [];
  for (const written of register.findWrittenNames(text)) {
    if (!isPlace(text, written)) continue;
    const municipality = register.resolveOfficial(written.official, date);
    if (!municipality) continue;
    mentions.push({ nis: municipality.nis, name: municipality.name, text: written.text, start: written.start, end: written.end, kind: written.kind });
  }
  return mentions;
}

/** Whether the context of a written name means the place. */
function isPlace(text: string, written: WrittenName): boolean {
  const before = text.slice(Math.max(0, written.start - 30), written.start);
  if (surnameParticle.test(before) || provinceCue.test(before) || foreignCue.test(before) || inRegionName(text, written)) return false;
  if (written.kind === "adjective" && regionAfterAdjective[written.official]?.test(text.slice(written.end, written.end + 12))) return false;
  if (strongCue.test(before)) return true;
  if (written.ambiguous) return written.kind === "official" && isAmbiguousNameThePlace(text, written, before);
  return /^\p{Lu}/u.test(written.text);
}

/**
 * An ambiguous name ("Boom", "Geel") is the place after a cue ("in", "van", "stad"…), never at
 * the start of a sentence, and mid-sentence unless a surname follows ("Brecht Vermeulen").
 */
function isAmbiguousNameThePlace(text: string, written: WrittenName, before: string): boolean {
  if (placeCue.test(before)) return true;
  if (sentenceStart.test(before)) return false;
  return !/^\s+\p{Lu}\p{Ll}/u.test(text.slice(written.end, written.end + 20));
}

/** Mentions grouped per municipality, most mentioned first (ties in order of first mention). */
export function countMentions(mentions: readonly MunicipalityMention[]): MunicipalityCount[] {
  const counts = new Map<string, MunicipalityCount>();
  for (const mention of mentions) {
    const count = counts.get(mention.nis) ?? { nis: mention.nis, name: mention.name, mentions: 0 };
    count.mentions += 1;
    counts.set(mention.nis, count);
  }
  return [...counts.values()].sort((a, b) => b.mentions - a.mentions);
}
