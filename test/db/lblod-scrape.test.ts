import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetcher } from "../../scrapers/fetchers/http.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import { defineSource } from "../../scrapers/source.js";
import { reprocessSource } from "../../scrapers/reprocess.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { createTestRunDeps, kortenbergSource } from "../helpers/scrape-deps.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

describe(`scraping an LBLOD site (${testDriver})`, () => {
  let db: TestDb;
  let site: ReplaySite;
  let deps: RunDeps;
  let source: ReturnType<typeof defineSource>;

  const count = async (sql: string, params: unknown[] = []) => (await db.rows<{ n: number }>(sql, params))[0]?.n;
  const snapshot = async () => ({
    documents: await db.rows("select id, uri, title, text, content_hash, revision, updated_at from documents order by id"),
    changes: await count("select count(*)::int as n from change_log"),
    revisions: await count("select count(*)::int as n from document_revisions"),
  });

  beforeAll(async () => {
    db = await createTestDb();
    site = await startReplaySite();
    source = kortenbergSource(site);
    deps = createTestRunDeps(db.db, { fetcher: { timeoutMs: 1_000, retries: 1, backoffBaseMs: 5, maxBodyBytes: 200_000 } });
  });
  afterAll(async () => {
    await site.close();
    await db.close();
  });

  it("stores every session, agenda item and decision of the window on a first run, merged by URI", async () => {
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.errors).toEqual([]);
    expect(run.status).toBe("ok");
    expect(run.counts.pagesFetched).toBe(expected.pagesOfFirstCrawl);
    expect(run.counts.pagesNotModified).toBe(0);

    expect(await count("select count(*)::int as n from sessions")).toBe(expected.sessionsInWindow);
    expect(await count("select count(*)::int as n from agenda_items")).toBe(expected.agendaItemsInWindow);
    expect(await count("select count(*)::int as n from documents where kind = 'council_decision'")).toBe(expected.decisionsInWindow);
    expect(await count("select count(*)::int as n from documents where uri = $1", [expected.oldDecision])).toBe(0);
    expect(await count("select count(*)::int as n from change_log where event = 'document.created'")).toBe(expected.decisionsInWindow);
    expect(await count("select count(*)::int as n from document_revisions")).toBe(expected.decisionsInWindow);

    const [rent] = await db.rows<Record<string, unknown>>(
      `select d.title, d.description, d.municipality_nis, cd.motivation, cd.legal_basis, cd.seen_in, cd.is_public,
              gb.classification_key, s.planned_start
       from documents d join council_decisions cd on cd.document_id = d.id
       left join governing_bodies gb on gb.id = cd.governing_body_id
       left join sessions s on s.id = cd.session_id
       where d.uri = $1`,
      [expected.rentSubsidy.uri],
    );
    expect(rent).toMatchObject({
      title: expected.rentSubsidy.title,
      description: expected.rentSubsidy.description,
      municipality_nis: "24055",
      motivation: expected.rentSubsidy.motivation,
      legal_basis: expected.rentSubsidy.legalBasis,
      seen_in: expected.rentSubsidy.pages,
      is_public: true,
      classification_key: "gemeenteraad",
    });
    expect(new Date(rent?.planned_start as string).toISOString()).toBe("2026-10-26T19:00:00.000Z");
    const [vote] = await db.rows("select outcome, count_for, count_against, count_abstain from votes v join documents d on d.id = v.decision_document_id where d.uri = $1", [expected.rentSubsidy.uri]);
    expect(vote).toEqual({ outcome: "goedgekeurd", count_for: 20, count_against: 3, count_abstain: 2 });
    const pages = await db.rows<{ page_kind: string }>(
      "select page_kind from document_pages p join documents d on d.id = p.document_id where d.uri = $1 order by page_kind",
      [expected.rentSubsidy.uri],
    );
    expect(pages.map((p) => p.page_kind)).toEqual(expected.rentSubsidy.pages);
    const [hidden] = await db.rows("select cd.is_public from council_decisions cd join documents d on d.id = cd.document_id where d.uri = $1", [expected.nonPublicDecision]);
    expect(hidden).toEqual({ is_public: false });

    const [runRow] = await db.rows("select status, pages_fetched, items_inserted, finished_at is not null as finished from scrape_runs where id = $1", [run.runId]);
    expect(runRow).toMatchObject({ status: "ok", pages_fetched: expected.pagesOfFirstCrawl, finished: true });
    expect(site.requests.every((r) => r.path === "/robots.txt" || String(r.headers["user-agent"]).startsWith("Vangnet-test/1.0"))).toBe(true);
  });

  it("asks conditionally on a second run, gets 304s and writes nothing", async () => {
    const before = await snapshot();
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.status).toBe("ok");
    expect(run.counts).toMatchObject({ pagesFetched: 0, pagesNotModified: expected.pagesOfFirstCrawl, itemsInserted: 0, itemsUpdated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("turns an edited minutes page into exactly one update, one revision and one change row", async () => {
    const before = await snapshot();
    site.editPage(expected.editedNotulenPath, (html) => html.replace(expected.editedText[0], expected.editedText[1]));
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.status).toBe("ok");
    expect(run.counts).toMatchObject({ pagesFetched: 1, itemsInserted: 0, itemsUpdated: 1 });
    const after = await snapshot();
    expect(after.revisions).toBe((before.revisions ?? 0) + 1);
    expect(after.changes).toBe((before.changes ?? 0) + 1);
    const [change] = await db.rows<{ event: string; payload: { document: { uri: string; revision: number }; changes: { field: string; before: string; after: string }[] } }>(
      "select event, payload from change_log order by seq desc limit 1",
    );
    expect(change?.event).toBe("document.updated");
    expect(change?.payload.document).toMatchObject({ uri: expected.editedDecision, revision: 2 });
    // Which field changed, from what to what: the edit itself is in the values.
    expect(change?.payload.changes).toEqual([{ field: "motivation", before: `Motivering\n${expected.editedText[0]}`, after: `Motivering\n${expected.editedText[1]}` }]);
    const [edited] = await db.rows<{ revision: number; motivation: string }>(
      "select d.revision, cd.motivation from documents d join council_decisions cd on cd.document_id = d.id where d.uri = $1",
      [expected.editedDecision],
    );
    expect(edited).toEqual({ revision: 2, motivation: `Motivering\n${expected.editedText[1]}` });
    const revisions = await db.rows<{ revision: number; text: string }>(
      "select r.revision, r.text from document_revisions r join documents d on d.id = r.document_id where d.uri = $1 order by r.revision",
      [expected.editedDecision],
    );
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(revisions[0]?.text).toContain(expected.editedText[0]);
    const untouched = before.documents.filter((d) => (d as { uri: string }).uri !== expected.editedDecision);
    expect(after.documents.filter((d) => (d as { uri: string }).uri !== expected.editedDecision)).toEqual(untouched);
  });

  it("redacts a national register number before storing, and flags the decision", async () => {
    // Synthetic number: 97 - (850730033 mod 97) = 28.
    site.editPage(expected.s2NotulenPath, (html) => html.replace("<p>Besloten zitting.</p>", "<p>Steun aan de aanvrager met rijksregisternummer 85.07.30-033.28.</p>"));
    const run = await runSource(source, deps, { trigger: "manual" });
    expect(run.counts.itemsUpdated).toBe(1);
    const [decision] = await db.rows<{ text: string; pii_redacted: boolean; motivation: string }>(
      "select d.text, d.pii_redacted, cd.motivation from documents d join council_decisions cd on cd.document_id = d.id where d.uri = $1",
      [expected.nonPublicDecision],
    );
    expect(decision?.pii_redacted).toBe(true);
    expect(decision?.motivation).toBe("Motivering\nSteun aan de aanvrager met rijksregisternummer [rijksregisternummer verwijderd].");
    const leaks = await db.rows(
      `select 'revision' as at from document_revisions where text like '%85.07.30%' or fields::text like '%85.07.30%'
       union all select 'page facts' from document_pages where facts::text like '%85.07.30%'
       union all select 'document' from documents where text like '%85.07.30%'`,
    );
    expect(leaks).toEqual([]);
    const [others] = await db.rows<{ n: number }>("select count(*)::int as n from documents where pii_redacted");
    expect(others?.n).toBe(1);
  });

  it("records broken pages with their reason, ends partial and loses nothing already stored", async () => {
    const before = await snapshot();
    site.setFault(expected.s3BesluitenlijstPath, { kind: "status", status: 500 });
    site.setFault(expected.s2AgendaPath, { kind: "malformed" });
    site.setFault(expected.s4NotulenPath, { kind: "slow", delayMs: 1_500 });
    site.setFault(expected.extractPath, { kind: "redirect-loop" });
    site.setFault(expected.s2NotulenPath, { kind: "oversized", bytes: 300_000 });
    try {
      const run = await runSource(source, deps, { trigger: "manual" });
      expect(run.status).toBe("partial");
      const byUrl = Object.fromEntries(run.errors.map((e) => [new URL(e.url).pathname, e.reason]));
      expect(byUrl[expected.s3BesluitenlijstPath]).toMatch(/HTTP 500 after 2 attempts/);
      expect(byUrl[expected.s2AgendaPath]).toMatch(/no LBLOD content|does not match the LBLOD publication schema/);
      expect(byUrl[expected.s4NotulenPath]).toMatch(/no complete answer within 1000 ms/);
      expect(byUrl[expected.extractPath]).toMatch(/redirect loop/);
      expect(byUrl[expected.s2NotulenPath]).toMatch(/exceeds the limit of 200000 bytes/);
      expect(run.errors).toHaveLength(5);
      expect(await snapshot()).toEqual(before);
      const [health] = await db.rows("select last_error is not null as has_error, consecutive_failures from sources where id = $1", [source.id]);
      expect(health).toEqual({ has_error: true, consecutive_failures: 0 });
    } finally {
      for (const path of [expected.s3BesluitenlijstPath, expected.s2AgendaPath, expected.s4NotulenPath, expected.extractPath, expected.s2NotulenPath]) {
        site.setFault(path, null);
      }
      // Let the slow page's abandoned requests finish on the server before the next test counts requests.
      await new Promise((resolve) => setTimeout(resolve, 1_600));
    }
  });

  it("fails the run when robots.txt is unavailable (5xx means disallow everything), keeping the data", async () => {
    const before = await snapshot();
    const robotsBlocked = { ...deps, fetcher: createHttpFetcher({ userAgent: "Vangnet-test/1.0", requestsPerSecondPerHost: 1000, retries: 0 }) };
    site.setRobots(503);
    try {
      const run = await runSource(source, robotsBlocked, { trigger: "manual" });
      expect(run.status).toBe("failed");
      expect(run.errors[0]?.reason).toMatch(/robots\.txt disallows/);
      expect(await snapshot()).toEqual(before);
      const [health] = await db.rows("select consecutive_failures from sources where id = $1", [source.id]);
      expect(health).toEqual({ consecutive_failures: 1 });
    } finally {
      site.setRobots("User-agent: *\nAllow: /\n");
    }
  });

  it("re-parses stored pages without fetching, writing nothing when the rules did not change", async () => {
    const before = await snapshot();
    const requestsBefore = site.requests.length;
    const run = await reprocessSource(source, deps);
    expect(run.status).toBe("ok");
    expect(run.counts.itemsInserted + run.counts.itemsUpdated).toBe(0);
    expect(run.counts.itemsUnchanged).toBeGreaterThan(0);
    expect(site.requests.length).toBe(requestsBefore);
    expect(await snapshot()).toEqual(before);
    // Every stored decision was analysed again; the rules did not change, so nothing was written.
    expect(run.analysis).toMatchObject({ documents: expected.decisionsInWindow, changed: 0, measuresCreated: 0, measuresDeleted: 0 });
  });

  it("analysed every decision as it was stored: the rent subsidy decision has its theme and measure", async () => {
    const themes = await db.rows<{ code: string }>(
      "select t.code from document_themes dt join themes t on t.id = dt.theme_id join documents d on d.id = dt.document_id where d.uri = $1",
      [expected.rentSubsidy.uri],
    );
    expect(themes.map((t) => t.code)).toContain("housing");
    const amounts = await db.rows<{ cents: string; period: string; municipality_nis: string }>(
      "select a.cents::text as cents, a.period, m.municipality_nis from measure_amounts a join measures m on m.id = a.measure_id join measure_evidence e on e.id = a.evidence_id join documents d on d.id = e.document_id where d.uri = $1",
      [expected.rentSubsidy.uri],
    );
    // "Huurders met een laag inkomen krijgen een huursubsidie van 150 euro per maand." (the description).
    expect(amounts).toContainEqual({ cents: "15000", period: "month", municipality_nis: "24055" });
  });

  it("calls a source that used to yield documents and now yields nothing a failure", async () => {
    // The site was rebuilt: its index still answers, but links to nothing of this site any more.
    site.addPage(
      "/Kortenberg/Nieuw",
      '<html><body prefix="lblodBesluit: http://lblod.data.gift/vocabularies/besluit/"><a property="lblodBesluit:linkToPublication" href="https://elders.example/zitting">elders</a></body></html>',
    );
    const rebuilt = defineSource({ ...source, startUrl: `${site.origin}/Kortenberg/Nieuw` });
    const run = await runSource(rebuilt, deps, { trigger: "manual" });
    expect(run.status).toBe("failed");
    expect(run.errors.map((e) => e.reason)).toEqual([
      `the source yielded nothing, but it has yielded ${expected.decisionsInWindow} documents before: the site may have changed`,
    ]);
    expect(site.requests.some((r) => r.path.includes("elders"))).toBe(false);
  });
});
