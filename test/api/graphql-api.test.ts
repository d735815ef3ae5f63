import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKortenbergCouncil } from "../fixtures/lblod-replay/build-kortenberg.js";
import { expected } from "../fixtures/lblod-replay/expected.js";
import {
  buildDocumentLink,
  buildDocumentThemes,
  buildExchange,
  buildMeasure,
  buildPressRelease,
  buildRevision,
  buildScrapeRun,
  buildSource,
  type DocumentRow,
  type PressReleaseOverrides,
} from "../helpers/builders.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const KORTENBERG = "24055";
const LBLOD_SOURCE = "lblod:kortenberg-replay";
const releaseText =
  "Kortenberg voert een huursubsidie in voor private huurders met een laag inkomen: 150 euro per maand. " +
  "De gemeenteraad keurde het reglement huursubsidie goed. Huurders kunnen de huursubsidie aanvragen bij het Sociaal Huis.";

type Data = Record<string, never>;

/**
 * The API over data built as the store holds it after a crawl of the synthetic Kortenberg site
 * (build-kortenberg.ts) and a few press releases, with what the analysis reads in them; the clock
 * is the fixtures' (expected.now), at which the LBLOD source last ran.
 */
describe(`the GraphQL API over HTTP (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let release: DocumentRow;

  /** A press release of Kortenberg's news source, stored at the test clock. */
  const storeRelease = (uri: string, title: string, text: string, publishedAt: string, overrides: PressReleaseOverrides = {}) =>
    buildPressRelease(db.db, { uri, title, text, html: `<p>${text}</p>`, publishedAt, sourceId: "news:kortenberg", municipalityNis: KORTENBERG, mentions: [{ nis: KORTENBERG }], ...overrides });

  const ok = async <T = Data>(query: string, variables?: Record<string, unknown>) => {
    const response = await api.graphql<T>(query, variables);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    return response.body.data as T;
  };
  const failure = async (query: string, variables?: Record<string, unknown>) => {
    const response = await api.graphql(query, variables);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    return response.body.errors?.[0] as { message: string; extensions?: { code?: string } };
  };

  beforeAll(async () => {
    db = await createTestDb();
    await buildSource(db.db, { id: "news:kortenberg", kind: "listing", name: "Kortenberg nieuws", startUrl: "http://127.0.0.1:9/nieuws", schedule: "0 * * * *", municipalityNis: KORTENBERG });
    await buildSource(db.db, { id: "news:vvsg", kind: "listing", name: "VVSG nieuws", startUrl: "http://127.0.0.1:9/vvsg", schedule: "0 * * * *", municipalityNis: null });
    await buildSource(db.db, { id: "news:disabled", kind: "feed", name: "Uitgeschakeld", startUrl: "http://127.0.0.1:9/rss", schedule: "0 * * * *", enabled: false, municipalityNis: null });
    // The LBLOD source ran once, at the test clock, and stored the Kortenberg council.
    await buildSource(db.db, {
      id: LBLOD_SOURCE,
      kind: "lblod",
      name: "Kortenberg (replay)",
      startUrl: "https://publicatie.gelinkt-notuleren.vlaanderen.be/Kortenberg/Gemeente",
      schedule: "0 3 * * *",
      municipalityNis: KORTENBERG,
      lastRunAt: expected.now,
      lastSuccessAt: expected.now,
    });
    await buildScrapeRun(db.db, { sourceId: LBLOD_SOURCE, trigger: "manual", status: "ok", startedAt: expected.now, pagesFetched: expected.pagesOfFirstCrawl });
    const decisions = await buildKortenbergCouncil(db.db, LBLOD_SOURCE);
    const rentDecision = decisions.get(expected.rentSubsidy.uri) as DocumentRow;
    await buildDocumentThemes(db.db, rentDecision, [{ code: "housing" }]);

    release = await storeRelease("https://www.kortenberg.be/nieuws/huursubsidie", "Kortenberg voert huursubsidie in", releaseText, "2026-11-18T09:00:00Z", {
      themes: [{ code: "housing" }],
    });
    // What the analysis reads: the rent subsidy is about housing, stated by the decision and the
    // release (one measure, two pieces of evidence), and the release is backed by the decision.
    await buildDocumentLink(db.db, { from: release, to: rentDecision, confidence: 0.793 });
    await buildMeasure(db.db, {
      theme: "housing",
      action: "introduce",
      evidence: [
        { document: rentDecision, quote: "Artikel 1. Huurders met een laag inkomen krijgen een huursubsidie van 150 euro per maand.", amounts: [{ euro: 150, period: "month", text: "150 euro" }] },
        { document: release, quote: `${releaseText.split(": ")[0]}: 150 euro per maand.`, confidence: 1, amounts: [{ euro: 150, period: "month", text: "150 euro" }] },
      ],
    });
    api = await startTestApi(db, { clock: () => expected.now });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it("lists documents with filters that compose, and the kind-specific fields of a decision", async () => {
    const data = await ok<{ documents: { totalCount: number; nodes: { __typename: string; title: string; kind: string }[] } }>(
      `{ documents(first: 100, filter: { kinds: [COUNCIL_DECISION], municipalities: ["${KORTENBERG}"] }) { totalCount nodes { __typename title kind } } }`,
    );
    expect(data.documents.totalCount).toBe(expected.decisionsInWindow);
    expect(new Set(data.documents.nodes.map((n) => n.__typename))).toEqual(new Set(["CouncilDecision"]));

    const rent = await ok<{ document: Record<string, unknown> & { votes: Record<string, unknown>[]; session: { agendaItems: unknown[] }; governingBody: { type: string | null } } }>(
      `query($uri: String!) { document(uri: $uri) { __typename ... on CouncilDecision { title description legalBasis votes { countFor countAgainst countAbstain outcome } session { plannedStart agendaItems { title position } } governingBody { type label } pages { pageKind } } } }`,
      { uri: expected.rentSubsidy.uri },
    );
    expect(rent.document.title).toBe(expected.rentSubsidy.title);
    expect(rent.document.description).toBe(expected.rentSubsidy.description);
    expect(rent.document.legalBasis).toEqual(expected.rentSubsidy.legalBasis);
    expect(rent.document.votes).toEqual([expected.rentSubsidy.votes]);
    expect(rent.document.session.agendaItems.length).toBeGreaterThan(0);
  });

  it("searches Dutch text with stemming, ranks and highlights matches", async () => {
    const data = await ok<{ documents: { totalCount: number; edges: { snippet: string; rank: number; node: { uri: string } }[] } }>(
      `{ documents(first: 10, filter: { search: "huursubsidie huurder" }) { totalCount edges { snippet rank node { uri } } } }`,
    );
    expect(data.documents.totalCount).toBeGreaterThanOrEqual(2);
    const uris = data.documents.edges.map((e) => e.node.uri);
    expect(uris).toContain(expected.rentSubsidy.uri);
    expect(uris).toContain("https://www.kortenberg.be/nieuws/huursubsidie");
    for (const edge of data.documents.edges) {
      // "huurder" matches "huurders" by its Dutch stem.
      expect(edge.snippet).toMatch(/«[Hh]uursubsidie»/);
      expect(edge.snippet).toMatch(/«huurders»/);
      expect(edge.rank).toBeGreaterThan(0);
    }
    const ranks = data.documents.edges.map((e) => e.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it("serves themes, measures with amounts and evidence, and the link from release to decision", async () => {
    const data = await ok<{ node: { themes: { theme: { code: string } }[]; measures: { action: string; amounts: { value: number; period: string }[]; evidence: { span: { quote: string } }[] }[]; backedBy: { document: { uri: string }; confidence: number }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on PressRelease { themes { theme { code } } measures { action amounts { value period } evidence { span { quote } } } backedBy { confidence document { uri } } } } }`,
      { id: Buffer.from(`Document:${release.id}`).toString("base64url") },
    );
    expect(data.node.themes.map((t) => t.theme.code)).toContain("housing");
    const introduce = data.node.measures.find((m) => m.action === "INTRODUCE");
    // One measure, stated by the release and enacted by the decision: two pieces of evidence.
    expect(introduce?.amounts).toEqual([
      { value: 150, period: "MONTH" },
      { value: 150, period: "MONTH" },
    ]);
    expect(introduce?.evidence.map((e) => e.span.quote).sort()).toEqual(
      ["Artikel 1. Huurders met een laag inkomen krijgen een huursubsidie van 150 euro per maand.", `${releaseText.split(": ")[0]}: 150 euro per maand.`].sort(),
    );
    expect(data.node.backedBy.map((l) => l.document.uri)).toContain(expected.rentSubsidy.uri);

    const filtered = await ok<{ measures: { totalCount: number } }>(`{ measures(first: 5, filter: { themes: ["housing"], minAmount: 100, maxAmount: 200 }) { totalCount } }`);
    expect(filtered.measures.totalCount).toBeGreaterThanOrEqual(1);
    const none = await ok<{ measures: { totalCount: number } }>(`{ measures(first: 5, filter: { minAmount: 1000000 }) { totalCount } }`);
    expect(none.measures.totalCount).toBe(0);
    const stats = await ok<{ measureStats: { theme: { code: string } | null; count: number; amounts: { period: string; sum: number }[] }[] }>(
      `{ measureStats(groupBy: [THEME], filter: { municipalities: ["${KORTENBERG}"] }) { theme { code } count amounts { period sum } } }`,
    );
    const housing = stats.measureStats.find((g) => g.theme?.code === "housing");
    expect(housing?.count).toBeGreaterThanOrEqual(1);
  });

  it("serves a range as its maximum with the minimum beside it, and filters on the range", async () => {
    const debt = await storeRelease(
      "https://www.kortenberg.be/nieuws/schuldbemiddeling",
      "Schuldbemiddeling",
      "De gemeente Kortenberg breidt de schuldbemiddeling uit met tussen 20.000 en 24.000 euro per jaar; gezinnen in begeleiding krijgen 50 euro per gezin per maand.",
      "2026-11-17T09:00:00Z",
      { themes: [{ code: "debt_energy" }] },
    );
    // A range: its lower bound in `euro`, its upper bound in `maxEuro`.
    const amounts = [
      { euro: 20_000, maxEuro: 24_000, period: "year", text: "20.000 en 24.000 euro" },
      { euro: 50, period: "month", per: "household", text: "50 euro" },
    ] as const;
    await buildMeasure(db.db, { theme: "debt_energy", action: "expand", evidence: [{ document: debt, amounts: [...amounts] }] });
    const data = await ok<{ node: { measures: { action: string; amounts: { value: number; min: number | null; previous: number | null; period: string; per: string | null; text: string }[] }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on PressRelease { measures { action amounts { value min previous period per text } } } } }`,
      { id: Buffer.from(`Document:${debt.id}`).toString("base64url") },
    );
    expect(data.node.measures).toEqual([
      {
        action: "EXPAND",
        amounts: [
          { value: 24000, min: 20000, previous: null, period: "YEAR", per: null, text: "20.000 en 24.000 euro" },
          { value: 50, min: null, previous: null, period: "MONTH", per: "HOUSEHOLD", text: "50 euro" },
        ],
      },
    ]);
    const inRange = await ok<{ measures: { totalCount: number } }>(`{ measures(first: 1, filter: { themes: ["debt_energy"], minAmount: 22000 }) { totalCount } }`);
    expect(inRange.measures.totalCount).toBe(1);

    const beds = await storeRelease("https://www.kortenberg.be/nieuws/winteropvang", "Winteropvang", "De gemeente Kortenberg breidt de winteropvang uit met tussen 20 en 30 bedden.", "2026-11-16T09:00:00Z", {
      themes: [{ code: "homelessness" }],
    });
    await buildMeasure(db.db, { theme: "homelessness", action: "expand", evidence: [{ document: beds, quantities: [{ value: 20, max: 30, unit: "beds", text: "20 en 30 bedden" }] }] });
    const shelter = await ok<{ node: { measures: { quantities: { value: number; max: number | null; previous: number | null; unit: string; text: string }[] }[] } }>(
      `query($id: ID!) { node(id: $id) { ... on PressRelease { measures { quantities { value max previous unit text } } } } }`,
      { id: Buffer.from(`Document:${beds.id}`).toString("base64url") },
    );
    expect(shelter.node.measures.flatMap((m) => m.quantities)).toEqual([{ value: 20, max: 30, previous: null, unit: "beds", text: "20 en 30 bedden" }]);
  });

  it("gives every node a global id that node(id:) resolves back", async () => {
    const data = await ok<{ municipality: { id: string }; themes: { id: string; code: string }[]; sources: { nodes: { id: string; sourceId: string }[] } }>(
      `{ municipality(nis: "${KORTENBERG}") { id } themes { id code } sources(first: 10) { nodes { id sourceId } } }`,
    );
    expect(data.themes).toHaveLength(17);
    for (const id of [data.municipality.id, data.themes[0]?.id, data.sources.nodes[0]?.id]) {
      const back = await ok<{ node: { id: string } }>(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(back.node.id).toBe(id);
    }
    expect((await failure(`{ node(id: "not-an-id") { id } }`)).extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("describes the themes of the taxonomy and points change-log entries at their entities", async () => {
    const data = await ok<{
      themes: { code: string; labelNl: string; labelEn: string; budgetCodes: string[]; povertyRights: string[]; taxonomyVersion: number; documentCount: number }[];
      changes: { nodes: { event: string; entityId: string; entity: { __typename: string; id: string } | null; municipality: { nis: string } | null; payload: string }[] };
    }>(
      `{ themes { code labelNl labelEn budgetCodes povertyRights taxonomyVersion documentCount }
         changes(first: 5, filter: { events: ["document.created"], municipalities: ["${KORTENBERG}"] }) { nodes { event entityId entity { __typename id } municipality { nis } payload } } }`,
    );
    expect(data.themes[0]).toEqual({
      code: "income_support",
      labelNl: "Inkomen en aanvullende financiële steun",
      labelEn: "Income support and supplementary financial aid",
      budgetCodes: ["0900"],
      povertyRights: ["income"],
      taxonomyVersion: 2,
      documentCount: expect.any(Number),
    });
    expect(data.themes.find((t) => t.code === "housing")?.documentCount).toBeGreaterThanOrEqual(2);
    // Version 2 keeps version 1's twelve codes in their order and adds five; version 1 is still listed on request.
    const v1 = await ok<{ themes: { code: string; taxonomyVersion: number }[] }>(`{ themes(version: 1) { code taxonomyVersion } }`);
    expect(v1.themes).toHaveLength(12);
    expect(new Set(v1.themes.map((t) => t.taxonomyVersion))).toEqual(new Set([1]));
    expect(data.themes.slice(0, 12).map((t) => t.code)).toEqual(v1.themes.map((t) => t.code));
    expect(data.themes.slice(12).map((t) => t.code)).toEqual(["disability", "mobility", "digital_inclusion", "integration_language", "other"]);
    const unknown = await failure(`{ themes(version: 3) { code } }`);
    expect(unknown.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.message).toMatch(/version.*1, 2.*got 3/);
    expect(data.changes.nodes.length).toBeGreaterThan(0);
    for (const change of data.changes.nodes) {
      expect(change.event).toBe("document.created");
      expect(change.municipality).toEqual({ nis: KORTENBERG });
      expect(change.entity?.id).toBe(change.entityId);
      expect(["CouncilDecision", "PressRelease"]).toContain(change.entity?.__typename);
      expect(JSON.parse(change.payload)).toMatchObject({ document: { revision: 1, municipality: { nis: KORTENBERG, name: "Kortenberg" } } });
    }
  });

  it("reports source health and coverage, so gaps are visible", async () => {
    const data = await ok<{ sources: { nodes: { sourceId: string; status: string; documentCount: number; runs: { status: string; errors: unknown[]; warnings: unknown[] }[] }[] }; coverage: { nodes: { kind: string; documentCount: number; status: string; sourceCount: number }[] } }>(
      `{ sources(first: 10) { nodes { sourceId status documentCount runs(first: 3) { status errors { url } warnings { url reason at } } } }
         coverage(first: 10, municipalities: ["${KORTENBERG}"]) { nodes { kind documentCount status sourceCount } } }`,
    );
    const byId = Object.fromEntries(data.sources.nodes.map((s) => [s.sourceId, s]));
    expect(byId["lblod:kortenberg-replay"]).toMatchObject({ status: "OK", documentCount: expected.decisionsInWindow, runs: [{ status: "ok", errors: [], warnings: [] }] });
    expect(byId["news:disabled"]?.status).toBe("DISABLED");
    expect(byId["news:kortenberg"]?.status).toBe("NEVER_RUN");
    const [releases] = await db.rows<{ n: number }>("select count(*)::int as n from documents where kind = 'press_release' and municipality_nis = $1", [KORTENBERG]);
    expect(releases?.n).toBeGreaterThan(0);
    expect(data.coverage.nodes).toEqual([
      { kind: "COUNCIL_DECISION", documentCount: expected.decisionsInWindow, status: "OK", sourceCount: 1 },
      { kind: "PRESS_RELEASE", documentCount: releases?.n, status: "NEVER_RUN", sourceCount: 1 },
    ]);
  });

  it("pages through the change log without gaps or duplicates while new changes arrive", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: { changes: { nodes: { seq: string; event: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ok(
        `query($after: String) { changes(first: 7, after: $after) { nodes { seq event } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.changes.nodes.map((n) => n.seq));
      after = data.changes.pageInfo.endCursor;
      pages++;
      // A new document arrives between the second and third page.
      if (pages === 2) await storeRelease("https://www.kortenberg.be/nieuws/nachtopvang", "Nachtopvang", "De gemeente Kortenberg opent een nachtopvang voor daklozen met 12 bedden.", "2026-11-19T09:00:00Z");
      if (!data.changes.pageInfo.hasNextPage) break;
    }
    const total = (await db.rows<{ n: number }>("select count(*)::int as n from change_log"))[0]?.n;
    expect(seen).toHaveLength(total ?? -1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
    // At the end the cursor stays, so a client resumes from there later.
    const again = await ok<{ changes: { nodes: unknown[]; pageInfo: { endCursor: string } } }>(`query($after: String) { changes(first: 5, after: $after) { nodes { seq } pageInfo { endCursor } } }`, { after });
    expect(again.changes.nodes).toEqual([]);
    expect(again.changes.pageInfo.endCursor).toBe(after);
  });

  it("pages through documents without gaps or duplicates", async () => {
    const all = await ok<{ documents: { nodes: { uri: string }[] } }>(`{ documents(first: 100) { nodes { uri } } }`);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { documents: { nodes: { uri: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ok(
        `query($after: String) { documents(first: 3, after: $after) { nodes { uri } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.documents.nodes.map((n) => n.uri));
      if (!data.documents.pageInfo.hasNextPage) break;
      after = data.documents.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.documents.nodes.map((n) => n.uri));
  });

  it("serves revisions with a word-level diff, and what a municipality holds", async () => {
    release = await buildRevision(db.db, release, { text: releaseText.replace("150 euro per maand", "175 euro per maand") });
    const data = await ok<{ document: { revision: number; revisions: { number: number; diff: { kind: string; text: string }[] }[] } }>(
      `{ document(uri: "https://www.kortenberg.be/nieuws/huursubsidie") { revision revisions { number diff { kind text } } } }`,
    );
    expect(data.document.revision).toBe(2);
    const [first, second] = data.document.revisions;
    expect(first?.diff).toEqual([]);
    expect(second?.diff.filter((p) => p.kind !== "UNCHANGED")).toEqual([
      { kind: "REMOVED", text: "150" },
      { kind: "ADDED", text: "175" },
    ]);
    expect((await failure(`{ document(uri: "https://www.kortenberg.be/nieuws/huursubsidie") { revisions { diff(against: 7) { text } } } }`)).message).toMatch(/no revision 7/);

    const town = await ok<{ municipality: { documents: { totalCount: number }; measures: { nodes: { municipality: { nis: string } }[] }; sources: { sourceId: string }[]; coverage: { kind: string }[] } }>(
      `{ municipality(nis: "${KORTENBERG}") { documents(first: 1, filter: { kinds: [PRESS_RELEASE] }) { totalCount } measures(first: 5) { nodes { municipality { nis } } } sources { sourceId } coverage { kind } } }`,
    );
    expect(town.municipality.documents.totalCount).toBeGreaterThanOrEqual(1);
    expect(town.municipality.measures.nodes.every((m) => m.municipality.nis === KORTENBERG)).toBe(true);
    expect(town.municipality.sources.map((s) => s.sourceId)).toEqual(["lblod:kortenberg-replay", "news:kortenberg"]);
    expect(town.municipality.coverage.map((c) => c.kind)).toEqual(["COUNCIL_DECISION", "PRESS_RELEASE"]);
  });

  it("serves exchanges, statistics by several dimensions, and filters on governing body, province and measures", async () => {
    const listing = "Uitwisselingsprogramma armoedebestrijding\nEditie 2026\nKortenberg-Leuven: een sociale kruidenier opstarten. Toegekende subsidie: 12.500€";
    const vvsg = await buildPressRelease(db.db, {
      uri: "https://www.vvsg.be/nieuws/uitwisseling",
      sourceId: "news:vvsg",
      title: "Uitwisselingen",
      text: listing,
      publishedAt: "2026-11-10T09:00:00Z",
      mentions: [{ nis: KORTENBERG }, { nis: "24062" }],
    });
    await buildExchange(db.db, {
      document: vvsg,
      quote: "Kortenberg-Leuven: een sociale kruidenier opstarten. Toegekende subsidie: 12.500€",
      programme: "Uitwisselingsprogramma armoedebestrijding",
      edition: "Editie 2026",
      topic: "een sociale kruidenier opstarten",
      municipalityANis: KORTENBERG,
      municipalityBNis: "24062",
      subsidyEuro: 12_500,
    });
    const data = await ok<{ exchanges: { totalCount: number; nodes: { programme: string; edition: string; topic: string; subsidy: number; municipalities: { nis: string }[]; span: { quote: string } }[] } }>(
      `{ exchanges(first: 5, municipalities: ["24062"]) { totalCount nodes { programme edition topic subsidy municipalities { nis } span { quote } } } }`,
    );
    expect(data.exchanges.nodes).toEqual([
      {
        programme: "Uitwisselingsprogramma armoedebestrijding",
        edition: "Editie 2026",
        topic: "een sociale kruidenier opstarten",
        subsidy: 12500,
        municipalities: [{ nis: KORTENBERG }, { nis: "24062" }],
        span: { quote: "Kortenberg-Leuven: een sociale kruidenier opstarten. Toegekende subsidie: 12.500€" },
      },
    ]);

    const stats = await ok<{ measureStats: { year: number; action: string; count: number }[] }>(`{ measureStats(groupBy: [YEAR, ACTION]) { year action count } }`);
    expect(stats.measureStats.length).toBeGreaterThan(0);
    for (const g of stats.measureStats) {
      expect(g.year).toBe(2026);
      expect(g.count).toBeGreaterThan(0);
    }
    const total = await ok<{ measureStats: { count: number }[]; measures: { totalCount: number } }>(`{ measureStats(groupBy: []) { count } measures(first: 1) { totalCount } }`);
    expect(total.measureStats).toEqual([{ count: total.measures.totalCount }]);

    const council = await ok<{ documents: { totalCount: number } }>(`{ documents(first: 1, filter: { governingBodyTypes: ["gemeenteraad"], provinces: ["VBR"] }) { totalCount } }`);
    const allDecisions = await ok<{ documents: { totalCount: number } }>(`{ documents(first: 1, filter: { kinds: [COUNCIL_DECISION] }) { totalCount } }`);
    expect(council.documents.totalCount).toBeGreaterThan(0);
    expect(council.documents.totalCount).toBeLessThan(allDecisions.documents.totalCount);
    const west = await ok<{ documents: { totalCount: number } }>(`{ documents(first: 1, filter: { provinces: ["West-Vlaanderen"] }) { totalCount } }`);
    expect(west.documents.totalCount).toBe(0);
    const withMeasures = await ok<{ documents: { nodes: { measures: unknown[] }[] } }>(`{ documents(first: 100, filter: { hasMeasures: true }) { nodes { measures { id } } } }`);
    expect(withMeasures.documents.nodes.length).toBeGreaterThan(0);
    expect(withMeasures.documents.nodes.every((n) => n.measures.length > 0)).toBe(true);
  });

  it("resolves sessions, agenda items, votes, bodies, runs and measures through node(id:)", async () => {
    const data = await ok<{ document: { session: { id: string; agendaItems: { id: string }[] }; votes: { id: string }[]; governingBody: { id: string } }; sources: { nodes: { runs: { id: string }[] }[] }; measures: { nodes: { id: string }[] } }>(
      `query($uri: String!) { document(uri: $uri) { ... on CouncilDecision { session { id agendaItems { id } } votes { id } governingBody { id } } }
         sources(first: 1) { nodes { runs(first: 1) { id } } } measures(first: 1) { nodes { id } } }`,
      { uri: expected.rentSubsidy.uri },
    );
    const ids = [
      data.document.session.id,
      data.document.session.agendaItems[0]?.id,
      data.document.votes[0]?.id,
      data.document.governingBody.id,
      data.sources.nodes[0]?.runs[0]?.id,
      data.measures.nodes[0]?.id,
    ];
    for (const id of ids) {
      expect(id).toBeTruthy();
      const back = await ok<{ node: { __typename: string; id: string } }>(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(back.node.id).toBe(id);
    }
  });

  it.each([
    [`{ documents(first: 101) { totalCount } }`, "BAD_USER_INPUT", /first/],
    [`{ documents(first: 5, filter: { themes: ["huisvesting"] }) { totalCount } }`, "BAD_USER_INPUT", /unknown theme "huisvesting"/],
    [`{ documents(first: 5, filter: { municipalities: ["99999"] }) { totalCount } }`, "BAD_USER_INPUT", /unknown municipality "99999"/],
    [`{ documents(first: 5, filter: { from: "2024-02-31" }) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", /YYYY-MM-DD/],
    [`{ documents(first: 5, filter: { from: "2025-01-01", to: "2024-01-01" }) { totalCount } }`, "BAD_USER_INPUT", /filter\.to/],
    [`{ documents(first: 5, after: "bm9wZQ") { totalCount } }`, "INVALID_CURSOR", /cursor/],
    [`{ documents(first: 5, orderBy: RELEVANCE) { totalCount } }`, "BAD_USER_INPUT", /RELEVANCE needs filter.search/],
    [`{ measures(first: 5, filter: { actions: [GROW] }) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", /GROW/],
    [`{ measures(first: 5, filter: { minAmount: -1 }) { totalCount } }`, "BAD_USER_INPUT", /minAmount/],
    [`{ sources(first: 5, status: [BROKEN]) { totalCount } }`, "GRAPHQL_VALIDATION_FAILED", /BROKEN/],
  ])("rejects %s with a clear error", async (query, code, message) => {
    const error = await failure(query);
    expect(error.extensions?.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("rejects a bad date given as a variable with BAD_USER_INPUT", async () => {
    const error = await failure(`query($from: Date) { documents(first: 5, filter: { from: $from }) { totalCount } }`, { from: "2024-13-01" });
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/YYYY-MM-DD/);
  });
});
