/** Help texts, one per command; printed by --help and, on a usage error, to stderr. */
export const usage = {
  main: `Usage: vangnet <command> [options]

Commands:
  start      API and scheduled scrapers (the main job)
  serve      API only
  worker     scheduled scrapers only
  migrate    apply database migrations and load reference data, then exit

Options:
  -h, --help     show help (also after a command: vangnet start --help)
  -v, --version  show the version

Configuration comes from environment variables; see README.md.`,
  start: `Usage: vangnet start [--port N] [--host ADDRESS]

Run the GraphQL API and the scheduled scrapers in one process, on the embedded PGlite
database (VANGNET_DATA_DIR) unless DATABASE_URL is set. Migrations apply first.

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

Run the scheduled scrapers only (no API). Migrations apply first.

Options:
  -h, --help       show this help`,
  migrate: `Usage: vangnet migrate

Apply pending database migrations and (re)load the reference data, then exit. Safe to run
while other Vangnet processes start: a lock makes migrations apply once.

Options:
  -h, --help       show this help`,
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
