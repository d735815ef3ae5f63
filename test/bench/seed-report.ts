/**
 * The marker file of a seeded database (.bench/seed-<driver>.json): what the search and filter
 * benchmarks need to know about it, counted in the database itself.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Driver, SeedTarget } from "./seed-database.js";
import { COMMON_TERM, RARE_TERM } from "./seed-vocabulary.js";

export interface SeedMarker {
  driver: Driver;
  documents: number;
  seededAt: string;
  seed: number;
  rareTerm: string;
  commonTerm: string;
  /** Documents whose search_vector matches plainto_tsquery('dutch', term). */
  rareHits: number;
  commonHits: number;
  /** A municipality made by a 2025 merger, with the municipalities merged into it. */
  aMunicipalityWithPredecessors: { nis: string; name: string; predecessors: { nis: string; name: string }[] };
  /** NIS code of the municipality with the most documents. */
  aBigMunicipality: string;
  /** A theme code (current taxonomy) with many documents. */
  aTheme: string;
  elapsedSeconds: number;
  /** Rows per table, and the size of the database. */
  rows: Record<string, number>;
  databaseBytes: number | null;
}

const count = async (target: SeedTarget, text: string, params: unknown[] = []) => Number((await target.query<{ n: string | number }>(text, params))[0]?.n ?? 0);

export async function describeSeed(
  target: SeedTarget,
  run: { documents: number; seed: number; elapsedSeconds: number; tables: readonly string[]; databaseBytes: number | null },
): Promise<SeedMarker> {
  const hits = (term: string) => count(target, "select count(*) as n from documents where search_vector @@ plainto_tsquery('dutch', $1)", [term]);
  const [merger] = await target.query<{ nis: string; name: string; predecessors: { nis: string; name: string }[] | string }>(
    `select s.nis, s.name, json_agg(json_build_object('nis', p.nis, 'name', p.name) order by p.nis) as predecessors
       from municipalities s join municipalities p on p.successor_nis = s.nis and p.nis <> s.nis
      group by s.nis, s.name order by count(*) desc, s.nis limit 1`,
  );
  const [big] = await target.query<{ nis: string }>("select municipality_nis as nis from documents where municipality_nis is not null group by 1 order by count(*) desc, 1 limit 1");
  const [theme] = await target.query<{ code: string }>(
    `select t.code from document_themes dt join themes t on t.id = dt.theme_id
      where t.taxonomy_version = (select max(version) from taxonomy_versions)
      group by t.code order by count(*) desc, t.code limit 1`,
  );
  if (!merger || !big || !theme) throw new Error("the seeded database has no merger, no documents or no themes");
  const rows: Record<string, number> = {};
  for (const table of run.tables) rows[table] = await count(target, `select count(*) as n from ${table}`);
  return {
    driver: target.driver,
    documents: run.documents,
    seededAt: new Date().toISOString(),
    seed: run.seed,
    rareTerm: RARE_TERM,
    commonTerm: COMMON_TERM,
    rareHits: await hits(RARE_TERM),
    commonHits: await hits(COMMON_TERM),
    aMunicipalityWithPredecessors: {
      nis: merger.nis,
      name: merger.name,
      predecessors: typeof merger.predecessors === "string" ? (JSON.parse(merger.predecessors) as { nis: string; name: string }[]) : merger.predecessors,
    },
    aBigMunicipality: big.nis,
    aTheme: theme.code,
    elapsedSeconds: Math.round(run.elapsedSeconds * 10) / 10,
    rows,
    databaseBytes: run.databaseBytes,
  };
}

export function writeMarker(path: string, marker: SeedMarker): void {
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(marker, null, 2)}\n`);
}
