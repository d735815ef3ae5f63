import { taxonomyV1 } from "./themes-v1.js";
import { taxonomyV2 } from "./themes-v2.js";

/** Every theme taxonomy, oldest first; the database keeps all of them (their themes are versioned rows). */
export const taxonomies = [taxonomyV1, taxonomyV2] as const;

/** The taxonomy the normalisation reads themes with, and the API lists by default. */
export const currentTaxonomy = taxonomyV2;

/** A theme code of the current taxonomy. */
export type ThemeCode = (typeof currentTaxonomy)["themes"][number]["code"];
