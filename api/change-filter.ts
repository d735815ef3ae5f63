import type { ChangeFilter } from "../db/queries/change-log.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import { type DocumentKind, documentKinds } from "../schema/change-events.js";
import { checkChangeEntityTypes, checkChangeEvents, checkMeasureActions, checkNisCodes, checkProvinces, checkSearch, checkThemeCodes, enumToDb } from "./arguments.js";
import { badUserInput } from "./errors.js";

/**
 * The one filter on the change log, as every channel receives it: the `changes` query's
 * `ChangeFilter` input, and (with the same names) what feeds, subscriptions and webhooks take.
 * Enum values may come as GraphQL names (`PRESS_RELEASE`) or as stored (`press_release`).
 */
export interface ChangeFilterInput {
  events?: readonly string[] | null;
  entityTypes?: readonly string[] | null;
  municipalities?: readonly string[] | null;
  provinces?: readonly string[] | null;
  themes?: readonly string[] | null;
  kinds?: readonly string[] | null;
  actions?: readonly string[] | null;
  minConfidence?: number | null;
  search?: string | null;
}

/** Check a filter and turn it into the change log's query filter; an unknown value is a BAD_USER_INPUT naming it. */
export function readChangeFilter(input: ChangeFilterInput | null | undefined, register: Pick<MunicipalityRegister, "get">, argument = "filter"): ChangeFilter {
  const f = input ?? {};
  return {
    events: checkChangeEvents(`${argument}.events`, f.events),
    entityTypes: checkChangeEntityTypes(`${argument}.entityTypes`, f.entityTypes),
    municipalities: checkNisCodes(`${argument}.municipalities`, f.municipalities, register),
    provinceCodes: checkProvinces(`${argument}.provinces`, f.provinces),
    themes: checkThemeCodes(`${argument}.themes`, f.themes),
    documentKinds: f.kinds?.map((kind) => checkDocumentKind(`${argument}.kinds`, kind)),
    actions: checkMeasureActions(`${argument}.actions`, f.actions?.map(enumToDb)),
    minConfidence: checkConfidence(`${argument}.minConfidence`, f.minConfidence),
    search: checkSearch(`${argument}.search`, f.search),
  };
}

/** A confidence from 0 to 1, or nothing. */
export function checkConfidence(argument: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw badUserInput(argument, `must be between 0 and 1, got ${value}`);
  return value;
}

function checkDocumentKind(argument: string, value: string): DocumentKind {
  const kind = enumToDb(value);
  if (!(documentKinds as readonly string[]).includes(kind)) throw badUserInput(argument, `unknown kind ${JSON.stringify(value)}; expected one of ${documentKinds.join(", ")}`);
  return kind as DocumentKind;
}
