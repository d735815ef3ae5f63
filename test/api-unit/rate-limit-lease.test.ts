import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { createLeasedSpending, leaseSize } from "../../api/rate-limit-lease.js";

/** One store (a memory limiter standing for the database or Redis) that counts its round trips. */
function countingStore(points: number, duration = 60) {
  const limiter = new RateLimiterMemory({ points, duration });
  const store = {
    trips: 0,
    consume: (key: string, n: number): Promise<RateLimiterRes> => {
      store.trips++;
      return limiter.consume(key, n);
    },
  };
  return store;
}

describe("leased spending against a shared rate-limit store", () => {
  it("sizes leases at a fiftieth of the budget, at most 1 000, none for small budgets", () => {
    expect([leaseSize(5), leaseSize(99), leaseSize(300), leaseSize(3_000), leaseSize(1e9)]).toEqual([0, 0, 6, 60, 1_000]);
  });

  it("asks the store once per lease, and tells the caller every point it spent", async () => {
    const store = countingStore(1_000);
    const spend = createLeasedSpending(store, 1_000);
    const remaining: number[] = [];
    for (let i = 0; i < 100; i++) {
      const spent = await spend("ip:a", 1);
      expect(spent.allowed).toBe(true);
      remaining.push(spent.remaining);
    }
    expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => 999 - i));
    // A lease is 20 points: each trip takes the request's point and 20 more.
    expect(store.trips).toBe(Math.ceil(100 / 21));
  });

  it("two processes on one store never spend more than the budget, and fall short of it by less than a lease", async () => {
    const store = countingStore(300);
    const [one, two] = [createLeasedSpending(store, 300), createLeasedSpending(store, 300)];
    let allowed = 0;
    for (let i = 0; i < 400; i++) if ((await (i % 2 === 0 ? one : two)("ip:b", 1)).allowed) allowed++;
    expect(allowed).toBeLessThanOrEqual(300);
    expect(allowed).toBeGreaterThanOrEqual(300 - leaseSize(300));
    expect(store.trips).toBeLessThan(400);
  });

  it("spends a request dearer than the lease from the store, and refuses what the budget cannot pay", async () => {
    const store = countingStore(1_000);
    const spend = createLeasedSpending(store, 1_000);
    expect(await spend("key:c", 1)).toMatchObject({ allowed: true, remaining: 999 });
    expect(await spend("key:c", 500)).toMatchObject({ allowed: true, remaining: 499 });
    expect(await spend("key:c", 480)).toMatchObject({ allowed: true, remaining: 19 });
    expect((await spend("key:c", 30)).allowed).toBe(false);
  });

  it("starts afresh when the window ends", async () => {
    const store = countingStore(100, 1);
    const spend = createLeasedSpending(store, 100);
    for (let i = 0; i < 100; i++) await spend("ip:d", 1);
    expect((await spend("ip:d", 1)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await spend("ip:d", 1)).toMatchObject({ allowed: true, remaining: 99 });
  });
});
