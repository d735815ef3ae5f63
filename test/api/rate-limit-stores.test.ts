import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimits } from "../../api/rate-limit.js";
import { connectRedis } from "../../api/redis.js";
import type { RateLimitOptions } from "../../api/serving-options.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const silent = pino({ level: "silent" });
const OPTIONS: RateLimitOptions = { windowSeconds: 60, anonymous: 5, standard: 50, partner: 500, keyCacheTtlMs: 0, store: "auto" };
/** A caller of its own for each test: stores outlive a test file (Redis) or are shared by its tests. */
const caller = () => ({ tier: "anonymous" as const, id: `ip:test-${randomBytes(6).toString("hex")}` });

/** Two "processes" (two limiters over one store) spend alternately: what each is told. */
async function spendAlternately(a: ReturnType<typeof createRateLimits>, b: ReturnType<typeof createRateLimits>, times: number) {
  const who = caller();
  const answers: { allowed: boolean; remaining: number }[] = [];
  for (let i = 0; i < times; i++) {
    const { allowed, status } = await (i % 2 === 0 ? a : b).spend(who, 1);
    answers.push({ allowed, remaining: status.remaining });
  }
  return answers;
}

const oneBudgetOfFive = [
  { allowed: true, remaining: 4 },
  { allowed: true, remaining: 3 },
  { allowed: true, remaining: 2 },
  { allowed: true, remaining: 1 },
  { allowed: true, remaining: 0 },
  { allowed: false, remaining: 0 },
  { allowed: false, remaining: 0 },
];

describe(`rate-limit counters shared by processes (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("in the database: two limiters spend one budget", async () => {
    const store = () => ({ kind: "database" as const, db: db.db });
    expect(await spendAlternately(createRateLimits(OPTIONS, store), createRateLimits(OPTIONS, store), 7)).toEqual(oneBudgetOfFive);
    // The sixth spend reached the store (and counts); the seventh was refused from the refusing
    // limiter's memory, where a caller over its budget stays until the window ends.
    const [row] = await db.rows<{ points: number }>("select points from rate_limit_points order by expire desc limit 1");
    expect(row?.points).toBe(6);
  });

  it("in memory: each limiter has its own budget (one process)", async () => {
    const answers = await spendAlternately(createRateLimits(OPTIONS), createRateLimits(OPTIONS), 8);
    expect(answers.every((a) => a.allowed)).toBe(true);
  });

  it("in Redis: two limiters spend one budget", async () => {
    const [one, two] = [await connectRedis("redis://127.0.0.1:6379", silent), await connectRedis("redis://127.0.0.1:6379", silent)];
    try {
      expect(one.status, "a Redis server on 127.0.0.1:6379 (the CI machine has one)").toBe("ready");
      const answers = await spendAlternately(createRateLimits(OPTIONS, () => ({ kind: "redis", client: one })), createRateLimits(OPTIONS, () => ({ kind: "redis", client: two })), 7);
      expect(answers).toEqual(oneBudgetOfFive);
    } finally {
      await Promise.all([one.quit(), two.quit()]);
    }
  });

  it("counts in the process's memory while Redis is unreachable, instead of failing requests", async () => {
    const gone = await connectRedis("redis://127.0.0.1:1", silent);
    try {
      const limits = createRateLimits(OPTIONS, () => ({ kind: "redis", client: gone }));
      const who = caller();
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await limits.spend(who, 1)).allowed);
      // The insurance limiter has the same budget: five allowed, the sixth refused.
      expect(answers).toEqual([true, true, true, true, true, false]);
    } finally {
      gone.disconnect();
    }
  });
});
