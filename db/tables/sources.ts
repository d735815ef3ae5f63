import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { sourceKinds } from "../../schema/source-kinds.js";
import { municipalities } from "./reference.js";

/** `'lblod', 'feed', …`: the kinds of schema/source-kinds.ts as SQL literals (plain words, nothing to escape). */
const sourceKindList = sql.raw(sourceKinds.map((kind) => `'${kind}'`).join(", "));

/** A configured publisher: an LBLOD publication site, a news feed, a listing page. */
export const sources = pgTable(
  "sources",
  {
    /** Stable id such as `lblod:gent-gemeente` or `news:gent`. */
    id: text("id").primaryKey(),
    /** One of schema/source-kinds.ts: lblod | feed | listing | browser. */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    /** Publishing municipality, when the source belongs to one. */
    municipalityNis: text("municipality_nis").references(() => municipalities.nis),
    startUrl: text("start_url").notNull(),
    /** Cron expression, evaluated in `timezone`. */
    schedule: text("schedule").notNull(),
    timezone: text("timezone").notNull().default("Europe/Brussels"),
    /** Kind-specific configuration (selectors, window, page caps…), as declared or overridden. */
    config: jsonb("config").notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    /** builtin (the registry) | file (VANGNET_SOURCES_FILE) */
    origin: text("origin").notNull().default("builtin"),
    /** Whether an empty scrape is normal for this source rather than an error. */
    mayBeEmpty: boolean("may_be_empty").notNull().default(false),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** End of the last run that stored a document new to Vangnet. */
    lastNewDocumentAt: timestamp("last_new_document_at", { withTimezone: true }),
    /**
     * The source's rhythm: the usual time between two runs that found new documents, in seconds
     * (an exponentially weighted mean of the gaps), null until two such runs were seen.
     */
    newDocumentGapS: doublePrecision("new_document_gap_s"),
    /** How many gaps the rhythm was measured on. */
    newDocumentGaps: integer("new_document_gaps").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sources_municipality_idx").on(t.municipalityNis),
    check("sources_kind", sql`${t.kind} in (${sourceKindList})`),
    check("sources_origin", sql`${t.origin} in ('builtin', 'file')`),
  ],
);

/** One execution of a source: what it fetched, what it stored, what went wrong. */
export const scrapeRuns = pgTable(
  "scrape_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    /** schedule | harvest (the first harvest of a database) | manual | reprocess | demo | backfill */
    trigger: text("trigger").notNull(),
    /** The scheduled fire this run serves (schedule_claims), for a run the scheduler started. */
    fireAt: timestamp("fire_at", { withTimezone: true }),
    /** running | ok | partial | failed */
    status: text("status").notNull().default("running"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** `host:pid` of the process doing the run, to recognise a run whose process is gone. */
    worker: text("worker"),
    /** Updated while running, so a run whose process was killed can be recognised. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /**
     * Set when the run's process ended without finishing it (killed or crashed): what it wrote is
     * the unfinished state of one crawl, which the next run completes instead of versioning it.
     */
    interrupted: boolean("interrupted").notNull().default(false),
    pagesFetched: integer("pages_fetched").notNull().default(0),
    pagesNotModified: integer("pages_not_modified").notNull().default(0),
    itemsInserted: integer("items_inserted").notNull().default(0),
    itemsUpdated: integer("items_updated").notNull().default(0),
    itemsUnchanged: integer("items_unchanged").notNull().default(0),
    /** `[{ url, reason, at }]`. */
    errors: jsonb("errors").notNull().default([]),
    /**
     * `[{ url, reason, at }]`: what had to be mended on pages that were stored all the same (an
     * IRI written with a space); unlike errors, they do not make a run partial.
     */
    warnings: jsonb("warnings").notNull().default([]),
  },
  (t) => [
    index("scrape_runs_source_started_idx").on(t.sourceId, t.startedAt.desc()),
    // One running run per source, whichever process starts it: a second start is refused.
    uniqueIndex("scrape_runs_one_running_per_source").on(t.sourceId).where(sql`${t.status} = 'running'`),
    check("scrape_runs_status", sql`${t.status} in ('running', 'ok', 'partial', 'failed')`),
    check("scrape_runs_trigger", sql`${t.trigger} in ('schedule', 'harvest', 'manual', 'reprocess', 'demo', 'backfill')`),
  ],
);

/**
 * A fetched page as it came from the wire, kept so that parsing and normalisation can be re-run
 * without fetching again. One row per distinct body of a URL; re-fetching the same body only
 * moves `lastFetchedAt`.
 */
export const captures = pgTable(
  "captures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    runId: bigint("run_id", { mode: "number" }).references(() => scrapeRuns.id),
    url: text("url").notNull(),
    /** URL after redirects. */
    finalUrl: text("final_url").notNull(),
    httpStatus: integer("http_status").notNull(),
    etag: text("etag"),
    lastModified: text("last_modified"),
    contentType: text("content_type"),
    /** SHA-256 of the decoded body, hex. */
    contentHash: text("content_hash").notNull(),
    /** The body decoded to text with its declared or sniffed character set. */
    body: text("body").notNull(),
    byteSize: integer("byte_size").notNull(),
    /** Links the parser found on the page, kept so that a 304 needs no re-parse to crawl on. */
    links: jsonb("links").$type<{ url: string; rel: string }[]>().notNull().default([]),
    /** Date of the session (or article) the page belongs to, so crawls keep to their window on a 304. */
    pageDate: date("page_date", { mode: "string" }),
    /**
     * When what the page says was stored, in the same transaction as the content. Null while the
     * page is not (yet) processed: a later run parses the stored body again, even on a 304.
     */
    processedAt: timestamp("processed_at", { withTimezone: true }),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
    lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("captures_source_url_hash_key").on(t.sourceId, t.url, t.contentHash),
    index("captures_url_idx").on(t.url, t.lastFetchedAt.desc()),
  ],
);
