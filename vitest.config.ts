import { defineConfig } from "vitest/config";

/** Tests that need a database run once per database kind: PGlite always, Postgres when configured. */
const databaseSuite = ["test/db/**/*.test.ts", "test/api/**/*.test.ts"];
const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl) {
  console.warn(
    "\n[vangnet] TEST_DATABASE_URL is not set: the database suite runs on PGlite only, not on a Postgres server.\n",
  );
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: databaseSuite } },
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
