import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { redactPassword } from "../db/client.js";

/**
 * A Redis client for the shared rate-limit counters (REDIS_URL), loaded only when one is
 * configured. Commands fail at once while the server is unreachable instead of queueing, so the
 * limiter falls back to the process's own memory (its insurance) rather than making requests wait.
 */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const { Redis: Client } = await import("ioredis");
  const client = new Client(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  let reported = false;
  client.on("error", (error: Error) => {
    if (!reported) logger.warn({ err: error, redis: redactPassword(url) }, "Redis unreachable: rate limits count in this process's memory until it is back");
    reported = true;
  });
  client.on("ready", () => {
    if (reported) logger.info({ redis: redactPassword(url) }, "Redis reachable again");
    reported = false;
  });
  await client.connect().catch(() => undefined);
  return client;
}

