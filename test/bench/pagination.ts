/**
 * `npm run bench`: how fast is page 10 000 of `documents` compared with page 1?
 *
 * Seeds 100 010 documents (PGlite in memory, or the Postgres server of BENCH_DATABASE_URL), then
 * times, side by side in one run, the first page (10 rows), page 10 000 reached with a keyset
 * cursor (what the API does), and the same page reached with OFFSET (the usual alternative, for
 * reference). Prints medians and ratios against page 1.
 */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDb } from "../../db/client.js";
import { listDocuments } from "../../db/queries/documents.js";
import { migrate } from "../../db/migrate.js";

const PAGE = 10;
const TARGET_PAGE = 10_000;
const ROWS = PAGE * TARGET_PAGE + PAGE;
const RUNS = 15;

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

const url = process.env.BENCH_DATABASE_URL;
const handle = await createDb(url ? { databaseUrl: url } : { dataDir: "memory://" });
try {
  await migrate(handle);
  const { db } = handle;
  process.stdout.write(`seeding ${ROWS} documents on ${handle.driver}…\n`);
  await db.execute(sql`delete from documents where uri like 'bench:%'`);
  await db.execute(sql`
    insert into documents (kind, uri, title, text, content_hash, published_at)
    select 'press_release', 'bench:' || g, 'Bericht ' || g, 'Tekst van bericht ' || g, md5(g::text),
           timestamptz '2020-01-01' + (g * interval '7 minutes')
    from generate_series(1, ${ROWS}) as g`);
  await db.execute(sql`analyze documents`);

  const pageOne = () => listDocuments(db, {}, { order: "published_desc", limit: PAGE + 1 });
  // The cursor of the last row before page 10 000, as a client would hold it after paging.
  const [before] = await handle.rows<{ id: string; published_at: string }>(
    "select id, to_char(published_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') as published_at from documents order by published_at desc nulls last, id desc offset $1 limit 1",
    [PAGE * (TARGET_PAGE - 1) - 1],
  );
  if (!before) throw new Error("seeding failed: no row before the target page");
  const keysetPage = () => listDocuments(db, {}, { order: "published_desc", limit: PAGE + 1, after: { publishedAt: before.published_at, rank: null, id: Number(before.id) } });
  const offsetPage = () =>
    handle.rows("select * from documents order by published_at desc nulls last, id desc offset $1 limit $2", [PAGE * (TARGET_PAGE - 1), PAGE + 1]);

  const [first, keyset, offset] = [await median(pageOne), await median(keysetPage), await median(offsetPage)];
  const keysetRows = await keysetPage();
  const offsetRows = await offsetPage();
  if (keysetRows[0]?.uri !== (offsetRows[0] as { uri?: string } | undefined)?.uri) throw new Error("keyset and offset pages differ");
  const line = (name: string, ms: number) => `${name.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms   ${(ms / first).toFixed(2).padStart(7)} × page 1`;
  process.stdout.write(
    [
      `documents, ${PAGE} per page, median of ${RUNS} runs (${handle.driver})`,
      line("page 1", first),
      line(`page ${TARGET_PAGE} by keyset cursor (the API)`, keyset),
      line(`page ${TARGET_PAGE} by OFFSET (reference)`, offset),
      "",
    ].join("\n"),
  );
} finally {
  await handle.close();
}
