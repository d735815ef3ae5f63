import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMunicipalityRegister, readMunicipalityReference } from "../../db/reference/municipality-register.js";
import { buildSource } from "../helpers/builders.js";
import { startTestApi, type TestApi, type TestApiOptions } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const KORTENBERG = "24055";
const LAST_SUCCESS = new Date("2026-11-20T03:00:00Z");
const hoursLater = (hours: number) => new Date(LAST_SUCCESS.getTime() + hours * 3_600_000);

/** The clock and the municipality register reach the resolvers through the API context, not from module state. */
describe(`the API context's clock and register (${testDriver})`, () => {
  let db: TestDb;
  const apis: TestApi[] = [];
  const start = async (options: TestApiOptions) => {
    const api = await startTestApi(db, options);
    apis.push(api);
    return api;
  };

  beforeAll(async () => {
    db = await createTestDb();
    // A daily source whose last run succeeded at LAST_SUCCESS: stale once two periods have passed.
    await buildSource(db.db, { id: "lblod:kortenberg", kind: "lblod", schedule: "0 3 * * *", municipalityNis: KORTENBERG, lastRunAt: LAST_SUCCESS, lastSuccessAt: LAST_SUCCESS });
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    await db?.close();
  });

  it("judges a source's health at the API's clock", async () => {
    const query = `{ sources(first: 5) { nodes { status } } coverage(first: 5, municipalities: ["${KORTENBERG}"]) { nodes { kind status } } }`;
    type Health = { sources: { nodes: { status: string }[] }; coverage: { nodes: { kind: string; status: string }[] } };
    const health = async (now: Date) => (await (await start({ clock: () => now })).graphql<Health>(query)).body.data;
    expect(await health(hoursLater(1))).toEqual({
      sources: { nodes: [{ status: "OK" }] },
      coverage: { nodes: [{ kind: "COUNCIL_DECISION", status: "OK" }, { kind: "PRESS_RELEASE", status: "NEVER_RUN" }] },
    });
    expect(await health(hoursLater(49))).toEqual({
      sources: { nodes: [{ status: "STALE" }] },
      coverage: { nodes: [{ kind: "COUNCIL_DECISION", status: "STALE" }, { kind: "PRESS_RELEASE", status: "NEVER_RUN" }] },
    });
  });

  it("checks NIS codes against the API's register", async () => {
    const query = `{ documents(first: 1, filter: { municipalities: ["${KORTENBERG}"] }) { totalCount } }`;
    const shipped = await start({});
    expect((await shipped.graphql(query)).body).toEqual({ data: { documents: { totalCount: 0 } } });
    const withoutKortenberg = createMunicipalityRegister(readMunicipalityReference().filter((m) => m.nis !== KORTENBERG));
    const refused = await (await start({ municipalities: withoutKortenberg })).graphql(query);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.municipalities" });
    expect(refused.body.errors?.[0]?.message).toContain(`unknown municipality "${KORTENBERG}"`);
  });
});
