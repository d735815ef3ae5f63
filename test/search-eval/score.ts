import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { DbHandle } from "../../db/client.js";
import { listDocuments } from "../../db/queries/documents.js";
import { syncSources } from "../../db/queries/sources.js";
import { readLabelledParagraphs } from "../normalise-eval/score.js";
import { writeRelease } from "../helpers/document-writes.js";

/** One query of queries.yaml: what a reader types and the excerpts (ids of the real sets) they expect in the top 10. */
export interface SearchQuery {
  query: string;
  expected: string[];
  note?: string;
}

export interface SearchEvaluation {
  queries: number;
  /** Of all results in the top 10 of every query, the share that was expected. */
  precisionAt10: number;
  /** Of all expected excerpts of every query, the share found in its top 10. */
  recallAt10: number;
  /** Queries with expected excerpts that found none of them. */
  emptyHanded: string[];
  perQuery: { query: string; found: string[]; missing: string[]; unexpected: string[] }[];
}

export function readSearchQueries(): SearchQuery[] {
  return (parse(readFileSync(join(import.meta.dirname, "queries.yaml"), "utf8")) as SearchQuery[]).map((q) => ({ ...q, query: String(q.query), expected: (q.expected ?? []).map(String) }));
}

const NOW = new Date("2026-11-30T12:00:00Z");

/**
 * Store the 83 real excerpts the queries were judged on (r001–r045, q001–q038 of
 * test/normalise-eval/real-*.yaml) as documents whose URI is `eval:<id>`. Excerpts added later are
 * left out: no query says whether they are relevant, so they would count as wrong hits.
 */
export async function loadRealExcerpts(db: DbHandle): Promise<number> {
  const judged = (id: string) => /^r0(?:[0-3]\d|4[0-5])$|^q0(?:[0-2]\d|3[0-8])$/.test(id);
  const excerpts = [...readLabelledParagraphs("real-tuning.yaml"), ...readLabelledParagraphs("real-retired.yaml")].filter((p) => judged(p.id));
  await syncSources(db.db, [{ id: "eval:real-excerpts", kind: "listing", name: "Real excerpts of the evaluation sets", startUrl: "http://127.0.0.1:9/", schedule: "0 0 1 1 *", enabled: false, municipalityNis: null, config: {} }]);
  for (const excerpt of excerpts) {
    await db.db.transaction((tx) =>
      writeRelease(tx, { uri: `eval:${excerpt.id}`, sourceId: "eval:real-excerpts", municipalityNis: excerpt.publisher, content: { title: excerpt.id, lead: null, text: excerpt.text, publishedAt: `${excerpt.date}T00:00:00.000Z`, modifiedAt: null, author: null, attachments: [] } }, NOW),
    );
  }
  return excerpts.length;
}

/** Run every query as the API's `documents(filter: {search})` ordered by relevance, first page of 10. */
export async function evaluateSearch(db: DbHandle, queries: readonly SearchQuery[]): Promise<SearchEvaluation> {
  let returned = 0;
  let relevantReturned = 0;
  let expectedTotal = 0;
  const perQuery: SearchEvaluation["perQuery"] = [];
  for (const { query, expected } of queries) {
    const rows = await listDocuments(db.db, { search: query }, { order: "relevance", limit: 10 });
    const found = rows.map((row) => row.uri.replace(/^eval:/, ""));
    const hits = found.filter((id) => expected.includes(id));
    returned += found.length;
    relevantReturned += hits.length;
    expectedTotal += expected.length;
    perQuery.push({ query, found, missing: expected.filter((id) => !found.includes(id)), unexpected: found.filter((id) => !expected.includes(id)) });
  }
  return {
    queries: queries.length,
    precisionAt10: returned === 0 ? 1 : relevantReturned / returned,
    recallAt10: expectedTotal === 0 ? 1 : relevantReturned / expectedTotal,
    emptyHanded: perQuery.filter((q) => q.found.length === 0 && q.missing.length > 0).map((q) => q.query),
    perQuery,
  };
}
