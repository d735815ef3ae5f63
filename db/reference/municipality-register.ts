import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ambiguousNames, type MunicipalityName, namesOfMunicipality } from "./municipality-names.js";
import type { MunicipalityReference } from "./municipality-reference.js";
import { createSpellingPattern, foldMunicipalityName, foldText, originalOffset } from "./municipality-spelling.js";
import { type ProvinceCode, provinceOfNis } from "./provinces.js";

/** One municipality, shaped like a row of the `municipalities` table so that either can be served. */
export interface RegisteredMunicipality {
  /** Five-digit NIS code (REFNIS). */
  nis: string;
  /** Official name, hyphenated as the law writes it ("Sint-Niklaas"). */
  name: string;
  provinceCode: ProvinceCode;
  /** First day of validity (2019-01-01 for the 2019 list, 2025-01-01 for a merger's new code). */
  validFrom: string;
  /** Last day of validity; null while the municipality exists. */
  validTo: string | null;
  /** Municipality that took over after a merger; null when none or when it continued itself. */
  successorNis: string | null;
}

/** What a written name stands for. */
export interface RegisteredName {
  /** Official name of the municipality it names (Hasselt names two: before and after 2025). */
  official: string;
  kind: MunicipalityName["kind"];
  /** Also an ordinary word or first name ("Boom", "Brecht"): a text means the place only where its context says so. */
  ambiguous: boolean;
}

/** A spelling of a registered name found in a text, before its context is judged. */
export interface WrittenName extends RegisteredName {
  /** As written: "Sint Niklaas", "OPWIJK", "Gentse". */
  text: string;
  start: number;
  end: number;
}

/** A row of the `municipality_names` table. */
export interface MunicipalityNameRow extends MunicipalityName {
  nis: string;
}

/** "today" for a lookup without a date: every merger so far has happened. */
const TODAY = "9999-12-31";
/** "stad Gent", "Gemeente Zele", "OCMW Aalst" name the municipality itself (folded keys). */
const unitPrefix = /^(?:stad|gemeente|ocmw)-(?=.)/u;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const referenceRow = z.object({
  nis: z.string().regex(/^\d{5}$/, "expected five digits"),
  name: z.string().trim().min(1),
  province: z.string(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  successor: z.string().regex(/^\d{5}$/, "expected five digits").nullable(),
});

function isValidOn(municipality: RegisteredMunicipality, date: string): boolean {
  return municipality.validFrom <= date && (municipality.validTo === null || date <= municipality.validTo);
}

/**
 * The one place that knows Flemish municipalities: built once from the shipped reference list
 * (`municipalities.json`) and the names module, and used by the scrapers (who published a
 * decision), the analysis (who a text names) and the API (which NIS codes exist, what merged into
 * what). The `municipality_names` table is loaded from it too, so code and database agree.
 *
 * Dates are YYYY-MM-DD; a name resolves to the municipality valid on the date, and a municipality
 * merged away before the date to its successor (Borsbeek in 2026 is Antwerpen, Hasselt before
 * 2025 is 71022 and from 2025 71072). Before a municipality existed its name still means it
 * (Nazareth-De Pinte in 2023 is 44086). A missing date means today.
 */
export class MunicipalityRegister {
  private readonly byNis = new Map<string, RegisteredMunicipality>();
  private readonly rowsByName = new Map<string, RegisteredMunicipality[]>();
  private readonly nameByKey = new Map<string, RegisteredName>();
  private readonly predecessors = new Map<string, RegisteredMunicipality[]>();
  private readonly nameRows: MunicipalityNameRow[] = [];
  private spellingPattern: RegExp | undefined;

  /** Checks the reference as it builds: a bad row throws with its position and field. */
  constructor(reference: readonly MunicipalityReference[]) {
    reference.forEach((raw, index) => {
      const parsed = referenceRow.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`municipality reference, row ${index} (${JSON.stringify(raw)}): ${issue?.path.join(".")}: ${issue?.message}`);
      }
      const row = parsed.data;
      if (this.byNis.has(row.nis)) throw new Error(`municipality reference, row ${index}: NIS ${row.nis} appears twice`);
      const provinceCode = provinceOfNis(row.nis);
      if (row.province !== provinceCode) {
        throw new Error(`municipality reference, row ${index}: ${row.name} (${row.nis}) has province ${row.province}, its NIS code says ${provinceCode}`);
      }
      const municipality = { nis: row.nis, name: row.name, provinceCode, validFrom: row.validFrom, validTo: row.validTo, successorNis: row.successor };
      this.byNis.set(row.nis, municipality);
      this.rowsByName.set(row.name, [...(this.rowsByName.get(row.name) ?? []), municipality]);
    });
    for (const municipality of this.byNis.values()) {
      const successor = municipality.successorNis;
      if (successor === null) continue;
      if (!this.byNis.has(successor)) throw new Error(`municipality reference: successor ${successor} of ${municipality.name} (${municipality.nis}) is not in the list`);
      if (successor !== municipality.nis) this.predecessors.set(successor, [...(this.predecessors.get(successor) ?? []), municipality]);
    }
    const officialNames = new Set(this.rowsByName.keys());
    for (const [official, rows] of this.rowsByName) {
      for (const name of namesOfMunicipality(official, officialNames)) {
        for (const row of rows) this.nameRows.push({ nis: row.nis, ...name });
        if (name.kind === "alias") continue;
        const key = foldMunicipalityName(name.name);
        const known = this.nameByKey.get(key);
        if (known && known.official !== official) {
          throw new Error(`municipality names: "${name.name}" (${official}) is spelled like "${known.official}"'s name (key ${key})`);
        }
        this.nameByKey.set(key, { official, kind: name.kind, ambiguous: ambiguousNames.has(official) });
      }
    }
  }

  /** Every municipality, current and merged, in NIS order. */
  all(): RegisteredMunicipality[] {
    return [...this.byNis.values()].sort((a, b) => a.nis.localeCompare(b.nis));
  }

  get(nis: string): RegisteredMunicipality | undefined {
    return this.byNis.get(nis);
  }

  /** What a written name stands for, however it is spelled ("St.-Niklaas", "sint niklaas", "Gentse"), or undefined. */
  lookUp(written: string): RegisteredName | undefined {
    return this.nameByKey.get(foldMunicipalityName(written));
  }

  /**
   * The municipality a written name (also "stad X", "gemeente X", "OCMW X") stands for on a date,
   * or undefined. An adjective ("Gentse") does not name a municipality on its own.
   */
  resolve(written: string, date: string | null): RegisteredMunicipality | undefined {
    const name = this.nameByKey.get(foldMunicipalityName(written).replace(unitPrefix, ""));
    return name && name.kind !== "adjective" ? this.resolveOfficial(name.official, date) : undefined;
  }

  /** The municipality an official name stands for on a date (see the class comment). */
  resolveOfficial(official: string, date: string | null): RegisteredMunicipality | undefined {
    const rows = this.rowsByName.get(official) ?? [];
    const on = date ?? TODAY;
    const valid = rows.find((row) => isValidOn(row, on));
    if (valid) return valid;
    const ended = rows.find((row) => row.validTo !== null && row.validTo < on);
    if (ended) return this.onDate(ended.nis, on);
    return [...rows].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  }

  /** The municipality `nis` is part of on a date: itself, or the successor it merged into before then. */
  onDate(nis: string, date: string | null): RegisteredMunicipality | undefined {
    const on = date ?? TODAY;
    let current = this.byNis.get(nis);
    while (current?.validTo != null && current.validTo < on && current.successorNis !== null && current.successorNis !== current.nis) {
      current = this.byNis.get(current.successorNis);
    }
    return current;
  }

  /** The municipalities `nis` merged into, in order (Borsbeek: [Antwerpen]); empty for one that never merged. */
  successorsOf(nis: string): RegisteredMunicipality[] {
    const chain: RegisteredMunicipality[] = [];
    for (let current = this.byNis.get(nis); current?.successorNis != null && current.successorNis !== current.nis; ) {
      current = this.byNis.get(current.successorNis);
      if (current) chain.push(current);
    }
    return chain;
  }

  /** The municipalities that merged into `nis` (Nazareth-De Pinte: De Pinte and Nazareth), in NIS order. */
  predecessorsOf(nis: string): RegisteredMunicipality[] {
    return [...(this.predecessors.get(nis) ?? [])].sort((a, b) => a.nis.localeCompare(b.nis));
  }

  /**
   * The municipality that published a document dated `date`: the one named on the page (an
   * administrative unit's label) as it was on that date, else the source's municipality followed
   * to its successor when the date is after a merger. An undated page keeps the source's
   * municipality, since nothing shows it is from after a merger.
   */
  publisherOn(sourceNis: string | null, date: string | null, nameHint: string | null): string | null {
    if (date === null) return sourceNis ?? (nameHint ? (this.resolve(nameHint, null)?.nis ?? null) : null);
    const named = nameHint ? this.resolve(nameHint, date) : undefined;
    if (named) return named.nis;
    return sourceNis === null ? null : (this.onDate(sourceNis, date)?.nis ?? sourceNis);
  }

  /** Every name of every municipality as the `municipality_names` table holds them. */
  names(): MunicipalityNameRow[] {
    return [...this.nameRows];
  }

  /**
   * Every spelling of a registered name in a text, in text order: case, accents, hyphens and
   * "St." folded, a digit allowed to touch it, a letter not. Whether the context means the place
   * is for the caller to judge (scrapers/normalise/municipalities.ts).
   */
  findWrittenNames(text: string): WrittenName[] {
    this.spellingPattern ??= createSpellingPattern(this.nameByKey.keys());
    const folded = foldText(text);
    const found: WrittenName[] = [];
    const keyOf = new Map<string, string>();
    for (const match of folded.folded.matchAll(this.spellingPattern)) {
      let key = keyOf.get(match[0]);
      if (key === undefined) keyOf.set(match[0], (key = foldMunicipalityName(match[0])));
      const name = this.nameByKey.get(key);
      if (!name) continue;
      const start = originalOffset(folded, match.index);
      const end = originalOffset(folded, match.index + match[0].length);
      const written = text.slice(start, end);
      found.push({ ...name, kind: name.kind === "official" && written !== name.official ? "alias" : name.kind, text: written, start, end });
    }
    return found;
  }
}

export function createMunicipalityRegister(reference: readonly MunicipalityReference[]): MunicipalityRegister {
  return new MunicipalityRegister(reference);
}

/** The municipalities shipped with Vangnet (db/reference/municipalities.json), merged ones included. */
export function readMunicipalityReference(): MunicipalityReference[] {
  const file = join(import.meta.dirname, "municipalities.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as MunicipalityReference[];
  } catch (error) {
    throw new Error(`cannot read the municipality reference ${file}: ${(error as Error).message}`, { cause: error });
  }
}

let shared: MunicipalityRegister | undefined;

/** The register of the shipped reference list, built once per process. */
export function municipalityRegister(): MunicipalityRegister {
  shared ??= createMunicipalityRegister(readMunicipalityReference());
  return shared;
}
