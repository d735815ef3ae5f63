import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { diffRevisions } from "../../db/queries/revisions.js";
import { createHttpFetcher } from "../../scrapers/fetchers/http.js";
import { reprocessSource } from "../../scrapers/reprocess.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import { newsSources } from "../../scrapers/sources/news.js";
import { newsSites } from "../fixtures/news/sites.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { buildPdf } from "../helpers/minimal-pdf.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";

const NOW = new Date("2026-11-20T12:00:00Z");

describe(`press-release sources (${testDriver})`, () => {
  let db: TestDb;
  let deps: RunDeps;
  const sites: ReplaySite[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    deps = {
      db: db.db,
      logger: pino({ level: "silent" }),
      municipalities: municipalityRegister(),
      now: () => NOW,
      fetcher: createHttpFetcher({ userAgent: "Vangnet-test/1.0", requestsPerSecondPerHost: 1000, retries: 0, timeoutMs: 2_000 }),
    };
  });
  afterEach(async () => {
    for (const site of sites.splice(0)) await site.close();
  });
  afterAll(() => db.close());

  async function replay(source: SourceDefinition) {
    const fixture = newsSites[source.id];
    if (!fixture) throw new Error(`no fixture for ${source.id}`);
    const site = await startReplaySite(fixture);
    sites.push(site);
    return { site, source: { ...source, startUrl: site.startUrl }, fixture };
  }
  /** Titles of the documents read from pages of a replay site (an article can be shared by two sources). */
  const titlesFrom = async (origin: string) =>
    (
      await db.rows<{ title: string }>(
        "select distinct d.title from documents d join document_pages p on p.document_id = d.id where p.url like $1 order by d.title",
        [`${origin}/%`],
      )
    ).map((r) => r.title);

  it.each(newsSources().map((s) => [s.id, s] as const))("collects %s from its fixture", async (_id, configured) => {
    const { site, source, fixture } = await replay(configured);
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.errors).toEqual([]);
    expect(run.status).toBe("ok");
    expect(await titlesFrom(site.origin)).toEqual([...fixture.titles].sort());
    const [doc] = await db.rows<{ kind: string; municipality_nis: string | null; text: string }>(
      "select d.kind, d.municipality_nis, d.text from documents d join document_pages p on p.document_id = d.id where p.url like $1 limit 1",
      [`${site.origin}/%`],
    );
    expect(doc?.kind).toBe("press_release");
    expect(doc?.municipality_nis).toBe(source.municipalityNis);
    expect(doc?.text).not.toMatch(/cookies|Home|Contact/);
  });

  it("adds the text of PDF attachments to the article", async () => {
    const article = `<!DOCTYPE html><html lang="nl"><body><article><h1>Nieuw reglement huurpremie</h1>
      <p>De gemeenteraad keurde een nieuw reglement voor de huurpremie goed. Lees het volledige reglement hieronder.</p>
      <p><a href="/docs/reglement.pdf">Reglement (pdf)</a></p></article></body></html>`;
    const site = await startReplaySite({
      pages: new Map([
        ["/nieuws", '<div class="news-item"><a href="/nieuws/reglement">Reglement</a></div>'],
        ["/nieuws/reglement", article],
        ["/docs/reglement.pdf", buildPdf(["Reglement huurpremie", "Artikel 1. De premie bedraagt 150 euro per maand."]).toString("latin1")],
      ]),
      startPath: "/nieuws",
    });
    sites.push(site);
    const source = { ...(newsSources().find((s) => s.id === "news:leuven") as SourceDefinition), id: "news:leuven-pdf", startUrl: site.startUrl };
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.errors).toEqual([]);
    const [row] = await db.rows<{ attachments: { url: string; text: string }[] }>(
      "select pr.attachments from press_releases pr join documents d on d.id = pr.document_id where d.uri = $1",
      [`${site.origin}/nieuws/reglement`],
    );
    expect(row?.attachments).toEqual([
      {
        url: `${site.origin}/docs/reglement.pdf`,
        title: "Reglement (pdf)",
        mediaType: "application/pdf",
        text: "Reglement huurpremie\n\nArtikel 1. De premie bedraagt 150 euro per maand.",
      },
    ]);

    // Reprocessing re-reads the stored page, fetches nothing, keeps the PDF text and writes nothing.
    const requests = site.requests.length;
    const changes = await db.rows("select seq from change_log");
    const again = await reprocessSource(source, deps);
    expect(again.errors).toEqual([]);
    expect(again.counts).toMatchObject({ itemsInserted: 0, itemsUpdated: 0, itemsUnchanged: 1 });
    expect(site.requests.length).toBe(requests);
    expect(await db.rows("select seq from change_log")).toEqual(changes);
  });

  it("redacts national register numbers from articles and their PDF attachments", async () => {
    // Synthetic numbers: 97 - (850730033 mod 97) = 28; born 2001: 97 - (2010203123 mod 97) = 45.
    const article = `<article><h1>Klacht over steunaanvraag</h1><p>In de brief stond het rijksregisternummer 85073003328 van de aanvrager, wat niet had gemogen volgens de privacywet.</p><p><a href="/docs/brief.pdf">Brief</a></p></article>`;
    const site = await startReplaySite({
      pages: new Map([
        ["/nieuws", '<div class="news-item"><a href="/nieuws/klacht">Klacht</a></div>'],
        ["/nieuws/klacht", article],
        ["/docs/brief.pdf", buildPdf(["Aanvrager 01.02.03-123.45"]).toString("latin1")],
      ]),
      startPath: "/nieuws",
    });
    sites.push(site);
    const source = { ...(newsSources().find((s) => s.id === "news:kortrijk") as SourceDefinition), id: "news:kortrijk-pii", startUrl: site.startUrl };
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.errors).toEqual([]);
    const [doc] = await db.rows<{ text: string; html: string; pii_redacted: boolean; attachments: { text: string }[] }>(
      "select d.text, d.html, d.pii_redacted, pr.attachments from documents d join press_releases pr on pr.document_id = d.id where d.uri = $1",
      [`${site.origin}/nieuws/klacht`],
    );
    expect(doc?.pii_redacted).toBe(true);
    expect(doc?.text).toContain("het rijksregisternummer [rijksregisternummer verwijderd] van de aanvrager");
    expect(doc?.html).not.toContain("85073003328");
    expect(doc?.attachments[0]?.text).toBe("Aanvrager [rijksregisternummer verwijderd]");
  });

  describe("versions of one article", () => {
    const articlePath = "/nl/nieuws-evenementen/winterplan-extra-nachtopvang";
    const configured = newsSources().find((s) => s.id === "news:gent-rss") as SourceDefinition;
    const count = async (sql: string, params: unknown[]) => (await db.rows<{ n: number }>(sql, params))[0]?.n;
    const docOf = async (uri: string) => (await db.rows<{ id: number; revision: number; status: string; withdrawn_at: Date | null }>("select id, revision, status, withdrawn_at from documents where uri = $1", [uri]))[0];
    const uri = `https://stad.gent${articlePath}`;

    it("makes one new revision with a word diff for an edited article, none for a cosmetic change, and marks a vanished page withdrawn", async () => {
      const { site, source } = await replay(configured);
      await runSource({ ...source, id: "news:gent-rss-versions" }, deps, { trigger: "manual" });
      const versioned = { ...source, id: "news:gent-rss-versions" };
      const first = await docOf(uri);
      expect(first?.revision).toBe(1);

      site.editPage(articlePath, (html) => html.replace('<nav class="menu"><a href="/nl">Home</a></nav>', '<nav class="menu"><a href="/nl">Home</a><a href="/nl/zoeken">Zoeken</a></nav>'));
      const cosmetic = await runSource(versioned, deps, { trigger: "manual" });
      expect(cosmetic.counts.itemsUpdated).toBe(0);
      expect((await docOf(uri))?.revision).toBe(1);

      site.editPage(articlePath, (html) => html.replace("40 extra bedden", "60 extra bedden"));
      const edited = await runSource(versioned, deps, { trigger: "manual" });
      expect(edited.counts.itemsUpdated).toBe(1);
      const second = await docOf(uri);
      expect(second?.revision).toBe(2);
      const diff = await diffRevisions(db.db, second?.id as number, 1, 2);
      expect(diff?.filter((p) => p.op !== "equal")).toEqual([
        { op: "delete", text: "40" },
        { op: "insert", text: "60" },
      ]);
      expect(await count("select count(*)::int as n from change_log where entity_id = $1 and event = 'document.updated'", [String(second?.id)])).toBe(1);

      site.setFault(articlePath, { kind: "gone", status: 410 });
      const gone = await runSource(versioned, deps, { trigger: "manual" });
      expect(gone.errors).toEqual([]);
      const withdrawn = await docOf(uri);
      expect(withdrawn?.status).toBe("withdrawn");
      expect(new Date(withdrawn?.withdrawn_at as Date).toISOString()).toBe(NOW.toISOString());
      expect(await count("select count(*)::int as n from change_log where entity_id = $1 and event = 'document.withdrawn'", [String(withdrawn?.id)])).toBe(1);
      expect(await count("select count(*)::int as n from document_revisions where document_id = $1", [withdrawn?.id])).toBe(2);
    });
  });
});
