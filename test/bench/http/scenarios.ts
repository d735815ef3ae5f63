/**
 * The scenarios of `npm run bench` (issue 16), each against its reference, side by side: every
 * round measures ours and theirs once each (A B A B …), and a row reports the medians over the
 * rounds with the target. test/bench/README.md says what each one measures and why.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DOCUMENT_PAGE_QUERY, documentCursorAfter, MEASURE_PAGE_QUERY, measureCount, measureCursorAfter } from "./cursors.js";
import { askGraphql, cannonSpecOf, type GraphqlRequest, runLoad } from "./load.js";
import type { PgliteSeed, PostgresSeed } from "./machine.js";
import { residentMiB, type RunningServer, spawnVangnetStart, startBareApollo, startPostgraphile, startVangnetServe } from "./servers.js";
import { alternate, type Medians, mediansOf, type Progress, type Sample, type Side } from "./rounds.js";
import { captureSearchStatements, explainAnalyze, psqlSample } from "./sql-reference.js";
import { median } from "./stats.js";

export interface BenchConfig {
  /** Seconds of one load measurement (BENCH_SECONDS). */
  seconds: number;
  /** Rounds of each side (BENCH_ROUNDS). */
  rounds: number;
  /** Connections of the throughput scenarios (BENCH_CONNECTIONS). */
  connections: number;
  /** Connections of the latency scenarios (BENCH_LATENCY_CONNECTIONS). */
  latencyConnections: number;
  /** Seconds of load on each side before the first round, not counted (BENCH_WARMUP_SECONDS). */
  warmupSeconds: number;
  /** Seconds a server stays idle before its RSS is read. */
  idleSeconds: number;
}

export interface BenchContext {
  config: BenchConfig;
  postgres: PostgresSeed;
  pglite: PgliteSeed | null;
  progress: Progress;
}

export type Metric = "req/s" | "p50 ms" | "p95 ms" | "p99 ms" | "s" | "MiB";

/** One line of the results table. */
export interface Row {
  scenario: string;
  reference: string;
  metric: Metric;
  ours: number;
  theirs: number | null;
  /** ours / theirs. */
  ratio: number | null;
  target: string;
  met: boolean | null;
  /** Documents in the database(s) measured. */
  documents: string;
  note?: string;
}

export interface SideRecord {
  label: string;
  /** The load: connections, seconds, method, rate; or how the reference was timed. */
  how: string;
  /** Medians over the rounds of a load or timing side; absent for a single figure (seconds, MiB). */
  medians?: Medians;
  samples: unknown[];
}

export interface ScenarioResult {
  rows: Row[];
  sides: Record<string, SideRecord>;
  details?: Record<string, unknown>;
}

export type Scenario = (context: BenchContext) => Promise<ScenarioResult>;

const count = (n: number) => n.toLocaleString("en").replace(/,/g, " ");

/** A side of a scenario: how it is measured, and a short unrecorded run of the same before round 1. */
interface BenchSide extends Side {
  how: string;
  warm: () => Promise<unknown>;
}

/** A side that loads one GraphQL request with autocannon. */
function loadSide(context: BenchContext, label: string, request: GraphqlRequest, connections: number, overallRate?: number): BenchSide {
  const { seconds, warmupSeconds } = context.config;
  const rate = overallRate ? { overallRate } : {};
  return {
    label,
    how: `autocannon, ${connections} connection${connections === 1 ? "" : "s"}, ${seconds} s, ${request.get ? "GET" : "POST"}${overallRate ? `, ${overallRate} req/s overall` : ""}`,
    measure: () => runLoad(request, { connections, seconds, ...rate }),
    warm: () => (warmupSeconds > 0 ? runLoad(request, { connections, seconds: warmupSeconds, ...rate }) : Promise.resolve()),
  };
}

async function warmUp(sides: BenchSide[]): Promise<void> {
  for (const side of sides) await side.warm();
}

function record(side: BenchSide, samples: Sample[]): SideRecord {
  return { label: side.label, how: side.how, medians: mediansOf(samples), samples };
}

/** Start the servers, run `work`, stop them whatever happens. */
async function withServers<T>(starts: (() => Promise<RunningServer>)[], work: (servers: RunningServer[]) => Promise<T>): Promise<T> {
  const servers: RunningServer[] = [];
  try {
    for (const start of starts) servers.push(await start());
    return await work(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

const serveOnPostgres = (context: BenchContext) => () => startVangnetServe("vangnet serve (Postgres)", { driver: "postgres", url: context.postgres.url });

function ratioRow(row: Omit<Row, "ratio" | "met">, meets: (ratio: number) => boolean): Row {
  const ratio = row.theirs ? row.ours / row.theirs : null;
  return { ...row, ratio, met: ratio === null ? null : meets(ratio) };
}

/** 1. `{ __typename }`: the whole serving stack with no database work, against a bare Apollo Server. */
const typename: Scenario = async (context) => {
  const { connections } = context.config;
  return withServers([serveOnPostgres(context), startBareApollo], async ([ours, bare]) => {
    const query = "{ __typename }";
    const sides = [ours, bare].map((server) => loadSide(context, (server as RunningServer).label, { url: (server as RunningServer).url, query }, connections));
    await warmUp(sides);
    const [oursSamples = [], bareSamples = []] = await alternate(context.config.rounds, sides, context.progress);
    const [o, t] = [mediansOf(oursSamples), mediansOf(bareSamples)];
    return {
      rows: [
        ratioRow(
          { scenario: "typename", reference: "bare Apollo Server 5 (Express 5)", metric: "req/s", ours: o.reqPerSec ?? 0, theirs: t.reqPerSec, target: "≥ 0.9×", documents: count(context.postgres.marker.documents) },
          (r) => r >= 0.9,
        ),
      ],
      sides: { ours: record(sides[0] as BenchSide, oursSamples), theirs: record(sides[1] as BenchSide, bareSamples) },
    };
  });
};

const LIST_FIELDS = "nodes { id title publishedAt }";
export const listQueries = {
  themed: `query List($nis: ID!, $theme: String!) { documents(first: 20, filter: { municipalities: [$nis], themes: [$theme] }, orderBy: PUBLISHED_DESC) { ${LIST_FIELDS} } }`,
  municipal: `query List($nis: ID!) { documents(first: 20, filter: { municipalities: [$nis] }, orderBy: PUBLISHED_DESC) { ${LIST_FIELDS} } }`,
  postgraphile: `query List($nis: String!) { allDocuments(condition: { municipalityNis: $nis }, orderBy: PUBLISHED_AT_DESC, first: 20) { ${LIST_FIELDS} } }`,
};

async function expectTwenty(request: GraphqlRequest, field: "documents" | "allDocuments"): Promise<void> {
  const data = await askGraphql<Record<string, { nodes: unknown[] }>>(request);
  const nodes = data[field]?.nodes ?? [];
  if (nodes.length !== 20) throw new Error(`${request.url}: ${nodes.length} documents instead of 20 for ${JSON.stringify(request.variables)}`);
}

/** The GET of the cached row is answered from the response cache (`X-Cache: HIT` on the second ask). */
async function expectCacheHit(request: GraphqlRequest): Promise<void> {
  const spec = cannonSpecOf(request, { connections: 1, seconds: 0 });
  let header: string | null = null;
  for (let i = 0; i < 2; i++) {
    const response = await fetch(spec.url, { method: spec.method, headers: spec.headers });
    await response.arrayBuffer();
    header = response.headers.get("x-cache");
  }
  if (header !== "HIT") throw new Error(`the cached list's GET answered X-Cache: ${header} the second time, not HIT`);
}

/**
 * 2. A list of 20 documents of one municipality (and one theme), newest first, against
 * PostGraphile 4 on the same database; uncached (POST, which the response cache never keeps),
 * cached (GET, answered from the response cache), and ours at half our top rate for its p99.
 */
const list: Scenario = async (context) => {
  const { connections, rounds } = context.config;
  const { aBigMunicipality: nis, aTheme: theme, documents } = context.postgres.marker;
  return withServers([serveOnPostgres(context), () => startPostgraphile(context.postgres.url)], async ([ours, postgraphile]) => {
    const oursUrl = (ours as RunningServer).url;
    const theirsUrl = (postgraphile as RunningServer).url;
    const requests = {
      themed: { url: oursUrl, query: listQueries.themed, variables: { nis, theme } },
      municipal: { url: oursUrl, query: listQueries.municipal, variables: { nis } },
      cached: { url: oursUrl, query: listQueries.themed, variables: { nis, theme }, get: true },
      postgraphile: { url: theirsUrl, query: listQueries.postgraphile, variables: { nis } },
    };
    await expectTwenty(requests.themed, "documents");
    await expectTwenty(requests.municipal, "documents");
    await expectTwenty(requests.postgraphile, "allDocuments");
    await expectCacheHit(requests.cached);
    const sides = [
      loadSide(context, "ours, municipality + theme, POST", requests.themed, connections),
      loadSide(context, "ours, municipality only, POST", requests.municipal, connections),
      loadSide(context, "ours, municipality + theme, GET (response cache)", requests.cached, connections),
      loadSide(context, "PostGraphile 4, municipality only", requests.postgraphile, connections),
    ];
    await warmUp(sides);
    const [themed = [], municipal = [], cached = [], theirs = []] = await alternate(rounds, sides, context.progress);
    const t = mediansOf(theirs);
    const o = { themed: mediansOf(themed), municipal: mediansOf(municipal), cached: mediansOf(cached) };
    const docs = count(documents);
    const reference = "PostGraphile 4, municipality only";

    // Half our top uncached rate, as autocannon paces it (--overallRate), for our p99.
    const halfRate = Math.max(1, Math.round((o.themed.reqPerSec ?? 0) / 2));
    const paced = loadSide(context, `ours, municipality + theme, POST at ${halfRate} req/s`, requests.themed, connections, halfRate);
    context.progress(`  list at half rate: ${halfRate} req/s`);
    const [pacedSamples = []] = await alternate(rounds, [paced], context.progress);
    const p = mediansOf(pacedSamples);

    return {
      rows: [
        ratioRow({ scenario: "list (municipality + theme)", reference, metric: "req/s", ours: o.themed.reqPerSec ?? 0, theirs: t.reqPerSec, target: "≥ 1.5×", documents: docs }, (r) => r >= 1.5),
        ratioRow({ scenario: "list (municipality only)", reference, metric: "req/s", ours: o.municipal.reqPerSec ?? 0, theirs: t.reqPerSec, target: "≥ 1.5×", documents: docs }, (r) => r >= 1.5),
        ratioRow({ scenario: "list-cached (GET, cache on)", reference, metric: "req/s", ours: o.cached.reqPerSec ?? 0, theirs: t.reqPerSec, target: "≥ 10×", documents: docs }, (r) => r >= 10),
        {
          scenario: "list p99 at half our max rate",
          reference: `none (ours at ${halfRate} req/s)`,
          metric: "p99 ms",
          ours: p.p99,
          theirs: null,
          ratio: null,
          target: "≤ 50 ms",
          met: p.p99 <= 50,
          documents: docs,
        },
      ],
      sides: {
        themed: record(sides[0] as BenchSide, themed),
        municipal: record(sides[1] as BenchSide, municipal),
        cached: record(sides[2] as BenchSide, cached),
        postgraphile: record(sides[3] as BenchSide, theirs),
        halfRate: record(paced, pacedSamples),
      },
    };
  });
};

/** 3. The page after row 150 000 (or 75 % of the list), keyset cursor, against page 1 of the same query. */
const deepPage: Scenario = async (context) => {
  const { latencyConnections: connections, rounds } = context.config;
  const { documents } = context.postgres.marker;
  return withServers([serveOnPostgres(context)], async ([ours]) => {
    const url = (ours as RunningServer).url;
    const rows: Row[] = [];
    const sides: Record<string, SideRecord> = {};
    const details: Record<string, unknown> = {};

    const documentDepth = Math.min(150_000, Math.floor(documents * 0.75));
    context.progress(`  documents: cursor after row ${count(documentDepth)}`);
    const documentCursor = await documentCursorAfter(context.postgres.url, url, documentDepth);

    const measures = await measureCount(url);
    const measureDepth = Math.min(150_000, Math.floor(measures * 0.75));
    context.progress(`  measures: paging through the API to row ${count(measureDepth)} of ${count(measures)}`);
    const measureCursor = await measureCursorAfter(url, measureDepth);
    details.documentDepth = documentDepth;
    details.measures = measures;
    details.measureDepth = measureDepth;

    for (const [name, query, depth, cursor, listed] of [
      ["documents", DOCUMENT_PAGE_QUERY, documentDepth, documentCursor, documents],
      ["measures", MEASURE_PAGE_QUERY, measureDepth, measureCursor, measures],
    ] as const) {
      const firstPage = { url, query, variables: { after: null } };
      const deep = { url, query, variables: { after: cursor } };
      const pair = [loadSide(context, `${name}: page after row ${count(depth)}`, deep, connections), loadSide(context, `${name}: page 1`, firstPage, connections)];
      await warmUp(pair);
      const [deepSamples = [], firstSamples = []] = await alternate(rounds, pair, context.progress);
      const [d, f] = [mediansOf(deepSamples), mediansOf(firstSamples)];
      rows.push(
        ratioRow(
          { scenario: `deep-page ${name} (row ${count(depth)})`, reference: `page 1 of the same query`, metric: "p50 ms", ours: d.p50, theirs: f.p50, target: "≤ 1.5×", documents: `${count(listed)} ${name}` },
          (r) => r <= 1.5,
        ),
      );
      sides[`${name}Deep`] = record(pair[0] as BenchSide, deepSamples);
      sides[`${name}First`] = record(pair[1] as BenchSide, firstSamples);
    }
    return { rows, sides, details };
  });
};

export const SEARCH_QUERY = "query Search($search: String!) { documents(filter: { search: $search }, first: 20, orderBy: RELEVANCE) { edges { snippet rank node { id title publishedAt } } } }";

/** 4. A search by relevance through the API against the same SQL statements replayed through psql. */
function search(kind: "rare" | "common"): Scenario {
  return async (context) => {
    const { latencyConnections: connections, rounds, seconds } = context.config;
    const { marker, url: databaseUrl } = context.postgres;
    const term = kind === "rare" ? marker.rareTerm : marker.commonTerm;
    const hits = kind === "rare" ? marker.rareHits : marker.commonHits;
    const targetMs = kind === "rare" ? 20 : 400;
    return withServers([serveOnPostgres(context)], async ([ours]) => {
      const request = { url: (ours as RunningServer).url, query: SEARCH_QUERY, variables: { search: term } };
      const { statements, rows: sqlRows } = await captureSearchStatements(databaseUrl, term, 20);
      const answer = await askGraphql<{ documents: { edges: { node: { title: string } }[] } }>(request);
      const apiTitles = answer.documents.edges.map((edge) => edge.node.title);
      if (JSON.stringify(apiTitles) !== JSON.stringify(sqlRows.slice(0, 20).map((row) => row.title))) throw new Error("the API's page and the captured statements' rows differ");

      // As many psql executions as fill about the same time as one load run, at least 20.
      const probe = await psqlSample(databaseUrl, statements, 5);
      const repetitions = Math.max(20, Math.min(2_000, Math.round((seconds * 1000) / Math.max(probe.latencyMs.p50, 0.1))));
      const api = loadSide(context, `API, "${term}"`, request, connections);
      const psql: BenchSide = {
        label: "psql, same statements",
        how: `psql \\timing, prepared statements, ${repetitions} replays of ${statements.length} statements`,
        measure: () => psqlSample(databaseUrl, statements, repetitions),
        warm: () => psqlSample(databaseUrl, statements, Math.ceil(repetitions / 4)),
      };
      await warmUp([api, psql]);
      const [apiSamples = [], psqlSamples = []] = await alternate(rounds, [api, psql], context.progress);
      const [o, t] = [mediansOf(apiSamples), mediansOf(psqlSamples)];
      const plan = await explainAnalyze(databaseUrl, statements);
      const planTimes = plan.filter((line) => /^(Planning|Execution) Time/.test(line.trim()));
      context.progress(`  EXPLAIN ANALYZE: ${planTimes.join(", ")}`);
      return {
        rows: [
          {
            scenario: `search-${kind} ("${term}", ${count(hits)} hits)`,
            reference: "same SQL through psql",
            metric: "p95 ms",
            ours: o.p95,
            theirs: t.p95,
            ratio: t.p95 ? o.p95 / t.p95 : null,
            target: `≤ ${targetMs} ms at 1 000 000`,
            met: o.p95 <= targetMs,
            documents: count(marker.documents),
            ...(marker.documents < 1_000_000 ? { note: `measured at ${count(marker.documents)} documents, not 1 000 000` } : {}),
          },
        ],
        sides: { api: record(api, apiSamples), psql: record(psql, psqlSamples) },
        details: { term, hits, statements, explainAnalyze: plan },
      };
    });
  };
}

/** 5. The list query on `vangnet serve` over the PGlite seed against the same on Postgres. */
const pglite: Scenario = async (context) => {
  const seed = context.pglite;
  if (!seed) throw new Error("no PGlite seed: run `npm run bench:seed -- --driver pglite --documents 50000` first");
  const { latencyConnections: connections, rounds } = context.config;
  const pg = context.postgres.marker;
  return withServers(
    [() => startVangnetServe("vangnet serve (PGlite)", { driver: "pglite", dir: seed.dir }), serveOnPostgres(context)],
    async ([onPglite, onPostgres]) => {
      const lite = { url: (onPglite as RunningServer).url, query: listQueries.themed, variables: { nis: seed.marker.aBigMunicipality, theme: seed.marker.aTheme } };
      const server = { url: (onPostgres as RunningServer).url, query: listQueries.themed, variables: { nis: pg.aBigMunicipality, theme: pg.aTheme } };
      await expectTwenty(lite, "documents");
      await expectTwenty(server, "documents");
      const pair = [loadSide(context, `PGlite (${count(seed.marker.documents)} documents)`, lite, connections), loadSide(context, `Postgres (${count(pg.documents)} documents)`, server, connections)];
      await warmUp(pair);
      const [liteSamples = [], serverSamples = []] = await alternate(rounds, pair, context.progress);
      const [o, t] = [mediansOf(liteSamples), mediansOf(serverSamples)];
      return {
        rows: [
          ratioRow(
            {
              scenario: "pglite (list, municipality + theme)",
              reference: "the same on Postgres",
              metric: "p50 ms",
              ours: o.p50,
              theirs: t.p50,
              target: "≤ 3×",
              documents: `${count(seed.marker.documents)} / ${count(pg.documents)}`,
              ...(seed.marker.documents !== pg.documents ? { note: "PGlite and Postgres seeds differ in size" } : {}),
            },
            (r) => r <= 3,
          ),
        ],
        sides: { pglite: record(pair[0] as BenchSide, liteSamples), postgres: record(pair[1] as BenchSide, serverSamples) },
      };
    },
  );
};

/** 6a. `vangnet start` on an empty data directory until the first GraphQL answer. */
const startup: Scenario = async (context) => {
  const times: number[] = [];
  for (let round = 1; round <= context.config.rounds; round++) {
    const parent = mkdtempSync(join(tmpdir(), "vangnet-bench-start-"));
    try {
      const started = performance.now();
      const server = await spawnVangnetStart("vangnet start (empty data directory)", join(parent, "data"));
      try {
        let answeredAt = 0;
        while (!answeredAt) {
          try {
            await askGraphql({ url: server.url, query: '{ municipality(nis: "44086") { name } }' });
            answeredAt = performance.now();
          } catch {
            if (server.process.child.exitCode !== null) throw new Error(`vangnet start exited:\n${server.process.output().slice(-2000)}`);
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          if (!answeredAt && performance.now() - started > 120_000) throw new Error("vangnet start: no answer within 120 s");
        }
        times.push((answeredAt - started) / 1000);
        context.progress(`    round ${round}/${context.config.rounds}: first answer after ${(times.at(-1) as number).toFixed(2)} s`);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }
  const seconds = median(times);
  return {
    rows: [{ scenario: "startup (empty data dir → first answer)", reference: "none", metric: "s", ours: seconds, theirs: null, ratio: null, target: "≤ 8 s", met: seconds <= 8, documents: "0" }],
    sides: { start: { label: "vangnet start, VANGNET_FIRST_HARVEST=false", how: "spawn to first answered query, polled every 20 ms", samples: times } },
  };
};

/** 6b. Idle RSS of `vangnet serve` after a few queries and `idleSeconds` of rest. */
const rss: Scenario = async (context) => {
  const seed = context.pglite;
  const targets = [
    { name: "Postgres", limit: 200, start: serveOnPostgres(context), marker: context.postgres.marker },
    ...(seed ? [{ name: "PGlite", limit: 300, start: () => startVangnetServe("vangnet serve (PGlite)", { driver: "pglite", dir: seed.dir }), marker: seed.marker }] : []),
  ];
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= context.config.rounds; round++) {
    for (const target of targets) {
      const value = await withServers([target.start], async ([server]) => {
        const url = (server as RunningServer).url;
        const { aBigMunicipality: nis, aTheme: theme, rareTerm } = target.marker;
        for (let i = 0; i < 5; i++) {
          await askGraphql({ url, query: "{ __typename }" });
          await askGraphql({ url, query: listQueries.themed, variables: { nis, theme } });
          await askGraphql({ url, query: DOCUMENT_PAGE_QUERY, variables: { after: null } });
          await askGraphql({ url, query: SEARCH_QUERY, variables: { search: rareTerm } });
        }
        await new Promise((resolve) => setTimeout(resolve, context.config.idleSeconds * 1000));
        return residentMiB((server as RunningServer).process.pid);
      });
      samples.get(target.name)?.push(value);
      context.progress(`    round ${round}/${context.config.rounds} ${target.name}: ${value.toFixed(0)} MiB`);
    }
  }
  const rows: Row[] = targets.map((target) => {
    const value = median(samples.get(target.name) ?? []);
    // The targets are in MB (10^6 bytes); VmRSS is read in KiB and shown in MiB.
    const limitMiB = (target.limit * 1e6) / 2 ** 20;
    return {
      scenario: `rss idle (${target.name})`,
      reference: "none",
      metric: "MiB",
      ours: value,
      theirs: null,
      ratio: null,
      target: `≤ ${target.limit} MB (${limitMiB.toFixed(0)} MiB)`,
      met: value <= limitMiB,
      documents: count(target.marker.documents),
    };
  });
  if (!seed) rows.push({ scenario: "rss idle (PGlite)", reference: "none", metric: "MiB", ours: Number.NaN, theirs: null, ratio: null, target: "≤ 300 MB (286 MiB)", met: null, documents: "-", note: "no PGlite seed" });
  return {
    rows,
    sides: Object.fromEntries(
      targets.map((t) => [
        t.name,
        { label: `vangnet serve (${t.name})`, how: `20 queries, ${context.config.idleSeconds} s idle, VmRSS`, samples: samples.get(t.name) ?? [] },
      ]),
    ),
  };
};

/** Every scenario by the name the command line takes, in the order `npm run bench` runs them. */
export const SCENARIOS: Record<string, Scenario> = {
  typename,
  list,
  "deep-page": deepPage,
  "search-rare": search("rare"),
  "search-common": search("common"),
  pglite,
  startup,
  rss,
};
