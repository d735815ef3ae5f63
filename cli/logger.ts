import { type Logger, pino } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/** JSON logs on stderr, so that commands printing data on stdout stay pipeable. */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: "vangnet" } }, pino.destination(2));
}
