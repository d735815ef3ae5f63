/**
 * `npm run bench:seed -- [--documents N] [--driver postgres|pglite] [--reset]`: a realistic,
 * deterministic synthetic Vangnet database for benchmarks (issue 16).
 *
 * Postgres (default): the database of BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/vangnet_bench), created when missing; 1 000 000 documents
 * unless --documents says otherwise. PGlite: the data directory .bench/pglite; 200 000 documents.
 * --reset drops the database (removes the directory) first; without it, a database seeded before
 * with the same N is reused as it is, and one seeded with another N is an error.
 *
 * The project's migrations run first (schema and reference data). Documents (60 % council
 * decisions, 40 % press releases, 2019-01-01 to 2026-11-30, big cities publishing most, merged
 * municipalities before 2025 and their successors after) come with everything the write path
 * stores beside them: decision rows with sessions, agenda items and votes, press-release rows,
 * pages, revisions, themes, mentioned municipalities, measures with evidence and amounts, and the
 * change log. The same seed and N give the same rows. Loading is COPY in batches; the secondary
 * indexes of the loaded tables are built after loading, from their migrated definitions. At the
 * end: VACUUM (ANALYZE), and the marker file .bench/seed-<driver>.json for the search benchmarks.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import { RULES_VERSION } from "../../scrapers/normalise/analyse.js";
import { SeedBatch, BULK_TABLES } from "./seed-batch.js";
import { drawFirstSeenTimes } from "./seed-calendar.js";
import { ChangeLog } from "./seed-change-log.js";
import type { CopyRows } from "./seed-copy.js";
import {
  advanceIdentities, type Driver, dropIndexes, listSecondaryIndexes, migrateDatabase, openTarget, preparePglite, preparePostgres, rebuildIndexes, SEED_STATE_KEY,
  SeedRefused, type SeedTarget,
} from "./seed-database.js";
import { DocumentSeeder, type SeedTheme, type SeedWorld } from "./seed-documents.js";
import { Organisations, Sessions } from "./seed-organisations.js";
import { type Municipality, Places } from "./seed-places.js";
import { Random } from "./seed-random.js";
import { describeSeed, type SeedMarker, writeMarker } from "./seed-report.js";
import { buildVocabulary } from "./seed-vocabulary.js";

const SEED = 20_261_130;
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vangnet_bench";
const DEFAULT_DOCUMENTS: Record<Driver, number> = { postgres: 1_000_000, pglite: 200_000 };
const BATCH: Record<Driver, number> = { postgres: 5_000, pglite: 2_000 };
const BENCH_DIR = join(import.meta.dirname, "..", "..", ".bench");

const say = (line: string) => process.stdout.write(`${line}\n`);

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(0)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

function readOptions(): { driver: Driver; documents: number; reset: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { documents: { type: "string" }, driver: { type: "string", default: "postgres" }, reset: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    throw new SeedRefused((error as Error).message);
  }
  if (values.help) {
    say("npm run bench:seed -- [--documents N] [--driver postgres|pglite] [--reset]");
    process.exit(0);
  }
  const driver = values.driver;
  if (driver !== "postgres" && driver !== "pglite") throw new SeedRefused(`--driver must be postgres or pglite, got "${driver}"`);
  const raw = values.documents?.replace(/[_ ]/g, "");
  if (raw !== undefined && !/^[1-9]\d*$/.test(raw)) throw new SeedRefused(`--documents must be a whole number above 0, got "${values.documents}"`);
  return { driver, documents: raw === undefined ? DEFAULT_DOCUMENTS[driver] : Number(raw), reset: values.reset ?? false };
}

async function readState(target: SeedTarget): Promise<SeedMarker | null> {
  const [row] = await target.query<{ value: string }>("select value from system_state where key = $1", [SEED_STATE_KEY]);
  return row ? (JSON.parse(row.value) as SeedMarker) : null;
}

/** Load every document in batches: a batch's parents (sessions, agenda items, documents), then its children in parallel chains. */
async function loadDocuments(target: SeedTarget, world: SeedWorld, documents: number, batchSize: number): Promise<void> {
  const seeder = new DocumentSeeder(world);
  const loadChain = async (chain: CopyRows[]) => {
    for (const rows of chain) await target.sink.copy(rows);
  };
  const handled = <T>(promise: Promise<T>) => {
    promise.catch(() => {}); // awaited later; this keeps a failure from ending the process before then
    return promise;
  };
  let parentsLoaded: Promise<void> = Promise.resolve();
  let childrenLoaded: Promise<unknown> = Promise.resolve();
  const started = performance.now();
  let rows = 0;
  let lastReport = started;
  for (let start = 0; start < documents; start += batchSize) {
    const end = Math.min(documents, start + batchSize);
    const batch = new SeedBatch();
    for (let i = start; i < end; i++) {
      seeder.write(i, batch);
      // Let the COPYs of the batch before stream while this one is made.
      if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    }
    if (end === documents) world.changeLog.flush(batch.changeLog);
    rows += batch.rowCount;
    if (target.lanes === 1) {
      for (const rowsOfTable of batch.all) await target.sink.copy(rowsOfTable);
    } else {
      await parentsLoaded;
      const parents = handled(loadChain(batch.parents));
      await childrenLoaded;
      parentsLoaded = parents;
      childrenLoaded = handled(parents.then(() => Promise.all(batch.children.map(loadChain))));
    }
    const now = performance.now();
    if (now - lastReport > 5_000 || end === documents) {
      lastReport = now;
      const elapsed = now - started;
      const perSecond = (end / elapsed) * 1000;
      say(
        `  ${end.toLocaleString("en")}/${documents.toLocaleString("en")} documents (${((end / documents) * 100).toFixed(1)} %), ` +
          `${Math.round(perSecond).toLocaleString("en")} documents/s, ${Math.round((rows / elapsed) * 1000).toLocaleString("en")} rows/s, ` +
          `elapsed ${seconds(elapsed)}, ETA ${seconds(((documents - end) / perSecond) * 1000)}`,
      );
    }
  }
  await parentsLoaded;
  await childrenLoaded;
}

async function seed(): Promise<void> {
  const started = performance.now();
  const { driver, documents, reset } = readOptions();
  const location = driver === "postgres" ? (process.env.BENCH_DATABASE_URL ?? DEFAULT_URL) : join(BENCH_DIR, "pglite");
  const markerPath = join(BENCH_DIR, `seed-${driver}.json`);
  if (driver === "postgres") await preparePostgres(location, reset);
  else preparePglite(location, reset);
  const applied = await migrateDatabase(driver, location);
  say(`${driver}: migrated${applied.length ? ` (${applied.length} migrations applied)` : ""}`);
  const target = await openTarget(driver, location);
  try {
    const state = await readState(target);
    if (state) {
      if (state.documents === documents && state.seed === SEED) {
        say(`${target.location} was seeded with ${documents.toLocaleString("en")} documents on ${state.seededAt}: reusing it (pass --reset to seed it again)`);
        writeMarker(markerPath, state);
        return;
      }
      throw new SeedRefused(`${target.location} was seeded with ${state.documents.toLocaleString("en")} documents (seed ${state.seed}), not ${documents.toLocaleString("en")}: pass --reset to seed it again`);
    }
    const [existing] = await target.query<{ n: string | number }>("select count(*) as n from documents");
    if (Number(existing?.n ?? 0) > 0) throw new SeedRefused(`${target.location} holds documents but no completed seed (an interrupted run, or other data): pass --reset`);

    say(`seeding ${documents.toLocaleString("en")} documents into ${target.location}`);
    const municipalities = await target.query<Municipality>(
      `select nis, name, province_code as "provinceCode", valid_from::text as "validFrom", valid_to::text as "validTo", successor_nis as "successorNis" from municipalities order by nis`,
    );
    const themes = await target.query<SeedTheme>("select id::int as id, code, position from themes where taxonomy_version = $1 order by position", [currentTaxonomy.version]);
    const places = new Places(municipalities, SEED);
    const organisations = new Organisations(places, SEED);
    const world: SeedWorld = {
      seed: SEED,
      vocabulary: buildVocabulary(),
      places,
      organisations,
      sessions: new Sessions(SEED),
      themes,
      firstSeen: drawFirstSeenTimes(documents, new Random(SEED, 100)),
      changeLog: new ChangeLog(),
      rulesVersion: RULES_VERSION,
    };
    for (const rows of [organisations.sourceRows, organisations.unitRows, organisations.bodyRows]) await target.sink.copy(rows);
    say(`  ${organisations.sourceRows.size} sources, ${organisations.unitRows.size} administrative units, ${organisations.bodyRows.size} governing bodies`);

    const tables = [...BULK_TABLES, "sources", "administrative_units", "governing_bodies"];
    const indexes = await listSecondaryIndexes(target, tables);
    await dropIndexes(target, indexes);
    say(`  ${indexes.length} secondary indexes set aside until the rows are in`);
    const loadStarted = performance.now();
    await loadDocuments(target, world, documents, BATCH[driver]);
    say(`loaded in ${seconds(performance.now() - loadStarted)}; ${world.sessions.count} sessions, ${world.changeLog.lastSeq.toLocaleString("en")} change-log entries`);

    const indexStarted = performance.now();
    await rebuildIndexes(target, indexes, tables, (index, s) => say(`  index ${index.name} built in ${s.toFixed(1)} s`));
    say(`indexes rebuilt in ${seconds(performance.now() - indexStarted)}, definitions identical to the migrated ones`);
    await advanceIdentities(target, tables);
    const analyzeStarted = performance.now();
    // ANALYZE, and VACUUM as well: it sets the hint bits and the visibility map now, so that neither
    // the first benchmark queries (rewriting every page they read) nor autovacuum (waking up on the
    // inserted rows) distort the timings.
    await target.query("vacuum (analyze)");
    // Lets the server recycle the WAL the load wrote (PGlite keeps it in its data directory).
    await target.query("checkpoint");
    say(`vacuum, analyze and checkpoint in ${seconds(performance.now() - analyzeStarted)}`);

    const [size] = await target.query<{ bytes: string | number }>("select pg_database_size(current_database()) as bytes");
    const marker = await describeSeed(target, { documents, seed: SEED, elapsedSeconds: (performance.now() - started) / 1000, tables, databaseBytes: size ? Number(size.bytes) : null });
    await target.query("insert into system_state (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value, updated_at = now()", [SEED_STATE_KEY, JSON.stringify(marker)]);
    writeMarker(markerPath, marker);
    say(`done in ${seconds(performance.now() - started)}: ${(Number(marker.databaseBytes) / 1024 ** 3).toFixed(2)} GiB; "${marker.rareTerm}" in ${marker.rareHits} documents, "${marker.commonTerm}" in ${marker.commonHits}; ${markerPath}`);
  } finally {
    await target.close();
  }
}

seed().catch((error: unknown) => {
  const text = error instanceof SeedRefused ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`bench:seed: ${text}\n`);
  process.exitCode = 1;
});
