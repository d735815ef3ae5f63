import { governingBodyClassifications } from "../db/reference/governing-body-classifications.js";
import { municipalityRegister } from "../db/reference/municipality-register.js";
import { findProvince, provinces } from "../db/reference/provinces.js";
import { taxonomyV1 } from "../db/reference/themes-v1.js";
import { badUserInput } from "./errors.js";

const NIS = /^\d{5}$/;
const themeCodes = new Set<string>(taxonomyV1.themes.map((t) => t.code));
const bodyTypes = new Set<string>(governingBodyClassifications.map((c) => c.key));

/**
 * NIS codes that exist; an unknown or malformed code is an error, never silently ignored. The
 * register answers, since which municipalities exist does not change while the API runs.
 */
export function checkNisCodes(argument: string, values: readonly string[] | null | undefined): string[] | undefined {
  if (values == null) return undefined;
  for (const nis of values) if (!NIS.test(nis)) throw badUserInput(argument, `a NIS code has five digits, got ${JSON.stringify(nis)}`);
  const unknown = values.filter((nis) => !municipalityRegister().get(nis));
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

export function checkThemeCodes(argument: string, values: readonly string[] | null | undefined): string[] | undefined {
  if (values == null) return undefined;
  for (const code of values) {
    if (!themeCodes.has(code)) throw badUserInput(argument, `unknown theme ${JSON.stringify(code)}; expected one of ${[...themeCodes].join(", ")}`);
  }
  return [...values];
}

export function checkGoverningBodyTypes(argument: string, values: readonly string[] | null | undefined): string[] | undefined {
  if (values == null) return undefined;
  for (const type of values) {
    if (!bodyTypes.has(type)) throw badUserInput(argument, `unknown governing body type ${JSON.stringify(type)}; expected one of ${[...bodyTypes].join(", ")}`);
  }
  return [...values];
}

export function checkDateRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badUserInput("filter.to", `must not be before filter.from (${from}), got ${to}`);
}

/** GraphQL enum values (`COUNCIL_DECISION`) to the database's lower-case words. */
export const enumToDb = (value: string) => value.toLowerCase();
export const dbToEnum = (value: string) => value.toUpperCase();
