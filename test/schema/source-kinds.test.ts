import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getTableConfig, PgDialect } from "drizzle-orm/pg-core";
import { buildSchema, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import { readTypeDefs } from "../../api/type-defs.js";
import { sources } from "../../db/tables/sources.js";
import { documentKindOfSource, sourceKindDocuments, sourceKinds } from "../../schema/source-kinds.js";
import { sourceKindModules } from "../../scrapers/kinds/registry.js";

const migrations = join(import.meta.dirname, "../../db/migrations");

/** The `sources_kind` check of the latest drizzle-kit snapshot: what the migrations leave in a database. */
function migratedKindCheck(): string | undefined {
  const journal = JSON.parse(readFileSync(join(migrations, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  const last = journal.entries.at(-1)?.idx ?? 0;
  const snapshot = JSON.parse(readFileSync(join(migrations, `meta/${String(last).padStart(4, "0")}_snapshot.json`), "utf8"));
  return snapshot.tables["public.sources"]?.checkConstraints?.sources_kind?.value;
}

describe("the kinds of source", () => {
  it("are implemented by one module each, under the same name and yielding the same document kind", () => {
    expect(sourceKindModules.map((kind) => kind.name)).toEqual(sourceKinds);
    for (const kind of sourceKindModules) expect(kind.documentKind).toBe(sourceKindDocuments[kind.name]);
  });

  it("are the values of the GraphQL enum SourceKind", () => {
    const type = buildSchema(readTypeDefs()).getType("SourceKind");
    if (!isEnumType(type)) throw new Error("SourceKind is not an enum");
    expect(type.getValues().map((value) => value.name)).toEqual(sourceKinds.map((kind) => kind.toUpperCase()));
  });

  it("are what the database check allows, in the table and in the latest migration", () => {
    const expected = `"sources"."kind" in (${sourceKinds.map((kind) => `'${kind}'`).join(", ")})`;
    const check = getTableConfig(sources).checks.find((c) => c.name === "sources_kind");
    const declared = new PgDialect().sqlToQuery(check?.value as Parameters<PgDialect["sqlToQuery"]>[0]).sql;
    expect(declared).toBe(expected);
    // A kind added without `npm run db:generate` would be refused by the database.
    expect(migratedKindCheck()).toBe(expected);
  });

  it("say which document kind a source yields, and nothing for a kind Vangnet does not know", () => {
    expect(documentKindOfSource("lblod")).toBe("council_decision");
    expect(documentKindOfSource("listing")).toBe("press_release");
    expect(documentKindOfSource("sparql")).toBeNull();
    expect(documentKindOfSource("toString")).toBeNull();
  });
});
