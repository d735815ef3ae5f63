import { type ParseArgsConfig, parseArgs } from "node:util";
import { DataDirInUseError } from "../db/data-dir-lock.js";
import type { KeysCommand } from "./commands/keys.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { packageVersion } from "./package-info.js";
import { type CommandName, UsageError, usage } from "./usage.js";
import { UserError } from "./user-error.js";

const listenOptions = {
  port: { type: "string" },
  host: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;
const helpOnly = { help: { type: "boolean", short: "h" } } as const;

function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: CommandName,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(describeArgsError(error), command);
  }
}

/**
 * Node's parseArgs messages, said as Vangnet says the rest ("unknown option --foo"); the command's
 * usage follows them.
 */
function describeArgsError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const named = message.match(/'(-[^' ]+)/)?.[1] ?? message.match(/'([^']+)'/)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${named}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `option ${named} needs a value (${named} VALUE)`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument "${named}"`;
  return message;
}

function parseWithPositionals<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: CommandName,
  args: string[],
  options: T,
  maxPositionals = Number.POSITIVE_INFINITY,
) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeArgsError(error), command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, command);
  }
  return parsed;
}

function parsePort(value: string | undefined, fallback: number, command: CommandName): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`, command);
  return port;
}


/**
 * Run the `vangnet` command line; returns the exit code. Command modules are imported when
 * chosen, so that `--help` and usage errors answer without loading the server and database.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`vangnet: ${error.message}\n\n${usage[error.command]}\n`);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof UserError) {
      process.stderr.write(`vangnet: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`vangnet: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("missing command", "main");
  if (command === "help" || command === "-h" || command === "--help") {
    process.stdout.write(`${usage.main}\n`);
    return 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  switch (command) {
    case "start":
    case "serve": {
      const values = parseCommandArgs(command, rest, listenOptions);
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runServices } = await import("./commands/run-services.js");
      return runServices(config, createLogger(config), {
        api: true,
        scheduler: command === "start",
        port: parsePort(values.port as string | undefined, config.PORT, command),
        host: (values.host as string | undefined) ?? config.HOST,
      });
    }
    case "worker": {
      const values = parseCommandArgs(command, rest, helpOnly);
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runServices } = await import("./commands/run-services.js");
      return runServices(config, createLogger(config), { api: false, scheduler: true, port: 0, host: "" });
    }
    case "migrate": {
      const values = parseCommandArgs(command, rest, helpOnly);
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runMigrate } = await import("./commands/migrate.js");
      return runMigrate(config, createLogger(config));
    }
    case "scrape": {
      const { values, positionals } = parseWithPositionals(command, rest, {
        all: { type: "boolean" },
        since: { type: "string" },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) return printHelp(command);
      const since = values.since as string | undefined;
      if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError(`--since must be a date YYYY-MM-DD, got "${since}"`, command);
      const concurrency = Number(values.concurrency ?? 4);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
        throw new UsageError(`--concurrency must be a whole number from 1 to 32, got "${values.concurrency}"`, command);
      }
      if (values.all && positionals.length > 0) throw new UsageError("give source ids or --all, not both", command);
      const config = loadConfig();
      const { runScrape } = await import("./commands/scrape.js");
      return runScrape(config, createLogger(config), { ids: positionals, all: Boolean(values.all), since, concurrency });
    }
    case "backfill": {
      const { values, positionals } = parseWithPositionals(command, rest, {
        all: { type: "boolean" },
        since: { type: "string" },
        refetch: { type: "boolean" },
        again: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) return printHelp(command);
      const since = values.since as string | undefined;
      if (since === undefined) throw new UsageError("--since is required: the first day to collect (YYYY-MM-DD)", command);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) throw new UsageError(`--since must be a date YYYY-MM-DD, got "${since}"`, command);
      if (values.all && positionals.length > 0) throw new UsageError("give source ids or --all, not both", command);
      const config = loadConfig();
      const { runBackfill } = await import("./commands/backfill.js");
      return runBackfill(config, createLogger(config), { ids: positionals, all: Boolean(values.all), since, refetch: Boolean(values.refetch), again: Boolean(values.again) });
    }
    case "sources": {
      const { values } = parseWithPositionals(command, rest, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, 0);
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runSources } = await import("./commands/sources.js");
      return runSources(config, createLogger(config), { json: Boolean(values.json) });
    }
    case "keys": {
      const { values, positionals } = parseWithPositionals(command, rest, { tier: { type: "string" }, contact: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, 2);
      if (values.help) return printHelp(command);
      const [action, argument] = positionals;
      const only = (allowed: string[]) => {
        const extra = ["tier", "contact", "json"].find((name) => values[name as keyof typeof values] !== undefined && !allowed.includes(name));
        if (extra) throw new UsageError(`--${extra} does not go with "keys ${action}"`, command);
      };
      let keysCommand: KeysCommand;
      if (action === "create") {
        only(["tier", "contact"]);
        if (!argument?.trim()) throw new UsageError("expected a name: vangnet keys create <name>", command);
        const tier = (values.tier as string | undefined) ?? "standard";
        if (tier !== "standard" && tier !== "partner") throw new UsageError(`--tier must be standard or partner, got "${tier}"`, command);
        keysCommand = { action, name: argument.trim(), tier, contact: (values.contact as string | undefined) ?? null };
      } else if (action === "list") {
        only(["json"]);
        if (argument !== undefined) throw new UsageError(`unexpected argument "${argument}"`, command);
        keysCommand = { action, json: Boolean(values.json) };
      } else if (action === "revoke") {
        only([]);
        if (!argument) throw new UsageError("expected the prefix of a key: vangnet keys revoke <prefix>", command);
        keysCommand = { action, prefix: argument };
      } else {
        throw new UsageError(action ? `unknown keys action "${action}"` : "expected create, list or revoke", command);
      }
      const config = loadConfig();
      const { runKeys } = await import("./commands/keys.js");
      return runKeys(config, createLogger(config), keysCommand);
    }
    case "export": {
      const values = parseCommandArgs(command, rest, { out: { type: "string" }, format: { type: "string" }, datasets: { type: "string" }, help: { type: "boolean", short: "h" } });
      if (values.help) return printHelp(command);
      const out = values.out as string | undefined;
      if (!out) throw new UsageError("--out DIR is required", command);
      const list = (text: string | undefined) => (text === undefined ? undefined : [...new Set(text.split(",").map((v) => v.trim()).filter(Boolean))]);
      const formats = list(values.format as string | undefined) ?? ["csv", "ndjson", "parquet"];
      const badFormat = formats.find((format) => format !== "csv" && format !== "ndjson" && format !== "parquet");
      if (badFormat !== undefined || formats.length === 0) throw new UsageError(`--format takes csv, ndjson and/or parquet, got "${values.format}"`, command);
      const config = loadConfig();
      const { runExport } = await import("./commands/export.js");
      return runExport(config, createLogger(config), { out, formats: formats as ("csv" | "ndjson" | "parquet")[], datasets: list(values.datasets as string | undefined) });
    }
    case "reprocess": {
      const { values, positionals } = parseWithPositionals(command, rest, helpOnly);
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runReprocess } = await import("./commands/reprocess.js");
      return runReprocess(config, createLogger(config), positionals);
    }
    case "parse": {
      const { values, positionals } = parseWithPositionals(command, rest, helpOnly, 2);
      if (values.help) return printHelp(command);
      if (positionals.length !== 2) throw new UsageError("expected a parser and a file or URL: vangnet parse lblod <file|url>", command);
      const config = loadConfig();
      const { runParse } = await import("./commands/parse.js");
      return runParse(config, positionals[0] as string, positionals[1] as string);
    }
    case "analyse": {
      const { values, positionals } = parseWithPositionals(command, rest, { date: { type: "string" }, municipality: { type: "string" }, help: { type: "boolean", short: "h" } }, 1);
      if (values.help) return printHelp(command);
      if (positionals.length !== 1) throw new UsageError("expected a file, or - for standard input", command);
      const date = (values.date as string | undefined) ?? null;
      if (date !== null && !isCalendarDate(date)) throw new UsageError(`--date must be a date YYYY-MM-DD, got "${date}"`, command);
      const municipality = (values.municipality as string | undefined) ?? null;
      if (municipality !== null && !/^\d{5}$/.test(municipality)) throw new UsageError(`--municipality must be a five-digit NIS code, got "${municipality}"`, command);
      const { runAnalyse } = await import("./commands/analyse.js");
      return runAnalyse({ target: positionals[0] as string, date, municipality });
    }
    case "demo": {
      const values = parseCommandArgs(command, rest, { ...listenOptions, "data-dir": { type: "string" } });
      if (values.help) return printHelp(command);
      const config = loadConfig();
      const { runDemo } = await import("./commands/demo.js");
      return runDemo(config, createLogger(config), {
        port: parsePort(values.port as string | undefined, config.PORT, command),
        host: (values.host as string | undefined) ?? "127.0.0.1",
        dataDir: values["data-dir"] as string | undefined,
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"`, "main");
  }
}

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function printHelp(command: CommandName): number {
  process.stdout.write(`${usage[command]}\n`);
  return 0;
}
