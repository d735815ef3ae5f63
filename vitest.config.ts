import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { findChromium } from "./scrapers/fetchers/browser.js";

/** Tests that need a database run once per database kind: PGlite always, Postgres when configured. */
const databaseSuite = ["test/db/**/*.test.ts", "test/api/**/*.test.ts"];
const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl) {
  console.warn(
    "\n[vangnet] TEST_DATABASE_URL is not set: the database suite runs on PGlite only, not on a Postgres server.\n",
  );
}

/**
 * Browser tests run when a Chromium is found and are skipped, with this one notice, when not (a
 * newcomer's machine with only Node). CI sets VANGNET_REQUIRE_BROWSER=1: there a missing browser
 * fails the run, so the browser tests are always proven.
 */
const chromium = findChromium();
if (!chromium) {
  if (process.env.VANGNET_REQUIRE_BROWSER === "1") {
    throw new Error("VANGNET_REQUIRE_BROWSER=1 but no Chromium was found: install Debian's chromium (apt-get install -y chromium) or set PLAYWRIGHT_CHROMIUM_PATH");
  }
  // The configuration is read once per project: say it once.
  if (!process.env.VANGNET_TEST_CHROMIUM_NOTICE) console.warn("\n[vangnet] No Chromium found (install Debian's chromium or set PLAYWRIGHT_CHROMIUM_PATH): the tests that drive a browser are skipped.\n");
  process.env.VANGNET_TEST_CHROMIUM_NOTICE = "shown";
}
process.env.VANGNET_TEST_CHROMIUM = chromium ?? "";

/**
 * graphql ships CommonJS (`main`) and ES modules (`module`). Node, and so the libraries (Apollo,
 * graphql-ws, graphql-tools) and the built program, load the CommonJS one; Vite would give the
 * project's own files the ES one, and a schema from one copy is refused by the other ("Cannot use
 * GraphQLSchema from another module or realm"). Tests load the copy production loads.
 */
const graphqlAsNodeLoadsIt = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlAsNodeLoadsIt }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...databaseSuite, "**/node_modules/**"] } },
      {
        extends: true,
        test: {
          name: "pglite",
          include: databaseSuite,
          env: { VANGNET_TEST_DB: "pglite" },
          globalSetup: ["test/helpers/pglite-template.ts"],
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: { name: "postgres", include: databaseSuite, env: { VANGNET_TEST_DB: "postgres" } },
            },
          ]
        : []),
    ],
  },
});
