// ESLint with typescript-eslint's type-aware recommended rules. Plain JavaScript packages only,
// so `npm ci` needs no platform-specific binaries.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The layers (README, architecture): schema/ imports nothing of the others; db/ alone speaks SQL
 * (drizzle) and imports no scrapers, api or cli; api/ does not reach into scrapers/; scrapers/ do
 * not import cli/. Each entry is one boundary; a violation fails `npm run lint` and CI.
 */
const drizzle = { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite", "@electric-sql/pglite/*"], message: "SQL lives in db/: add a query function there." };
const layer = (folder, why) => ({ group: [`**/${folder}/*`, `**/${folder}/**`], message: why });
const boundaries = [
  { files: ["schema/**/*.ts"], patterns: [drizzle, layer("db", "schema/ is the public contract: it imports nothing of db/."), layer("api", "schema/ imports nothing of api/."), layer("scrapers", "schema/ imports nothing of scrapers/."), layer("cli", "schema/ imports nothing of cli/.")] },
  { files: ["db/**/*.ts"], patterns: [layer("api", "db/ serves every layer: it imports nothing of api/."), layer("scrapers", "db/ takes what it needs from scrapers/ as arguments (see db/write/document-analyst.ts)."), layer("cli", "db/ imports nothing of cli/.")] },
  { files: ["api/**/*.ts"], patterns: [drizzle, layer("scrapers", "api/ reads what scrapers stored through db/; what it needs of the sources comes through the API context."), layer("cli", "api/ imports nothing of cli/.")] },
  { files: ["scrapers/**/*.ts"], patterns: [drizzle, layer("cli", "scrapers/ are run by cli/, never the other way round: take it as an argument."), layer("api", "scrapers/ import nothing of api/.")] },
  { files: ["cli/**/*.ts"], patterns: [drizzle] },
];

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "db/migrations/", "test/artifacts/", "scratch/", ".baseline/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  ...boundaries.map(({ files, patterns }) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } })),
  {
    // The landing page's scripts run in the browser as classic scripts, with no build step.
    files: ["api/web/public/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    files: ["db/reference/build-municipalities.ts", "scrapers/sources/build-lblod-sites.ts"],
    rules: { "no-console": "off" },
  },
);
