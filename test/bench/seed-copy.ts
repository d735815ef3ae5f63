/**
 * Rows in PostgreSQL's COPY text format, and the two ways the benchmark seed sends them: `COPY …
 * FROM STDIN` on a server (postgres.js), `COPY … FROM '/dev/blob'` inside PGlite. Values are
 * encoded as they are added, so a batch is a list of lines and nothing else.
 */
import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";

/** A jsonb value. */
export class Json {
  constructor(readonly value: unknown) {}
}
/** A text[] value. */
export class TextArray {
  constructor(readonly items: readonly string[]) {}
}

export type CopyValue = string | number | bigint | boolean | Date | Json | TextArray | null | undefined;

const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text field of the COPY text format: backslash, tab and line ends escaped. */
function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] as string) : text;
}

/** An array element, quoted as an array literal needs it. */
function arrayItem(item: string): string {
  return /^[\p{L}\p{N}_.-]+$/u.test(item) ? item : `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function encodeValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Json) return escapeText(JSON.stringify(value.value));
  return escapeText(`{${value.items.map(arrayItem).join(",")}}`);
}

/** The rows of one table for one COPY. */
export class CopyRows {
  readonly lines: string[] = [];
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(...values: CopyValue[]): void {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    this.lines.push(values.map(encodeValue).join("\t"));
  }

  get size(): number {
    return this.lines.length;
  }

  /** The COPY payload: one line per row. */
  payload(): string {
    return this.lines.length ? `${this.lines.join("\n")}\n` : "";
  }

  statement(from: string): string {
    return `copy ${this.table} (${this.columns.join(", ")}) from ${from}`;
  }
}

/** Where batches of rows go. */
export interface CopySink {
  /** Send the rows in one COPY; several calls may run at once on a server (one connection each). */
  copy(rows: CopyRows): Promise<void>;
}

/**
 * COPY … FROM STDIN through postgres.js, in a transaction on a connection of its own. postgres.js
 * (3.4) never settles the stream of a COPY that the server rejects after the data went out (a
 * foreign key is checked at the end, seen 2026-11): so a `select` is queued behind the COPY in the
 * same transaction, and fails when the COPY did.
 */
export function postgresSink(sql: postgres.Sql): CopySink {
  return {
    async copy(rows) {
      if (rows.size === 0) return;
      const connection = await sql.reserve();
      try {
        await connection`begin`;
        const stream = await connection.unsafe(rows.statement("stdin")).writable();
        let streamError: Error | null = null;
        stream.on("error", (error: Error) => (streamError = error));
        await new Promise<void>((resolve) => stream.write(rows.payload(), () => resolve()));
        stream.end();
        // The stream hands the end of the data to the connection on a later tick.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          await connection`select 1`;
        } catch (error) {
          await connection`rollback`;
          throw streamError ?? new Error(`COPY into ${rows.table} was refused by the server (its log says why)`, { cause: error });
        }
        await connection`commit`;
      } finally {
        connection.release();
      }
    },
  };
}

/** COPY … FROM '/dev/blob' inside PGlite: the rows go over as one blob. */
export function pgliteSink(pg: PGlite): CopySink {
  return {
    async copy(rows) {
      if (rows.size === 0) return;
      await pg.query(rows.statement("'/dev/blob'"), [], { blob: new Blob([rows.payload()]) });
    },
  };
}
