/**
 * `npm run eval:search`: the Dutch search over the 83 real excerpts, scored against what a reader
 * expects (queries.yaml): precision and recall in the top 10, on PGlite in memory (or the server
 * of TEST_DATABASE_URL). Add `-- --misses` to list each query's misses.
 */
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { evaluateSearch, loadRealExcerpts, readSearchQueries } from "./score.js";

const url = process.env.TEST_DATABASE_URL;
const db = await createDb(url ? { databaseUrl: url } : { dataDir: "memory://" });
try {
  await migrate(db);
  if (url) await db.rows("delete from documents where uri like 'eval:%'");
  const excerpts = await loadRealExcerpts(db);
  const result = await evaluateSearch(db, readSearchQueries());
  const lines = [
    `search over ${excerpts} real excerpts on ${db.driver}: ${result.queries} queries`,
    `precision@10 ${result.precisionAt10.toFixed(3)}  recall@10 ${result.recallAt10.toFixed(3)}  (issue 15: compounds, "X- en Y", plurals)`,
    `queries that found none of what they should: ${result.emptyHanded.length}${result.emptyHanded.length ? ` (${result.emptyHanded.join("; ")})` : ""}`,
  ];
  if (process.argv.includes("--misses")) {
    for (const q of result.perQuery) if (q.missing.length || q.unexpected.length) lines.push(`  ${JSON.stringify(q.query)}: missing [${q.missing.join(", ")}] unexpected [${q.unexpected.join(", ")}]`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await db.close();
}
