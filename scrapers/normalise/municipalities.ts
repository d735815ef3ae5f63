import { ambiguousNames, type MunicipalityName, namesOfMunicipality } from "../../db/reference/municipality-names.js";

/** A municipality of the reference list (db/reference/municipalities.json). */
export interface ReferenceMunicipality {
  nis: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  successor: string | null;
}

/** One place in a text that names a municipality, resolved to the NIS code valid on the document's date. */
export interface MunicipalityMention {
  nis: string;
  /** Official name of the resolved municipality. */
  name: string;
  /** As written: "Gentse", "Borsbeek", "Sint-Niklaas". */
  text: string;
  start: number;
  end: number;
  kind: MunicipalityName["kind"];
}

export interface MunicipalityCount {
  nis: string;
  name: string;
  mentions: number;
}

/** Words that make a following place name the place, even when the name is also a common word. */
const placeCue = /(?:^|[^\p{L}])(?:stad|gemeente|ocmw|OCMW|Stad|Gemeente|in|te|uit|naar|van|voor|rond|tussen|en|regio|centrum|Centrum|Regio)\s+$/u;
/** "Van Hasselt", "Vanden Bossche", "Katrien De Mol": a surname, not a place. */
const surnameParticle = /(?:^|[^\p{L}])(?:Van|Vande|Vanden|Vander|Ver|Den|Ten|Ter)\s+$|\p{Lu}\p{Ll}+\s+De\s+$/u;
/** "het Franse Lille": a place abroad of the same name. */
const foreignCue = /(?:Franse|Nederlandse|Duitse|Waalse|Frankrijk|Nederland)\s+$/u;
/** Names of districts and regions that contain a municipality's adjective: "Brugse Poort" is in Gent. */
const regionAfter: Record<string, RegExp> = {
  Brugse: /^\s+Poort/u,
  Antwerpse: /^\s+(?:Kempen|Haven|haven)/u,
  Limburgse: /^\s+Kempen/u,
};
const provinceCue = /provincie\s+$/iu;
const sentenceStart = /(?:^|[.!?:;•\n]\s*|^\s*)$/u;

/**
 * Finds municipalities in Dutch text. Built once from the reference list; resolving a name by
 * date: the municipality of that name valid on the date; a municipality merged away before the
 * date resolves to its successor (Borsbeek in 2026 is Antwerpen); a name of a merged municipality
 * used before the merger resolves to the new municipality all the same.
 */
export class MunicipalityFinder {
  private readonly pattern: RegExp;
  private readonly rowsByName = new Map<string, ReferenceMunicipality[]>();
  private readonly kindByName = new Map<string, { official: string; kind: MunicipalityName["kind"] }>();
  private readonly byNis: Map<string, ReferenceMunicipality>;

  constructor(rows: readonly ReferenceMunicipality[]) {
    this.byNis = new Map(rows.map((row) => [row.nis, row]));
    const officialNames = new Set(rows.map((row) => row.name));
    for (const row of rows) {
      this.rowsByName.set(row.name, [...(this.rowsByName.get(row.name) ?? []), row]);
      for (const name of namesOfMunicipality(row.name, officialNames)) {
        if (!this.kindByName.has(name.name)) this.kindByName.set(name.name, { official: row.name, kind: name.kind });
      }
    }
    const alternatives = [...this.kindByName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "gu");
  }

  /** Every mention, in text order. `date` (YYYY-MM-DD) picks the municipality valid then; null means today. */
  findMentions(text: string, date: string | null): MunicipalityMention[] {
    const mentions: MunicipalityMention[] = [];
    for (const match of text.matchAll(this.pattern)) {
      const written = match[0];
      const known = this.kindByName.get(written);
      if (!known) continue;
      const before = text.slice(Math.max(0, match.index - 30), match.index);
      if (surnameParticle.test(before) || provinceCue.test(before) || foreignCue.test(before)) continue;
      if (regionAfter[written]?.test(text.slice(match.index + written.length, match.index + written.length + 12))) continue;
      if (ambiguousNames.has(known.official) && !this.isPlaceInContext(text, match.index, written)) continue;
      const row = this.resolve(known.official, date);
      if (!row) continue;
      mentions.push({ nis: row.nis, name: row.name, text: written, start: match.index, end: match.index + written.length, kind: known.kind });
    }
    return mentions;
  }

  /**
   * The NIS code a name (as written, possibly "stad X" or "OCMW X") stands for on a date, or null.
   * Adjectives ("Gentse") are not names of a municipality on their own.
   */
  resolveName(written: string, date: string | null): string | null {
    const name = written.trim().replace(/^(?:stad|gemeente|ocmw)\s+/i, "");
    const known = this.kindByName.get(name) ?? this.kindByName.get(capitalise(name));
    return known && known.kind !== "adjective" ? (this.resolve(known.official, date)?.nis ?? null) : null;
  }

  get(nis: string): ReferenceMunicipality | undefined {
    return this.byNis.get(nis);
  }

  private resolve(officialName: string, date: string | null): ReferenceMunicipality | undefined {
    const rows = this.rowsByName.get(officialName) ?? [];
    const on = date ?? "9999-12-31";
    const valid = rows.find((row) => row.validFrom <= on && (row.validTo === null || on <= row.validTo));
    if (valid) return valid;
    const ended = rows.filter((row) => row.validTo !== null && row.validTo < on);
    if (ended.length > 0) {
      let current: ReferenceMunicipality | undefined = ended[0];
      while (current?.validTo && current.validTo < on && current.successor) current = this.byNis.get(current.successor);
      return current;
    }
    return [...rows].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  }

  /** An ambiguous name ("Boom", "Geel") is the place when a cue precedes it, or mid-sentence and not followed by a surname. */
  private isPlaceInContext(text: string, index: number, written: string): boolean {
    const before = text.slice(Math.max(0, index - 30), index);
    if (placeCue.test(before)) return true;
    if (sentenceStart.test(before)) return false;
    const after = text.slice(index + written.length, index + written.length + 20);
    return !/^\s+\p{Lu}\p{Ll}/u.test(after);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
