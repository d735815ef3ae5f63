import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkDatasetNames } from "../../db/bulk/datasets.js";
import { syncSources } from "../../db/queries/sources.js";
import { createHttpFetcher } from "../../scrapers/fetchers/http.js";
import { type RunDeps, runSource } from "../../scrapers/run-source.js";
import { defineSource, type SourceDefinition } from "../../scrapers/source.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";
import {
  ARTICLE_PATH,
  ATTACHMENT_PATH,
  buildLblodPages,
  buildNewsPages,
  DECISION_URI,
  editArticle,
  editNotulen,
  LBLOD_START,
  LEGAL_BASIS,
  NEWS_START,
  NOTULEN_PATH,
  OFFICE_HOLDER,
  originals,
} from "../privacy/leak-site.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";

/**
 * Personal data stored through the real crawl path (fetch, capture, parse, redact, store, analyse)
 * must not come out of any field the API serves: every text field of documents, revisions and
 * their diffs, sessions, agenda items, votes, measures and their evidence, theme evidence, search
 * snippets, change payloads and `node(id:)`. Searching for an original finds nothing. Links and
 * URIs, whatever digits they hold, come out whole.
 *
 * Unlike the other API tests this one crawls instead of building its data: its point is that the
 * redaction at ingest reaches everything the API serves, the analysis's quotes, summaries and
 * evidence, the revisions and their diffs included. Data built already redacted would prove nothing.
 */
const GENT = "44021";
const NOW = new Date("2026-11-20T12:00:00Z");

const DOCUMENT_FIELDS = `
  id uri title text piiRedacted revision
  revisions { number title text diff { kind text } }
  themes { evidence { field quote } }
  measures { id summary evidence { span { quote } } amounts { text } quantities { text } }
  mentionedMunicipalities { municipality { name } }
  pages { url pageKind }
  ... on CouncilDecision {
    shortTitle description motivation operativeText legalBasis
    session { id location agendaItems { id title description votes { id subject outcome } } decisions { title } }
    agendaItem { id title description }
    votes { id subject outcome }
    governingBody { label }
  }
  ... on PressRelease { lead author attachments { url title mediaType text } }`;

const NODE_FIELDS = `__typename
  ... on Document { ${DOCUMENT_FIELDS} }
  ... on Session { location agendaItems { title description votes { subject } } decisions { title text } }
  ... on AgendaItem { itemTitle: title description votes { subject outcome } }
  ... on Vote { subject outcome agendaItem { title } decision { title text } }
  ... on Measure { summary evidence { span { quote } document { title } } amounts { text } }`;

interface DocumentNode {
  id: string;
  uri: string;
  title: string;
  piiRedacted: boolean;
  revision: number;
  legalBasis?: string[];
  measures: { id: string }[];
  session?: { id: string; agendaItems: { id: string; votes: { id: string }[] }[] } | null;
  attachments?: { url: string; title: string; text: string | null }[];
  pages: { url: string }[];
}

describe(`no personal data through the API (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let lblodSite: ReplaySite;
  let newsSite: ReplaySite;
  /** Every response body, for the final look for originals. */
  const served: string[] = [];

  const ok = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await api.graphql<T>(query, variables);
    expect(response.body.errors).toBeUndefined();
    served.push(JSON.stringify(response.body.data));
    return response.body.data as T;
  };

  beforeAll(async () => {
    db = await createTestDb();
    lblodSite = await startReplaySite({ pages: buildLblodPages(), startPath: LBLOD_START });
    newsSite = await startReplaySite({ pages: buildNewsPages(), startPath: NEWS_START });
    const lblod = defineSource({ id: "lblod:vangdorp-privacy", kind: "lblod", name: "Vangdorp (synthetic)", startUrl: lblodSite.startUrl, schedule: "0 3 * * *", enabled: true, municipalityNis: GENT, config: {} });
    const news: SourceDefinition = defineSource({
      id: "news:vangdorp-privacy",
      kind: "listing",
      name: "Vangdorp nieuws (synthetic)",
      startUrl: newsSite.startUrl,
      schedule: "0 4 * * *",
      enabled: true,
      municipalityNis: GENT,
      config: { list: { item: ".news-item", maxPages: 1 } },
    });
    await syncSources(db.db, [lblod, news]);
    const deps: RunDeps = {
      db: db.db,
      logger: pino({ level: "silent" }),
      municipalities: municipalityRegister(),
      now: () => NOW,
      fetcher: createHttpFetcher({ userAgent: "Vangnet-test/1.0", requestsPerSecondPerHost: 1000, timeoutMs: 2_000, retries: 0 }),
    };
    // Two versions of each page: revisions and word diffs must be clean too.
    for (const edit of [null, "edit"] as const) {
      if (edit) {
        lblodSite.editPage(NOTULEN_PATH, editNotulen);
        newsSite.editPage(ARTICLE_PATH, editArticle);
      }
      for (const source of [lblod, news]) {
        const run = await runSource(source, deps, { trigger: "manual" });
        expect(run.errors).toEqual([]);
      }
    }
    // Budget for every bulk export (50 points each) besides the queries.
    api = await startTestApi(db, { serving: { rateLimit: { anonymous: 100_000 } } });
  });
  afterAll(async () => {
    await api?.close();
    await lblodSite?.close();
    await newsSite?.close();
    await db?.close();
  });

  let documents: DocumentNode[] = [];

  it("serves both documents, in a second revision, flagged as redacted, with every link and URI whole", async () => {
    const data = await ok<{ documents: { nodes: DocumentNode[] } }>(`{ documents(first: 20) { nodes { ${DOCUMENT_FIELDS} } } }`);
    documents = data.documents.nodes;
    const decision = documents.find((d) => d.uri === DECISION_URI);
    const release = documents.find((d) => d.uri === `${newsSite.origin}${ARTICLE_PATH}`);
    expect(decision?.revision).toBe(2);
    expect(release?.revision).toBe(2);
    expect(decision?.piiRedacted).toBe(true);
    expect(release?.piiRedacted).toBe(true);
    expect(decision?.legalBasis).toEqual([LEGAL_BASIS]);
    expect(decision?.pages.map((p) => p.url)).toEqual([`${lblodSite.origin}${NOTULEN_PATH}`]);
    expect(release?.attachments?.map((a) => a.url)).toEqual([`${newsSite.origin}${ATTACHMENT_PATH}`]);
    expect(release?.attachments?.[0]?.title).toBe("Beslissing voor [naam verwijderd]");
    expect(release?.attachments?.[0]?.text).toBe("Huurwaarborg voor de heer [naam verwijderd], rrn [rijksregisternummer verwijderd].");
    // The second version added a recipient: the diff shows the addition, redacted.
    const diff = (decision as unknown as { revisions: { number: number; diff: { kind: string; text: string }[] }[] }).revisions.find((r) => r.number === 2)?.diff;
    expect(diff?.filter((part) => part.kind === "ADDED").map((part) => part.text).join("")).toContain("uitbetaald aan [naam verwijderd]");
    const byUri = await ok<{ document: { uri: string } | null }>(`query($uri: String!) { document(uri: $uri) { uri } }`, { uri: DECISION_URI });
    expect(byUri.document?.uri).toBe(DECISION_URI);
  });

  it("keeps the office holder the minutes name on purpose", () => {
    expect(served.join("\n")).toContain(OFFICE_HOLDER);
  });

  it("answers measures, the change log and node(id:) for every object", async () => {
    await ok(`{ measures(first: 50) { nodes { id summary evidence { span { quote } document { title } } amounts { text } quantities { text } } } }`);
    const changes = await ok<{ changes: { totalCount: number } }>(`{ changes(first: 60) { totalCount nodes { event payload entity { ${NODE_FIELDS} } } } }`);
    expect(changes.changes.totalCount).toBeLessThanOrEqual(60);
    const ids = new Set<string>();
    for (const doc of documents) {
      ids.add(doc.id);
      for (const measure of doc.measures) ids.add(measure.id);
      if (doc.session) ids.add(doc.session.id);
      for (const item of doc.session?.agendaItems ?? []) {
        ids.add(item.id);
        for (const vote of item.votes) ids.add(vote.id);
      }
    }
    expect(ids.size).toBeGreaterThanOrEqual(5);
    for (const id of ids) await ok(`query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`, { id });
  });

  it("finds the documents by their subject with clean snippets, and nothing by an original", async () => {
    const found = await ok<{ documents: { totalCount: number; edges: { snippet: string }[] } }>(
      `{ documents(first: 20, filter: { search: "leefloon" }) { totalCount edges { snippet node { title } } } }`,
    );
    expect(found.documents.totalCount).toBe(2);
    const findable: string[] = [];
    for (const original of [...originals.names, ...originals.numbers, ...originals.birthDates, ...originals.addresses]) {
      const search = await ok<{ documents: { totalCount: number } }>(`query($q: String!) { documents(first: 5, filter: { search: $q }) { totalCount } }`, { q: `"${original}"` });
      if (search.documents.totalCount > 0) findable.push(original);
    }
    expect(findable).toEqual([]);
  });

  it("exports every bulk dataset in every format with the redacted texts only", async () => {
    for (const dataset of bulkDatasetNames) {
      for (const format of ["csv", "ndjson"]) {
        const response = await fetch(`${api.url}/bulk/${dataset}.${format}`);
        expect(response.status, `${dataset}.${format}`).toBe(200);
        served.push(await response.text());
      }
    }
    const documents = (await (await fetch(`${api.url}/bulk/documents.ndjson`)).text()).trim().split("\n").map((line) => JSON.parse(line) as { piiRedacted: boolean });
    expect(documents.filter((document) => document.piiRedacted).length).toBeGreaterThanOrEqual(2);
  });

  it("let no name, register number, birth date or address out in any response", () => {
    const all = served.join("\n");
    expect(served.length).toBeGreaterThan(10);
    const leaks = [...originals.names, ...originals.numbers, ...originals.birthDates, ...originals.addresses].filter((original) => {
      const escaped = original.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "\\s+");
      return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu").test(all);
    });
    expect(leaks).toEqual([]);
  });
});
