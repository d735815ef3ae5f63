const base = "http://data.vlaanderen.be/id/concept/BestuursorgaanClassificatieCode/";

/** Governing-body classifications of the LBLOD vocabulary (domain.md section 3). */
export const governingBodyClassifications = [
  {
    key: "gemeenteraad",
    uri: `${base}5ab0e9b8a3b2ca7c5e000005`,
    labelNl: "Gemeenteraad",
    labelEn: "Municipal council",
  },
  {
    key: "college",
    uri: `${base}5ab0e9b8a3b2ca7c5e000006`,
    labelNl: "College van burgemeester en schepenen",
    labelEn: "Board of mayor and aldermen",
  },
  {
    key: "ocmw_raad",
    uri: `${base}5ab0e9b8a3b2ca7c5e000007`,
    labelNl: "Raad voor maatschappelijk welzijn",
    labelEn: "Social welfare council (OCMW council)",
  },
  { key: "vast_bureau", uri: `${base}5ab0e9b8a3b2ca7c5e000008`, labelNl: "Vast bureau", labelEn: "Standing bureau" },
  {
    key: "bcsd",
    uri: `${base}5ab0e9b8a3b2ca7c5e000009`,
    labelNl: "Bijzonder comité voor de sociale dienst",
    labelEn: "Special committee for social services",
  },
  { key: "burgemeester", uri: `${base}4955bd72cd0e4eb895fdbfab08da0284`, labelNl: "Burgemeester", labelEn: "Mayor" },
] as const;

export type GoverningBodyClassificationKey = (typeof governingBodyClassifications)[number]["key"];
