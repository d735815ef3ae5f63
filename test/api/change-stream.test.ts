import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeHub } from "../../api/changes/change-hub.js";
import { changeMatcherOf } from "../../api/changes/change-matcher.js";
import { ChangeStream } from "../../api/changes/change-stream.js";
import { type ChangeFilter, type ChangeRow, appendChange, listChanges } from "../../db/queries/change-log.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";
import type { ChangeEntry, EventMunicipality, MeasureSubject } from "../../schema/change-events.js";
import { documentEntry } from "../helpers/change-entries.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const register = municipalityRegister();
const place = (nis: string): EventMunicipality => {
  const m = register.get(nis);
  if (!m) throw new Error(nis);
  return { nis, name: m.name, successorNis: m.successorNis };
};

function measureEntry(id: number, nis: string, theme: string, action: string, kind: "press_release" | "council_decision"): ChangeEntry {
  // Confidences 0.1, 0.2, … 0.9 by id, 0.7 exactly for id 7 (a real in the database, a double here).
  const confidence = (id % 10) / 10;
  const measure: MeasureSubject = { id, municipality: place(nis), theme, action, summary: `Maatregel ${id}`, startsOn: null, endsOn: null, announcedOn: null, amounts: [], quantities: [], confidence };
  return { event: "measure.created", entityId: id, runId: null, payload: { measure, document: { id: 10_000 + id, kind, uri: `https://example.org/${id}`, title: `Besluit ${id}` } } } as ChangeEntry;
}

/** The stream of one subscription, driven step by step against the real database and hub. */
describe(`change streams: backlog, seam and live (${testDriver})`, () => {
  let db: TestDb;
  let hub: ChangeHub;
  let nextId = 1;
  const append = async (count: number): Promise<number[]> => {
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) seqs.push(Number((await db.db.transaction((tx) => appendChange(tx, documentEntry("document.created", nextId++)))).seq));
    return seqs;
  };
  const take = async (stream: ChangeStream, count: number): Promise<number[]> => {
    const seqs: number[] = [];
    for (let i = 0; i < count; i++) {
      const next = await stream.next();
      if (next.done) throw new Error(`stream ended after ${seqs.length}`);
      seqs.push(Number(next.value.seq));
    }
    return seqs;
  };
  const open = (options: Partial<ConstructorParameters<typeof ChangeStream>[0]> = {}) =>
    new ChangeStream({ db: db.db, hub, filter: {}, matcher: changeMatcherOf({}, register), maxQueued: 1_000, pageSize: 100, ...options });

  beforeAll(async () => {
    db = await createTestDb();
    // No polling: the hub moves only when a test wakes it, as a notification would.
    hub = new ChangeHub({ db: db.db, listen: async () => async () => {}, logger: pino({ level: "silent" }), pollIntervalMs: 3_600_000 });
    await hub.start();
  });
  afterAll(async () => {
    await hub?.stop();
    await db?.close();
  });

  it("reads the backlog a page at a time, then turns live at the head, with what was committed meanwhile in between", async () => {
    const backlog = await append(250);
    await hub.wake();
    const stream = open({ afterSeq: (backlog[0] as number) - 1 });
    expect(await take(stream, 150)).toEqual(backlog.slice(0, 150));
    // Committed and seen by the hub while the backlog is being sent.
    const meanwhile = await append(10);
    await hub.wake();
    expect(await take(stream, 110)).toEqual([...backlog.slice(150), ...meanwhile]);
    // Committed but not yet seen by the hub: the stream waits for it, then hands it over once.
    const pending = stream.next();
    const live = await append(3);
    await hub.wake();
    expect(Number((await pending).value?.seq)).toBe(live[0]);
    expect(await take(stream, 2)).toEqual(live.slice(1));
    await stream.return();
  });

  it("a page read while the head moves is followed by another before the stream turns live", async () => {
    const [start] = await append(1);
    const more = await append(7);
    // A hub whose head moves while the first page is read: its first answer is `start`, later
    // ones the last entry (the entries in between arrived in a batch during the query).
    let asked = 0;
    const movingHub = { head: () => (asked++ === 0 ? (start as number) : (more.at(-1) as number)), onChanges: () => () => {} } as unknown as ChangeHub;
    const stream = open({ hub: movingHub, afterSeq: (start as number) - 1, pageSize: 5 });
    expect(await take(stream, 8)).toEqual([start, ...more]);
    await stream.return();
  });

  it("a client that lets more than maxQueued live changes pile up reads them from the database, in order, none lost", async () => {
    await hub.wake();
    const stream = open({ maxQueued: 3 });
    const burst = await append(12);
    await hub.wake();
    expect(await take(stream, 12)).toEqual(burst);
    const after = await append(2);
    await hub.wake();
    expect(await take(stream, 2)).toEqual(after);
    await stream.return();
  });

  it("a search filter is asked of the database at each batch", async () => {
    await hub.wake();
    // Documents 1… have no row in `documents`, so no search matches them.
    const stream = open({ filter: { search: "huurpremie" }, matcher: null });
    await append(3);
    await hub.wake();
    const result = await Promise.race([stream.next(), new Promise((resolve) => setTimeout(() => resolve("nothing"), 300))]);
    expect(result).toBe("nothing");
    await stream.return();
  });

  it("tells how long changes have waited for a client that takes none", async () => {
    await hub.wake();
    let now = 1_000;
    const stream = open({ now: () => now });
    expect(stream.stalledFor()).toBe(0);
    await append(1);
    await hub.wake();
    now = 31_000;
    expect(stream.stalledFor()).toBe(30_000);
    await take(stream, 1);
    expect(stream.stalledFor()).toBe(0);
    await stream.return();
  });
});

/** The live path matches in memory; it must answer exactly as the change log's SQL does. */
describe(`change matcher against the SQL filter (${testDriver})`, () => {
  let db: TestDb;
  let rows: ChangeRow[];
  beforeAll(async () => {
    db = await createTestDb();
    const entries: ChangeEntry[] = [
      documentEntry("document.created", 1, { municipality: place("44021"), themes: ["housing"] }),
      documentEntry("document.updated", 1, { municipality: place("44021"), themes: ["housing", "financial_aid"] }),
      documentEntry("document.created", 2, { municipality: place("11007"), themes: ["food_aid"], kind: "council_decision" }), // Borsbeek → Antwerpen
      documentEntry("document.created", 3, { municipality: place("11002"), themes: [] }),
      documentEntry("document.created", 4, { municipality: null, themes: ["housing"] }),
      documentEntry("document.created", 5, { municipality: place("31005"), themes: ["childcare"] }), // Brugge
      documentEntry("document.created", 6, { municipality: place("44012"), themes: ["elderly_care"], kind: "council_decision" }), // De Pinte → Nazareth-De Pinte
      measureEntry(7, "44021", "housing", "increase", "press_release"),
      measureEntry(8, "11007", "food_aid", "introduce", "council_decision"),
      measureEntry(9, "31005", "childcare", "reduce", "council_decision"),
    ];
    for (const entry of entries) await db.db.transaction((tx) => appendChange(tx, entry));
    rows = await listChanges(db.db, {}, { limit: 100 });
  });
  afterAll(async () => {
    await db?.close();
  });

  const filters: ChangeFilter[] = [
    {},
    { municipalities: ["11002"] },
    { municipalities: ["44086"] }, // Nazareth-De Pinte, successor of De Pinte
    { municipalities: ["44021", "31005"] },
    { provinceCodes: ["VAN"] },
    { provinceCodes: ["VOV", "VWV"] },
    { themes: ["housing"] },
    { themes: ["financial_aid", "childcare"] },
    { documentKinds: ["council_decision"] },
    { documentKinds: ["press_release"], themes: ["housing"] },
    { actions: ["increase", "reduce"] },
    { events: ["measure.created"], provinceCodes: ["VAN"] },
    { entityTypes: ["document"], municipalities: ["11002"] },
    { events: ["document.updated", "document.created"], themes: ["food_aid"] },
    { provinceCodes: ["VLI"] },
    { minConfidence: 0.7 },
    { minConfidence: 0.35, provinceCodes: ["VAN"] },
    { minConfidence: 0 },
  ];

  it.each(filters.map((filter) => [JSON.stringify(filter), filter] as const))("%s", async (_name, filter) => {
    const bySql = (await listChanges(db.db, filter, { limit: 100 })).map((row) => Number(row.seq));
    const matcher = changeMatcherOf(filter, register);
    expect(matcher).not.toBeNull();
    expect(rows.filter((row) => matcher?.(row)).map((row) => Number(row.seq))).toEqual(bySql);
  });

  it("the filters are not all trivially equal: each selects a different part of the log", async () => {
    const answers = new Set<string>();
    for (const filter of filters) answers.add(JSON.stringify((await listChanges(db.db, filter, { limit: 100 })).map((row) => row.seq)));
    expect(answers.size).toBeGreaterThanOrEqual(12);
  });

  it("a search cannot be matched in memory", () => {
    expect(changeMatcherOf({ search: "huurpremie" }, register)).toBeNull();
  });
});
