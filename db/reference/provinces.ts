/** The five Flemish provinces. Codes are ISO 3166-2 without the `BE-` prefix. */
export const provinces = [
  { code: "VAN", name: "Antwerpen", nis: "10000" },
  { code: "VBR", name: "Vlaams-Brabant", nis: "20001" },
  { code: "VWV", name: "West-Vlaanderen", nis: "30000" },
  { code: "VOV", name: "Oost-Vlaanderen", nis: "40000" },
  { code: "VLI", name: "Limburg", nis: "70000" },
] as const;

export type ProvinceCode = (typeof provinces)[number]["code"];

/** The two leading digits of a municipality's NIS code name its arrondissement, hence its province. */
const provinceByArrondissement: ReadonlyArray<[min: number, max: number, code: ProvinceCode]> = [
  [11, 13, "VAN"],
  [23, 24, "VBR"],
  [31, 38, "VWV"],
  [41, 46, "VOV"],
  [71, 73, "VLI"],
];

/** Province of a Flemish municipality from its NIS code; throws for a code outside Flanders. */
export function provinceOfNis(nis: string): ProvinceCode {
  const arrondissement = Number(nis.slice(0, 2));
  const match = provinceByArrondissement.find(([min, max]) => arrondissement >= min && arrondissement <= max);
  if (!/^[0-9]{5}$/.test(nis) || !match) {
    throw new Error(
      `NIS code ${JSON.stringify(nis)} is not a Flemish municipality (expected 5 digits, 11-13, 23-24, 31-38, 41-46 or 71-73)`,
    );
  }
  return match[2];
}

/**
 * Find a province by code (`VWV`, `BE-VWV`) or Dutch name (`West-Vlaanderen`), ignoring case.
 * Returns undefined when nothing matches.
 */
export function findProvince(codeOrName: string) {
  const wanted = codeOrName.trim().toLowerCase().replace(/^be-/, "");
  return provinces.find((p) => p.code.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
}
