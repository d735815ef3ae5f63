import { foldMunicipalityName } from "./municipality-spelling.js";

/**
 * The ways Dutch texts name a municipality: its official name, other spellings of it ("Sint
 * Niklaas", "St.-Niklaas"), and the adjective that goes with it ("Gentse", "Leuvense",
 * "Antwerpse"). "stad X", "gemeente X" and "OCMW X" contain the name itself.
 */
export interface MunicipalityName {
  name: string;
  kind: "official" | "alias" | "adjective";
}

/** Adjectives that do not follow the rules below. */
const irregularAdjectives: Record<string, string[]> = {
  Aalst: ["Aalsterse"],
  Leuven: ["Leuvense"],
  "Sint-Truiden": ["Sint-Truidense", "Truiense"],
  Ninove: ["Ninoofse"],
  Harelbeke: ["Harelbeekse"],
  Roeselare: ["Roeselaarse"],
  "Sint-Niklaas": ["Sint-Niklase"],
  Ronse: ["Ronsische", "Ronsese"],
  Eeklo: ["Eeklose"],
  "Knokke-Heist": ["Knokse"],
  Brugge: ["Brugse"],
  Halle: ["Halse"],
  Tienen: ["Tiense"],
  Diest: ["Diestse", "Diestiaanse"],
  Turnhout: ["Turnhoutse"],
  Herentals: ["Herentalse"],
  Vilvoorde: ["Vilvoordse"],
  Waregem: ["Waregemse"],
  Deinze: ["Deinse"],
  Zottegem: ["Zottegemse"],
  Lokeren: ["Lokerse"],
  Mortsel: ["Mortselse"],
};

/**
 * Names that are also ordinary Dutch words or first names ("boom", "peer", "geel", "Brecht"):
 * they count only where the context says it is the place (see municipalities.ts), and get no
 * generated adjective ("Asse" is another municipality, "Peerse" nobody writes).
 */
export const ambiguousNames = new Set([
  "As", "Boom", "Peer", "Mol", "Ham", "Lint", "Geel", "Hove", "Essen", "Bree", "Putte", "Halle",
  "Brecht", "Balen", "Menen", "Landen", "Halen", "Wellen", "Voeren", "Malle", "Lille", "De Haan",
  "Niel", "Olen", "Kapellen", "Alken", "Melle", "Beerse", "Damme", "Mesen", "Bever",
  "Zele", "Lede", "Heers", "Schilde", "Staden", "Moerbeke", "Horebeke",
]);

/** The adjective by the common rules: Gent → Gentse, Antwerpen → Antwerpse, Oostende → Oostendse. */
function regularAdjective(name: string): string | null {
  if (name.includes(" ")) return null;
  const last = name.split("-").at(-1) ?? name;
  let stem: string;
  if (/[^aeiou]en$/.test(last)) stem = name.slice(0, -2);
  else if (/[^aeiou]e$/.test(last)) stem = name.slice(0, -1);
  else if (/[aeiou]$/.test(last)) return null;
  else stem = name;
  // Brugge → Brugse: a doubled consonant before the ending is written once.
  stem = stem.replace(/([bdfgklmnprt])\1$/, "$1");
  return `${stem}se`;
}

/**
 * The spellings people use instead of a hyphenated official name: spaces for hyphens ("Oud
 * Turnhout", "Sint Niklaas") and the abbreviations of "Sint" ("St.-Niklaas", "St. Niklaas",
 * "St-Niklaas", "St Niklaas"; also inside a name, "Puurs-St.-Amands"). The register recognises
 * any mix of these by their folded key; this list is what the municipality_names table stores.
 */
function aliasesOf(name: string): string[] {
  const spaced = name.replace(/-/g, " ");
  const sint = /(^|[\s-])Sint([\s-])/g;
  const aliases = [spaced];
  if (/(?:^|[\s-])Sint[\s-]/.test(name)) {
    aliases.push(name.replace(sint, "$1St.$2"), spaced.replace(sint, "$1St.$2"), name.replace(sint, "$1St$2"), spaced.replace(sint, "$1St$2"));
  }
  return [...new Set(aliases)].filter((alias) => alias !== name);
}

const foldedNameSets = new WeakMap<ReadonlySet<string>, Set<string>>();

/** The folded keys of a set of names, folded once per set (the register asks 312 times). */
function keysOf(names: ReadonlySet<string>): Set<string> {
  let keys = foldedNameSets.get(names);
  if (!keys) {
    keys = new Set([...names].map(foldMunicipalityName));
    foldedNameSets.set(names, keys);
  }
  return keys;
}

/**
 * Every name of one municipality, given all official names: the official one, its aliases and
 * its adjectives (an adjective never spells another municipality's name).
 */
export function namesOfMunicipality(name: string, officialNames: ReadonlySet<string>): MunicipalityName[] {
  const names: MunicipalityName[] = [{ name, kind: "official" }, ...aliasesOf(name).map((alias) => ({ name: alias, kind: "alias" as const }))];
  if (ambiguousNames.has(name)) return names;
  const officialKeys = keysOf(officialNames);
  const adjectives = irregularAdjectives[name] ?? [regularAdjective(name)];
  for (const adjective of adjectives) {
    if (adjective && !officialKeys.has(foldMunicipalityName(adjective))) names.push({ name: adjective, kind: "adjective" });
  }
  return names;
}
