import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** The keys the later work relies on: uniqueness of URIs, foreign keys to reference data, checks. */
describe(`data model constraints (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await db.rows(
      `insert into sources (id, kind, name, municipality_nis, start_url, schedule)
       values ('lblod:gent', 'lblod', 'Gent', '44021', 'https://ebesluitvorming.gent.be/zittingen/lijst', '0 2 * * *')`,
    );
  });
  afterAll(() => db.close());

  const insertDocument = (uri: string, nis = "44021", kind = "council_decision") =>
    db.rows(
      `insert into documents (kind, uri, source_id, municipality_nis, title, content_hash)
       values ($1, $2, 'lblod:gent', $3, 'Reglement huursubsidie', 'h1') returning id`,
      [kind, uri, nis],
    );

  it("stores a document once per URI", async () => {
    await insertDocument("http://data.lblod.info/id/besluiten/1");
    await expect(insertDocument("http://data.lblod.info/id/besluiten/1")).rejects.toThrow(
      /documents_uri_unique|duplicate key/,
    );
  });

  it("refuses a document of an unknown municipality or kind", async () => {
    await expect(insertDocument("http://data.lblod.info/id/besluiten/2", "99999")).rejects.toThrow(/foreign key/);
    await expect(insertDocument("http://data.lblod.info/id/besluiten/3", "44021", "tweet")).rejects.toThrow(
      /documents_kind/,
    );
  });

  it("keeps one revision number per document", async () => {
    const [doc] = await insertDocument("http://data.lblod.info/id/besluiten/4");
    const insertRevision = () =>
      db.rows(
        "insert into document_revisions (document_id, revision, content_hash, title, text) values ($1, 1, 'h', 't', 'x')",
        [(doc as { id: number }).id],
      );
    await insertRevision();
    await expect(insertRevision()).rejects.toThrow(/document_revisions_document_revision_key|duplicate key/);
  });

  it("checks measure actions and evidence spans", async () => {
    const [theme] = await db.rows<{ id: number }>("select id from themes where code = 'housing'");
    const insertMeasure = (action: string) =>
      db.rows(
        `insert into measures (fingerprint, municipality_nis, theme_id, action, summary, rules_version)
         values ($1, '44021', $2, $3, 'Gent verhoogt de huurpremie.', 'test') returning id`,
        [`fp-${action}`, theme?.id, action],
      );
    await insertMeasure("increase");
    await expect(insertMeasure("double")).rejects.toThrow(/measures_action/);
  });

  it("does not let an exchange pair a municipality with itself, nor list the same pair twice", async () => {
    const [doc] = await insertDocument("https://www.vvsg.be/nieuws/uitwisseling", "44021", "press_release");
    const insertExchange = (a: string, b: string) =>
      db.rows(
        `insert into exchanges (programme, edition, topic, municipality_a_nis, municipality_b_nis, subsidy_cents,
                                document_id, span_start, span_end, rules_version)
         values ('Lerende netwerken', null, 'preventie van uithuiszettingen', $1, $2, 1887000, $3, 0, 10, 'test')`,
        [a, b, (doc as { id: number }).id],
      );
    await insertExchange("41002", "42006");
    await expect(insertExchange("41002", "42006")).rejects.toThrow(/exchanges_identity_key|duplicate key/);
    await expect(insertExchange("41002", "41002")).rejects.toThrow(/exchanges_pair/);
  });

  it("stores API keys by hash only, with unique prefixes", async () => {
    await db.rows("insert into api_keys (name, prefix, key_hash) values ('newsroom', 'vn_ab12', 'hash-1')");
    await expect(
      db.rows("insert into api_keys (name, prefix, key_hash) values ('other', 'vn_ab12', 'hash-2')"),
    ).rejects.toThrow(/api_keys_prefix_unique|duplicate key/);
    const columns = await db.rows<{ column_name: string }>(
      "select column_name from information_schema.columns where table_name = 'api_keys'",
    );
    expect(columns.map((c) => c.column_name)).not.toContain("key");
  });
});
