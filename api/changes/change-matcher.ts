import type { ChangeFilter, ChangeRow } from "../../db/queries/change-log.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";

/** Decides in memory whether a change-log row matches a filter; null when only the database can (a search). */
export type ChangeMatcher = (row: ChangeRow) => boolean;

/**
 * The in-memory twin of the change log's SQL conditions (db/queries/change-log.ts), for the live
 * part of a subscription: the hub reads each new entry once and asks every subscriber's matcher,
 * instead of one query per subscriber per change. It must answer exactly as the SQL does (a test
 * compares both over many filters): a municipality includes those whose successor it is, a
 * province is the province of the entry's municipality, themes match when any is shared, and an
 * entry without the column never matches a condition on it. A `search` needs the documents'
 * full-text index, so a filter with one gets no matcher and its subscriber asks the database.
 */
export function changeMatcherOf(filter: ChangeFilter, register: Pick<MunicipalityRegister, "get">): ChangeMatcher | null {
  if (filter.search) return null;
  const tests: ChangeMatcher[] = [];
  if (filter.events?.length) tests.push(memberOf(filter.events, (row) => row.event));
  if (filter.entityTypes?.length) tests.push(memberOf(filter.entityTypes, (row) => row.entityType));
  if (filter.municipalities?.length) {
    const wanted = new Set(filter.municipalities);
    tests.push((row) => {
      if (row.municipalityNis === null) return false;
      const municipality = register.get(row.municipalityNis);
      if (!municipality) return false;
      return wanted.has(municipality.nis) || (municipality.successorNis !== null && wanted.has(municipality.successorNis));
    });
  }
  if (filter.provinceCodes?.length) {
    const wanted = new Set(filter.provinceCodes);
    tests.push((row) => row.municipalityNis !== null && wanted.has(register.get(row.municipalityNis)?.provinceCode ?? ""));
  }
  if (filter.themes?.length) {
    const wanted = new Set(filter.themes);
    tests.push((row) => (row.themes ?? []).some((theme) => wanted.has(theme)));
  }
  if (filter.documentKinds?.length) tests.push(memberOf(filter.documentKinds, (row) => row.documentKind));
  if (filter.actions?.length) tests.push(memberOf(filter.actions, (row) => row.action));
  // As the SQL compares reals: the filter's value rounded to a real first.
  if (filter.minConfidence !== undefined) {
    const least = Math.fround(filter.minConfidence);
    tests.push((row) => row.confidence !== null && Math.fround(row.confidence) >= least);
  }
  return (row) => tests.every((test) => test(row));
}

function memberOf(values: readonly string[], read: (row: ChangeRow) => string | null): ChangeMatcher {
  const wanted = new Set(values);
  return (row) => {
    const value = read(row);
    return value !== null && wanted.has(value);
  };
}
