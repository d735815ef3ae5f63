/**
 * The reference of the search scenarios: the SQL statements the API sends for a search, captured
 * from the query module itself (the resolver's filter reading, then `listDocuments`, with
 * drizzle's statement hook and the transactions it opens), then replayed through `psql`: every
 * statement with parameters as PREPARE once and EXECUTE each time, inside BEGIN/COMMIT where the
 * API opened a transaction. drizzle sends unnamed statements (postgres.js `unsafe` without
 * `prepare`), which PostgreSQL plans for their values every time; psql's session therefore sets
 * `plan_cache_mode = force_custom_plan`, or from the sixth EXECUTE on PostgreSQL may keep a
 * generic plan (seen: 37 ms custom, 52–100 ms generic for the common search's page statement).
 * One request's time is the sum of psql's `\timing` of its statements (the time psql waits for
 * each answer).
 */
import { readDocumentFilter } from "../../../api/resolvers/documents.js";
import { createDb } from "../../../db/client.js";
import { type DocumentListRow, listDocuments } from "../../../db/queries/documents.js";
import { municipalityRegister } from "../../../db/reference/municipality-register.js";
import { runToEnd } from "./processes.js";
import { latencySummary } from "./stats.js";

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

const BEGIN: CapturedStatement = { sql: "begin", params: [] };
const COMMIT: CapturedStatement = { sql: "commit", params: [] };

/**
 * The statements `documents(filter: {search}, first, orderBy: RELEVANCE)` sends when only the
 * edges and their nodes' own columns are asked for (no `totalCount`, no nested loader), in
 * order, with `begin`/`commit` around a transaction; and the rows it reads.
 */
export async function captureSearchStatements(databaseUrl: string, search: string, first: number): Promise<{ statements: CapturedStatement[]; rows: DocumentListRow[] }> {
  const statements: CapturedStatement[] = [];
  const handle = await createDb({ databaseUrl, maxConnections: 1, onQuery: (sql, params) => statements.push({ sql, params }) });
  try {
    const db = handle.db;
    const transaction = db.transaction.bind(db);
    db.transaction = (async (work, config) => {
      statements.push(BEGIN);
      try {
        return await transaction(work, config);
      } finally {
        statements.push(COMMIT);
      }
    }) as typeof db.transaction;
    const filter = readDocumentFilter({ search }, municipalityRegister());
    // The resolver asks for one row more than the page, to know whether another page follows.
    const rows = await listDocuments(db, filter, { order: "relevance", limit: first + 1 });
    return { statements, rows };
  } finally {
    await handle.close();
  }
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** A statement PREPARE accepts (SET, BEGIN and COMMIT are sent as they are). */
const preparable = (statement: CapturedStatement) => /^\s*(select|with|values|insert|update|delete)\b/i.test(statement.sql);

/** The lines that prepare the statements, and the line that runs statement `i`. */
function replay(statements: readonly CapturedStatement[], explain = false): { prepare: string[]; run: string[] } {
  const prepare: string[] = [];
  const run: string[] = [];
  for (const [i, statement] of statements.entries()) {
    if (!preparable(statement)) {
      run.push(`${statement.sql};`);
      continue;
    }
    prepare.push(`PREPARE bench_${i} AS ${statement.sql};`);
    const execute = `EXECUTE bench_${i}${statement.params.length ? `(${statement.params.map(literal).join(", ")})` : ""};`;
    run.push(explain ? `\\o\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${execute}\n\\o /dev/null` : execute);
  }
  return { prepare, run };
}

const MARK = "@@bench-request@@";
/** Plan every EXECUTE for its values, as PostgreSQL plans the API's unnamed statements. */
const CUSTOM_PLANS = "set plan_cache_mode = force_custom_plan;";

function psqlArgs(databaseUrl: string): string[] {
  return ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", databaseUrl];
}

/** Milliseconds of each of `repetitions` replays of the statements (the sum of their `\timing`), the PREPAREs left out. */
export async function timeWithPsql(databaseUrl: string, statements: readonly CapturedStatement[], repetitions: number): Promise<number[]> {
  const { prepare, run } = replay(statements);
  const script = ["\\timing on", "\\o /dev/null", CUSTOM_PLANS, ...prepare, `\\echo ${MARK}`];
  for (let i = 0; i < repetitions; i++) script.push(...run, `\\echo ${MARK}`);
  const output = await runToEnd("psql", "psql", psqlArgs(databaseUrl), { input: `${script.join("\n")}\n`, timeoutMs: 900_000 });
  const blocks = output.split(`${MARK}\n`).slice(1, repetitions + 1);
  const times = blocks.map((block) => [...block.matchAll(/^Time: ([\d.]+) ms/gm)].reduce((sum, match) => sum + Number(match[1]), 0));
  const perRequest = run.length;
  for (const block of blocks) {
    const count = [...block.matchAll(/^Time: /gm)].length;
    if (count !== perRequest) throw new Error(`psql printed ${count} timings for ${perRequest} statements:\n${block.slice(0, 1000)}`);
  }
  if (times.length !== repetitions) throw new Error(`psql ran ${times.length} of ${repetitions} replays:\n${output.slice(0, 1000)}`);
  return times;
}

/** A psql measurement in the shape of a load sample. */
export async function psqlSample(databaseUrl: string, statements: readonly CapturedStatement[], repetitions: number): Promise<{ latencyMs: ReturnType<typeof latencySummary>; executions: number }> {
  const times = await timeWithPsql(databaseUrl, statements, repetitions);
  return { latencyMs: latencySummary(times), executions: times.length };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement with parameters, in the request's order and transactions, after one replay to warm the cache. */
export async function explainAnalyze(databaseUrl: string, statements: readonly CapturedStatement[]): Promise<string[]> {
  const { prepare, run } = replay(statements);
  const explained = replay(statements, true).run;
  const script = ["\\o /dev/null", CUSTOM_PLANS, ...prepare, ...run, ...explained, ""].join("\n");
  const output = await runToEnd("psql", "psql", psqlArgs(databaseUrl), { input: script, timeoutMs: 300_000 });
  return output.split("\n").filter((line) => line.trim() !== "");
}
