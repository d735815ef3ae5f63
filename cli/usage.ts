/** Help texts, one per command; printed by --help and, on a usage error, to stderr. */
export const usage = {
  main: `Usage: vangnet <command> [options]

Commands:
  start      API and scheduled scrapers (the main job)
  serve      API only
  worker     scheduled scrapers only
  migrate    apply database migrations and load reference data, then exit
  scrape     run sources now: vangnet scrape <source-id...> | --all
  backfill   collect a source's history: vangnet backfill <source-id...> | --all --since DATE
  sources    list sources with schedule, next run, last run and counts
  reprocess  re-parse stored pages without fetching: vangnet reprocess [source-id...]
  export     write a consistent snapshot of the bulk datasets: vangnet export --out DIR
  keys       API keys for higher rate limits: vangnet keys create <name> | list | revoke <prefix>
  demo       collect from local replay sites built from the fixtures and serve the result (offline)
  parse      print what a parser reads from a page: vangnet parse lblod|article|news:<id> <file|url>
  analyse    print what the normalisation reads from a text: vangnet analyse <file|-> [--date D]

Options:
  -h, --help     show help (also after a command: vangnet start --help)
  -v, --version  show the version

Configuration comes from environment variables; see README.md.`,
  start: `Usage: vangnet start [--port N] [--host ADDRESS]

Run the GraphQL API and the scheduled scrapers in one process, on the embedded PGlite
database (VANGNET_DATA_DIR) unless DATABASE_URL is set. Migrations apply first. On a database
it never collected into, every enabled source runs once right away, in the background (the first
harvest, shown in /healthz and on the landing page; VANGNET_FIRST_HARVEST=false turns it off).

Options:
  --port N         port of the API (default PORT or 4000)
  --host ADDRESS   address to listen on (default HOST or 0.0.0.0)
  -h, --help       show this help`,
  serve: `Usage: vangnet serve [--port N] [--host ADDRESS]

Run the GraphQL API only (no scheduled scrapers). Migrations apply first.

Options:
  --port N         port of the API (default PORT or 4000)
  --host ADDRESS   address to listen on (default HOST or 0.0.0.0)
  -h, --help       show this help`,
  worker: `Usage: vangnet worker

Run the scheduled scrapers only (no API), and the first harvest like \`vangnet start\`.
Migrations apply first.

Options:
  -h, --help       show this help`,
  migrate: `Usage: vangnet migrate

Apply pending database migrations and (re)load the reference data, then exit. Safe to run
while other Vangnet processes start: a lock makes migrations apply once.

Options:
  -h, --help       show this help`,
  scrape: `Usage: vangnet scrape <source-id...> | --all [--since YYYY-MM-DD] [--concurrency N]

Run sources now (see \`vangnet sources\` for ids), politely and incrementally: unchanged pages
are answered with 304 and not re-parsed. Shows progress per source and a summary; exits 1 when
a source failed.

Options:
  --all               every enabled source
  --since DATE        collect sessions from this day on instead of the rolling window (one run,
                      capped at the source's page limit; \`vangnet backfill\` walks all of it)
  --concurrency N     sources run at the same time (default 4; each host still gets 1 request/s)
  -h, --help          show this help`,
  backfill: `Usage: vangnet backfill <source-id...> | --all --since YYYY-MM-DD [--refetch] [--again]

Walk the sources' publication history back to a day, beyond the rolling window of the scheduled
runs, one source after another with the normal per-host spacing, with a progress bar and an ETA.
Resumable: after a kill (or Ctrl-C), the same command goes on where it got to, reading the pages
it already fetched from the database. Session documents and articles stored before are not
fetched again unless --refetch says so. Exits 1 when a source failed or was busy.

Options:
  --all          every enabled source
  --since DATE   first day to collect (required)
  --refetch      fetch again the session documents and articles already stored
  --again        walk again although an earlier backfill reached back to DATE
  -h, --help     show this help`,
  sources: `Usage: vangnet sources [--json]

List every configured source (built in, and VANGNET_SOURCES_FILE) with its schedule, next run,
last run and status, and the number of documents it has yielded; and where the first harvest
stands while it is unfinished.

Options:
  --json       machine-readable output
  -h, --help   show this help`,
  reprocess: `Usage: vangnet reprocess [source-id...]

Re-parse and re-store the stored pages of the named sources (default: all), fetching nothing.
Use after the parsing or normalisation rules changed; only real differences are written.

Options:
  -h, --help   show this help`,
  keys: `Usage: vangnet keys create <name> [--tier standard|partner] [--contact C]
       vangnet keys list [--json]
       vangnet keys revoke <prefix>

API keys give a caller a higher rate limit than anonymous use (see README, "Serving"). Send a key
as \`Authorization: Bearer <key>\` or \`X-Api-Key: <key>\`. Only a hash of the key is stored.

  create   make a key and print it once, on standard output (keep it: it cannot be shown again)
  list     every key with its prefix, tier, status, creation and last use
  revoke   refuse the key from now on (the server notices within 30 seconds)

Options:
  --tier T       standard (default) or partner (a higher limit)
  --contact C    who to contact about the key (e-mail, URL)
  --json         machine-readable list
  -h, --help     show this help`,
  demo: `Usage: vangnet demo [--port N] [--host ADDRESS] [--data-dir DIR]

Start local replay sites built from the project's fixtures (an LBLOD publication site and the
press-release sites), point sources at them, run every source once, and serve the API with that
data. Needs no internet and no setup; the data lives in memory unless --data-dir is given.

Options:
  --port N         port of the API (default PORT or 4000)
  --host ADDRESS   address to listen on (default 127.0.0.1)
  --data-dir DIR   keep the demo database in this PGlite directory
  -h, --help       show this help`,
  parse: `Usage: vangnet parse lblod|article|news:<source-id> <file|url>

Print as JSON what a parser reads from one page:
  lblod            sessions, agenda items, decisions and votes (each with its URI), treatments,
                   governing bodies, administrative units and links
  article          the generic article extractor: title, lead, publishedAt, modifiedAt, author,
                   url, text, html, attachments (what a site without configuration gets)
  news:<source-id> the same with that source's selectors

Options:
  -h, --help   show this help`,
  analyse: `Usage: vangnet analyse <file|-> [--date YYYY-MM-DD] [--municipality NIS]

Print as JSON what the normalisation reads from a Dutch text (a file, or - for standard input):
municipalities (NIS, name, mentions), themes (code, label, score, evidence), amounts (value in
euro, period, text and offsets), quantities, dates, measures, exchanges and personal data found.
  --date           the document's date: resolves merged municipalities and dates without a year
  --municipality   NIS code of the publishing municipality (for measures that name none)

Options:
  -h, --help   show this help`,
  export: `Usage: vangnet export --out DIR [--format csv,ndjson,parquet] [--datasets NAME,...]

Write every bulk dataset (or those named) in each format to DIR, from one snapshot of the
database, with manifest.json (rows, bytes, SHA-256, schema version, the change-log sequence and
cursor the files are consistent with) and datapackage.json (a Frictionless Data Package of the
CSV files). Follow changes(after: <changeCursor>) to keep it current. Files appear only when
complete. Progress is shown on a terminal.

Options:
  --out DIR            directory to write to (created when missing; files there are replaced)
  --format LIST        csv, ndjson and/or parquet, comma-separated (default all three)
  --datasets LIST      datasets to write, comma-separated (default all; see GET /bulk/)
  -h, --help           show this help`,
} as const;

export type CommandName = Exclude<keyof typeof usage, "main">;

/** A mistake in how the command was called: exits 2 with the usage. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly command: keyof typeof usage,
  ) {
    super(message);
  }
}
