import { taxonomyV1 } from "./themes-v1.js";

/**
 * Theme taxonomy v2: v1's twelve themes unchanged (same codes, labels and anchors), four themes
 * that real texts asked for, and `other`. Of the 83 real excerpts of the evaluation set
 * (test/normalise-eval/REAL.md), 17 state a social measure outside v1: allowances for people with
 * a disability (6), transport for people with reduced mobility (4), digital help (2), integration
 * and Dutch lessons (2), and a few one-offs (social cohesion, waste-tax relief) that `other` holds.
 * A council decision approving a social regulation without a theme of its own is `other` too, so
 * that it is a measure rather than nothing.
 */
export const taxonomyV2 = {
  version: 2,
  releasedOn: "2026-11-30",
  description: "Vangnet taxonomy v2: v1 with disability, mobility, digital inclusion, integration and language, and other.",
  themes: [
    ...taxonomyV1.themes,
    {
      code: "disability",
      labelNl: "Personen met een handicap",
      labelEn: "Disability",
      descriptionEn: "Local allowances, care and support for people with a disability and their carers.",
      budgetCodes: [],
      povertyRights: ["health", "income"],
    },
    {
      code: "mobility",
      labelNl: "Mobiliteit en vervoer",
      labelEn: "Mobility and transport",
      descriptionEn: "Transport for people with reduced mobility, taxi cheques, reduced-fare passes and mobility help.",
      budgetCodes: [],
      povertyRights: ["participation"],
    },
    {
      code: "digital_inclusion",
      labelNl: "Digitale inclusie",
      labelEn: "Digital inclusion",
      descriptionEn: "Digital help points, digital skills, devices and internet access for people at risk of exclusion.",
      budgetCodes: [],
      povertyRights: ["participation", "education"],
    },
    {
      code: "integration_language",
      labelNl: "Inburgering en taal",
      labelEn: "Integration and language",
      descriptionEn: "Civic integration, Dutch lessons and language support for newcomers.",
      budgetCodes: [],
      povertyRights: ["education", "social_services"],
    },
    {
      code: "other",
      labelNl: "Andere sociale maatregel",
      labelEn: "Other social measure",
      descriptionEn: "A social measure outside the themes above, such as a social regulation approved by the council.",
      budgetCodes: [],
      povertyRights: [],
    },
  ],
} as const;
