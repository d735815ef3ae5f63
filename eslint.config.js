// ESLint with typescript-eslint's type-aware recommended rules. Plain JavaScript packages only,
// so `npm ci` needs no platform-specific binaries.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

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
