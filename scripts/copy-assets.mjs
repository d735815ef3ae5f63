// Second step of `npm run build`: copy every file that is not TypeScript (migrations, reference
// data, the GraphQL schema, the landing page's files, fixture pages) from the source folders into
// dist/, beside the compiled JavaScript that reads it relative to its own location.
import { cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const folders = ["api", "cli", "db", "schema", "scrapers", "test/fixtures"];

for (const folder of folders) {
  const from = join(root, folder);
  if (!existsSync(from)) continue;
  cpSync(from, join(root, "dist", folder), {
    recursive: true,
    filter: (source) => !source.endsWith(".ts"),
  });
}

// When the build last finished: the tests compare it with the sources' times (test/helpers/run-cli.ts).
writeFileSync(join(root, "dist", ".built"), `${new Date().toISOString()}\n`);
