import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { ChangeFilter, ChangeRow } from "../db/queries/change-log.js";
import type { MunicipalityRegister } from "../db/reference/municipality-register.js";
import type { HarvestProgress } from "../schema/harvest.js";
import type { ApiKeyOfCaller } from "./caller.js";
import type { Loaders } from "./loaders.js";
import type { WebhookSettings } from "./webhooks/webhook-settings.js";

/** What every resolver receives. */
export interface ApiContext {
  /** Reads: the read replica when one is configured (DATABASE_READ_URL), else the database. */
  db: Database;
  /**
   * The primary database: writes, and reads that must see them or the newest state (webhooks,
   * the change log). The same as `db` without a replica.
   */
  primary: Database;
  /** The request's logger: every line carries its request id (over WebSocket, the server's). */
  logger: Logger;
  /** This request's batch loaders. */
  loaders: Loaders;
  /** The first harvest's progress. */
  harvest: () => HarvestProgress;
  /** The time now, for what is computed from it (a source's health); fixed in tests. */
  clock: () => Date;
  /** Which municipalities exist and what merged into what: checks NIS arguments, groups predecessors. */
  municipalities: MunicipalityRegister;
  /** The API key the request presented (checked, not revoked), or null: webhooks belong to a key. */
  apiKey: ApiKeyOfCaller | null;
  /** What webhook URLs may point at and how many webhooks a key may have. */
  webhooks: WebhookSettings;
  /** When the operation's context was made (`performance.now()`): its latency metric counts from here. */
  readonly startedAt: number;
  /** Over WebSocket only: open the stream of a `changes` subscription (api/subscriptions/). */
  openChangeStream?: (filter: ChangeFilter, afterSeq: number | undefined) => AsyncIterableIterator<ChangeRow>;
}

/** The real time: the clock of a server or channel that is given none. */
export const systemClock = (): Date => new Date();

/** What every operation's context shares: the same for the server's whole life. */
export type SharedContext = Pick<ApiContext, "harvest" | "clock" | "municipalities" | "webhooks">;

/**
 * The context of one GraphQL operation. A class, so that the logger is a getter on its prototype:
 * an operation that logs nothing never makes the request's child logger (api/http-logging.ts),
 * and no object gets an accessor of its own per request, which V8 serves on a slower path.
 */
export class OperationContext implements ApiContext {
  readonly harvest: ApiContext["harvest"];
  readonly clock: ApiContext["clock"];
  readonly municipalities: ApiContext["municipalities"];
  readonly webhooks: ApiContext["webhooks"];
  openChangeStream?: ApiContext["openChangeStream"];
  readonly startedAt = performance.now();

  constructor(
    readonly db: Database,
    readonly primary: Database,
    readonly loaders: Loaders,
    readonly apiKey: ApiKeyOfCaller | null,
    private readonly logSource: Logger | (() => Logger),
    shared: SharedContext,
  ) {
    this.harvest = shared.harvest;
    this.clock = shared.clock;
    this.municipalities = shared.municipalities;
    this.webhooks = shared.webhooks;
  }

  get logger(): Logger {
    return typeof this.logSource === "function" ? this.logSource() : this.logSource;
  }
}
