import { governingBodyClassifications } from "../db/reference/governing-body-classifications.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import { findProvince, provinces } from "../db/reference/provinces.js";
import { currentTaxonomy } from "../db/reference/taxonomies.js";
import { measureActions } from "../db/tables/measures.js";
import { changeEntityTypes, changeEvents } from "../schema/change-events.js";
import { badUserInput } from "./errors.js";

const NIS = /^\d{5}$/;
const themeCodes = currentTaxonomy.themes.map((t) => t.code);
const bodyTypes = governingBodyClassifications.map((c) => c.key);

/**
 * NIS codes that exist; an unknown or malformed code is an error, never silently ignored. The
 * register of the API context answers (`ctx.municipalities`), since which municipalities exist
 * does not change while the API runs.
 */
export function checkNisCodes(
  argument: string,
  values: readonly string[] | null | undefined,
  register: Pick<MunicipalityRegister, "get">,
): string[] | undefined {
  if (values == null) return undefined;
  for (const nis of values) if (!NIS.test(nis)) throw badUserInput(argument, `a NIS code has five digits, got ${JSON.stringify(nis)}`);
  const unknown = values.filter((nis) => !register.get(nis));
  if (unknown.length > 0) throw badUserInput(argument, `unknown municipality ${unknown.map((u) => JSON.stringify(u)).join(", ")}`);
  return [...values];
}

export function checkProvinces(argument: string, values: readonly string[] | null | undefined): string[] | undefined {
  if (values == null) return undefined;
  return values.map((value) => {
    const match = findProvince(value);
    if (!match) throw badUserInput(argument, `unknown province ${JSON.stringify(value)}; expected one of ${provinces.map((p) => `${p.code} (${p.name})`).join(", ")}`);
    return match.code;
  });
}

/**
 * Values of a closed vocabulary: an unknown one is an error that lists the allowed values, never
 * a filter that silently matches nothing.
 */
function checkKnownValues<T extends string>(argument: string, values: readonly string[] | null | undefined, allowed: readonly T[], noun: string): T[] | undefined {
  if (values == null) return undefined;
  const known = new Set<string>(allowed);
  for (const value of values) {
    if (!known.has(value)) throw badUserInput(argument, `unknown ${noun} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
  }
  return values as T[];
}

export const checkThemeCodes = (argument: string, values: readonly string[] | null | undefined) => checkKnownValues(argument, values, themeCodes, "theme");

export const checkGoverningBodyTypes = (argument: string, values: readonly string[] | null | undefined) =>
  checkKnownValues(argument, values, bodyTypes, "governing body type");

export const checkChangeEvents = (argument: string, values: readonly string[] | null | undefined) => checkKnownValues(argument, values, changeEvents, "event");

/** Actions of measures as stored (`cut`); GraphQL's enum checks its own, a feed's query parameter needs this. */
export const checkMeasureActions = (argument: string, values: readonly string[] | null | undefined) => checkKnownValues(argument, values, measureActions, "action");

export const checkChangeEntityTypes = (argument: string, values: readonly string[] | null | undefined) =>
  checkKnownValues(argument, values, [...changeEntityTypes].sort(), "entity type");

export function checkDateRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badUserInput("filter.to", `must not be before filter.from (${from}), got ${to}`);
}

/** GraphQL enum values (`COUNCIL_DECISION`) to the database's lower-case words. */
export const enumToDb = (value: string) => value.toLowerCase();
export const dbToEnum = (value: string) => value.toUpperCase();

/** Longest full-text search accepted. */
const MAX_SEARCH_LENGTH = 500;

/** A full-text search: trimmed, at most MAX_SEARCH_LENGTH characters; empty means no condition. */
export function checkSearch(argument: string, value: string | null | undefined): string | undefined {
  const search = value?.trim();
  if (search !== undefined && search.length > MAX_SEARCH_LENGTH) throw badUserInput(argument, `at most ${MAX_SEARCH_LENGTH} characters, got ${search.length}`);
  return search || undefined;
}
