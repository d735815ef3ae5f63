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
