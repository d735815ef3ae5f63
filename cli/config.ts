import { z } from "zod";

/** Every environment variable Vangnet reads, parsed once per entry point. */
const configSchema = z.object({
  /** postgres:// URL of a server; when unset the embedded PGlite database is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Directory of the embedded PGlite database. */
  VANGNET_DATA_DIR: z.string().min(1).default("./data"),
  /** TCP port of the HTTP API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Address the HTTP API listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** `development` shows stack traces in GraphQL errors; anything else hides them. */
  NODE_ENV: z.string().default("production"),
  /** Server-side statement timeout for the postgres driver, in milliseconds. */
  VANGNET_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** `false` leaves the built-in sources out (only VANGNET_SOURCES_FILE counts): for tests and demos offline. */
  VANGNET_BUILTIN_SOURCES: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** JSON or YAML file that adds, overrides or disables sources. */
  VANGNET_SOURCES_FILE: z.string().min(1).optional(),
  /** Contact URL named in the User-Agent, so site owners can reach the operator. */
  VANGNET_CONTACT_URL: z.string().url().default("https://github.com/vangnet/vangnet"),
  /** Full User-Agent; by default built from the version and the contact URL. */
  VANGNET_USER_AGENT: z.string().min(1).optional(),
  /** Politeness: request starts per second per host. */
  VANGNET_REQUESTS_PER_SECOND: z.coerce.number().positive().max(50).default(1),
  /** Timeout of one HTTP request, body included, in milliseconds. */
  VANGNET_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Largest page body accepted, in bytes. */
  VANGNET_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse the configuration from an environment; blank values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return `${name}=${JSON.stringify(env[name])}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  return result.data;
}
