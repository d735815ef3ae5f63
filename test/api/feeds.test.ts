import { parseFeed } from "@rowanmanning/feed-parser";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type ChangeRow, listChanges } from "../../db/queries/change-log.js";
import { buildChange } from "../helpers/builders.js";
import { allChangesNewestFirst, BORSBEEK, DECISION_TITLE, DECISION_URI, GENT, HUURPREMIE_URL, KORTENBERG, LBLOD_SOURCE, NEWS_SOURCE, writeFeedFixtures } from "../helpers/feed-fixtures.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the fields Vangnet writes, with their types. */
const jsonFeedItem = z
  .object({
    id: z.string().min(1),
    url: z.url(),
    external_url: z.url().optional(),
    title: z.string(),
    content_html: z.string(),
    summary: z.string(),
    date_published: z.iso.datetime(),
    date_modified: z.iso.datetime(),
    tags: z.array(z.string()),
    _vangnet: z.object({ seq: z.string(), event: z.string(), fieldChanges: z.array(z.object({ field: z.string() }).passthrough()) }).passthrough(),
  })
  .strict();
const jsonFeed = z
  .object({
    version: z.literal("https://jsonfeed.org/version/1.1"),
    title: z.string(),
    home_page_url: z.url(),
    feed_url: z.url(),
    description: z.string(),
    language: z.literal("nl"),
    authors: z.array(z.object({ name: z.string() })),
    next_url: z.url().optional(),
    items: z.array(jsonFeedItem),
  })
  .strict();
type JsonFeed = z.infer<typeof jsonFeed>;

const tagOf = (seq: number | string) => `tag:vangnet,2026:change/${seq}`;

/** A newsroom follows what it covers as Atom or JSON Feed, page by page, and revalidates cheaply. */
describe(`change feeds (${testDriver})`, () => {
  let db: TestDb;
  let api: TestApi;
  let all: ChangeRow[];
  beforeAll(async () => {
    db = await createTestDb();
    await writeFeedFixtures(db);
    all = await allChangesNewestFirst(db);
    // Enough budget for the whole file; the budget itself is tested below.
    api = await startTestApi(db, { serving: { rateLimit: { anonymous: 100_000 } } });
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });
  async function atom(path: string) {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    const xml = await response.text();
    return { response, xml, feed: parseFeed(xml), $: cheerio.load(xml, { xml: true }) };
  }
  async function json(path: string): Promise<JsonFeed> {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    return jsonFeed.parse(await response.json());
  }
  const only = (event: string) => {
    const row = all.find((r) => r.event === event);
    if (!row) throw new Error(`no ${event} in the fixtures`);
    return row;
  };

  it("the Atom feed holds every change, newest first, and reads field by field with a real parser", async () => {
    const { response, feed, $ } = await atom("/feeds/changes.atom");
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("Vangnet: alle wijzigingen");
    expect(feed.language).toBe("nl");
    expect(feed.self).toBe(`${api.url}/feeds/changes.atom`);
    expect(feed.url).toBe(`${api.url}/`);
    expect(feed.updated?.toISOString()).toBe(new Date(all[0]?.occurredAt as Date).toISOString());
    expect(feed.items.map((item) => item.id)).toEqual(all.map((r) => tagOf(r.seq)));
    // 15 changes, fewer than a page: no next page.
    expect(all).toHaveLength(15);
    expect($("feed > link[rel=next]")).toHaveLength(0);
    expect($("feed > link[rel=alternate][type='application/feed+json']").attr("href")).toBe(`${api.url}/feeds/changes.json`);

    const changed = only("measure.changed");
    const item = feed.items.find((i) => i.id === tagOf(changed.seq));
    expect(item?.title).toBe(
      "Gent: maatregel (wonen en huursubsidie) verhoogd van 150 naar 200 euro per maand — De stad Gent verhoogt de huurpremie van 120 naar 200 euro per maand voor huurders met een laag inkomen.",
    );
    expect(item?.url).toBe(`${api.url}/changes/${changed.seq}`);
    expect(item?.published?.toISOString()).toBe(new Date(changed.occurredAt).toISOString());
    expect(item?.updated?.toISOString()).toBe(new Date(changed.occurredAt).toISOString());
    expect(item?.categories.map((c) => [c.term, c.label])).toEqual([["housing", "Wonen en huursubsidie"]]);
    expect(item?.content).toContain("<li>bedragen: 150 euro per maand (was 120 euro) → 200 euro per maand (was 120 euro)</li>");
    const entry = $("entry").filter((_, e) => $(e).children("id").text() === tagOf(changed.seq));
    expect(entry.children("link[rel=related]").attr("href")).toBe(HUURPREMIE_URL);
    expect(entry.children("link[rel=related]").attr("title")).toBe("Huurpremie");
    expect(entry.children("link[rel=via]").attr("href")).toBe(NEWS_SOURCE.startUrl);
    expect(entry.children("link[rel=via]").attr("title")).toBe(NEWS_SOURCE.name);
  });

  it("escapes titles once for Atom's type=html, so that markup in a title stays text", async () => {
    const { feed, $ } = await atom(`/feeds/changes.atom?municipality=${KORTENBERG}&event=document.updated`);
    expect(feed.items).toHaveLength(1);
    const headline = `Kortenberg: gemeenteraadsbesluit gewijzigd — ${DECISION_TITLE} (titel, beslissing)`;
    // The parser reads the escaped HTML back as text: the headline as written.
    expect(feed.items[0]?.title).toBe(headline);
    expect($("entry > title").attr("type")).toBe("html");
    // The content is HTML in which the title is text (the parser reads content as text, so look at the element).
    const content = $("entry > content").text();
    expect($("entry > content").attr("type")).toBe("html");
    expect(content).toContain("<li>Document: <a href=\"http://data.lblod.info/id/besluiten/kortenberg-1\">Reglement &lt;sociale&gt; kruidenier &amp; voedselhulp</a></li>");
    expect(content).not.toContain("<sociale>");
    expect($("entry > link[rel=related]").attr("href")).toBe(DECISION_URI);
    expect($("entry > link[rel=via]").attr("title")).toBe(LBLOD_SOURCE.name);
  });

  it("the JSON Feed 1.1 says the same, in plain-text titles, with the change as data under _vangnet", async () => {
    const feed = await json("/feeds/changes.json");
    expect(feed.title).toBe("Vangnet: alle wijzigingen");
    expect(feed.feed_url).toBe(`${api.url}/feeds/changes.json`);
    expect(feed.home_page_url).toBe(`${api.url}/`);
    expect(feed.next_url).toBeUndefined();
    expect(feed.items.map((i) => i.id)).toEqual(all.map((r) => tagOf(r.seq)));
    const updated = feed.items.find((i) => i._vangnet.event === "document.updated" && i.external_url === DECISION_URI);
    expect(updated?.title).toBe(`Kortenberg: gemeenteraadsbesluit gewijzigd — ${DECISION_TITLE} (titel, beslissing)`);
    expect(updated?.content_html).toContain("Reglement &lt;sociale&gt; kruidenier &amp; voedselhulp");

    const changed = only("measure.changed");
    const item = feed.items.find((i) => i.id === tagOf(changed.seq));
    expect(item).toMatchObject({
      url: `${api.url}/changes/${changed.seq}`,
      external_url: HUURPREMIE_URL,
      date_published: new Date(changed.occurredAt).toISOString(),
      date_modified: new Date(changed.occurredAt).toISOString(),
      tags: ["Wonen en huursubsidie"],
    });
    // The machine-readable change is what the GraphQL `changes` query says of it.
    const graphql = await api.graphql<{ changes: { nodes: { seq: string; event: string; entityId: string; documentKind: string; themes: string[]; action: string; cursor?: string }[] } }>(
      `{ changes(first: 100, filter: { events: ["measure.changed"] }) { nodes { seq event entityId documentKind themes action } } }`,
    );
    const node = graphql.body.data?.changes.nodes[0];
    expect(item?._vangnet).toMatchObject({ seq: node?.seq, event: node?.event, entityId: node?.entityId, documentKind: "press_release", themes: node?.themes, action: "increase", municipalityNis: GENT });
    expect(item?._vangnet.fieldChanges.map((c) => c.field)).toEqual(["summary", "amounts"]);
  });

  async function graphqlSeqs(filter: string): Promise<string[]> {
    const response = await api.graphql<{ changes: { nodes: { seq: string }[] } }>(`{ changes(first: 100, filter: ${filter}) { nodes { seq } } }`);
    expect(response.body.errors, filter).toBeUndefined();
    return (response.body.data?.changes.nodes ?? []).map((n) => n.seq).reverse();
  }

  const sameFilters: [query: string, graphql: string][] = [
    [`municipality=${GENT}&theme=housing`, `{ municipalities: ["${GENT}"], themes: ["housing"] }`],
    ["municipality=11002", `{ municipalities: ["11002"] }`],
    ["province=VAN,VBR&event=document.created", `{ provinces: ["VAN", "VBR"], events: ["document.created"] }`],
    ["kind=council_decision", "{ kinds: [COUNCIL_DECISION] }"],
    ["action=increase", "{ actions: [INCREASE] }"],
    ["search=huurpremie", `{ search: "huurpremie" }`],
    ["entityType=session&entityType=agenda_item", `{ entityTypes: ["session", "agenda_item"] }`],
    ["event=measure.changed,measure.created&theme=housing,food_aid", `{ events: ["measure.changed", "measure.created"], themes: ["housing", "food_aid"] }`],
    ["theme=evictions", `{ themes: ["evictions"] }`],
  ];

  it.each(sameFilters)("?%s holds exactly what changes(filter: %s) holds, in both formats", async (query, filter) => {
    const expected = (await graphqlSeqs(filter)).map(tagOf);
    expect((await atom(`/feeds/changes.atom?${query}`)).feed.items.map((i) => i.id)).toEqual(expected);
    expect((await json(`/feeds/changes.json?${query}`)).items.map((i) => i.id)).toEqual(expected);
  });

  it("a filtered feed holds the matching events, counted by hand", async () => {
    // Gent's rent subsidy: two versions of a release, each analysed, the measure created then changed; the session has no theme.
    const feed = await json(`/feeds/changes.json?municipality=${GENT}&theme=housing`);
    expect(feed.title).toBe("Vangnet: wijzigingen — Gent, wonen en huursubsidie");
    expect(feed.items.map((i) => i._vangnet.event)).toEqual(["measure.changed", "document.analysed", "document.updated", "measure.created", "document.analysed", "document.created"]);
    // Antwerpen includes Borsbeek, merged into it.
    const antwerpen = await json("/feeds/changes.json?municipality=11002&event=document.created");
    expect(antwerpen.items.map((i) => i.external_url)).toEqual(["https://www.borsbeek.be/kruidenier"]);
    expect(antwerpen.items[0]?._vangnet).toMatchObject({ municipalityNis: BORSBEEK });
    // A municipality's feed belongs to its page.
    expect((await json(`/feeds/changes.json?municipality=${GENT}`)).home_page_url).toBe(`${api.url}/gemeenten/${GENT}`);
    expect((await json("/feeds/changes.json?theme=housing")).home_page_url).toBe(`${api.url}/themas/housing`);
  });

  it("an empty result is a valid empty feed", async () => {
    const empty = await atom("/feeds/changes.atom?theme=evictions");
    expect(empty.feed.items).toEqual([]);
    expect(empty.feed.title).toBe("Vangnet: wijzigingen — uithuiszettingen");
    expect(empty.response.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(empty.response.headers.get("last-modified")).toBeNull();
    expect((await json("/feeds/changes.json?theme=evictions")).items).toEqual([]);
  });

  it("pages walk every entry once, newest first, keeping the filter in the next link", async () => {
    for (const [format, query] of [["atom", ""], ["json", ""], ["atom", `municipality=${GENT}`], ["json", "kind=council_decision,press_release"]] as const) {
      const expected = (await listChanges(db.db, query.startsWith("kind") ? { documentKinds: ["council_decision", "press_release"] } : query ? { municipalities: [GENT] } : {}, { limit: 1000 })).reverse().map((r) => tagOf(r.seq));
      const seen: string[] = [];
      let path: string | undefined = `/feeds/changes.${format}?${query}${query ? "&" : ""}limit=4`;
      let pages = 0;
      while (path) {
        pages += 1;
        if (format === "atom") {
          const page = await atom(path);
          seen.push(...page.feed.items.map((i) => i.id as string));
          const next = page.$("feed > link[rel=next]").attr("href");
          if (next) expect(new URL(next).searchParams.get("limit")).toBe("4");
          if (next && query) expect(next).toContain(query.replace(",", "%2C"));
          path = next?.slice(api.url.length);
        } else {
          const page = await json(path);
          seen.push(...page.items.map((i) => i.id));
          path = page.next_url?.slice(api.url.length);
        }
      }
      expect(seen, `${format} ${query}`).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
      // A page links to the next only when an older entry exists: no empty last page.
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / 4)));
    }
  });

  it("answers 304 to If-None-Match and to If-Modified-Since, and 200 again once a matching change arrives", async () => {
    for (const path of ["/feeds/changes.atom?theme=housing", "/feeds/changes.json?theme=housing"]) {
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe("public, max-age=60");
      const etag = first.headers.get("etag") as string;
      const lastModified = first.headers.get("last-modified") as string;
      expect(new Date(lastModified).getTime()).toBe(Math.floor(new Date(all.find((r) => r.themes.includes("housing"))?.occurredAt as Date).getTime() / 1000) * 1000);

      const byTag = await get(path, { "If-None-Match": etag });
      expect(byTag.status).toBe(304);
      expect(await byTag.text()).toBe("");
      expect(byTag.headers.get("etag")).toBe(etag);
      const byDate = await get(path, { "If-Modified-Since": lastModified });
      expect(byDate.status).toBe(304);
      expect(await byDate.text()).toBe("");
      // If-None-Match decides alone when both are sent.
      expect((await get(path, { "If-None-Match": 'W/"other"', "If-Modified-Since": lastModified })).status).toBe(200);
      expect((await get(path, { "If-Modified-Since": new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    }
  });

  it("a change outside the filter keeps the filtered feed's ETag; one inside changes it", async () => {
    const housing = "/feeds/changes.atom?theme=housing";
    const before = (await get(housing)).headers.get("etag") as string;
    const unrelated = all.find((r) => r.event === "session.created") as ChangeRow;
    await buildChange(db.db, async () => ({ event: "session.updated", entityId: Number(unrelated.entityId), runId: null, payload: { session: (unrelated.payload as { session: never }).session, changes: [{ field: "location", before: null, after: "Raadzaal" }] } }));
    expect((await get(housing, { "If-None-Match": before })).status).toBe(304);
    const changed = all.find((r) => r.event === "measure.changed") as ChangeRow;
    await buildChange(db.db, async () => ({ event: "measure.changed", entityId: Number(changed.entityId), runId: null, payload: changed.payload as never }));
    const after = await get(housing, { "If-None-Match": before });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before);
    all = await allChangesNewestFirst(db);
  });

  it.each([
    ["foo=1", "foo", /unknown parameter; a feed takes municipality, province, theme, kind, event, entityType, action, minConfidence, search, limit, before/],
    ["theme=wonen", "theme", /^Parameter "theme": unknown theme "wonen"; expected one of .*housing/],
    ["municipality=99999", "municipality", /unknown municipality "99999"/],
    ["municipality=Gent", "municipality", /a NIS code has five digits, got "Gent"/],
    ["municipality=", "municipality", /has no value/],
    ["province=Brussel", "province", /unknown province "Brussel"/],
    ["kind=persbericht", "kind", /unknown kind "persbericht"; expected one of council_decision, press_release/],
    ["event=measure.updated", "event", /unknown event "measure.updated"/],
    ["entityType=vote", "entityType", /unknown entity type "vote"/],
    ["action=verhogen", "action", /unknown action "verhogen"; expected one of introduce/],
    ["search=a&search=b", "search", /give it once, got 2 values/],
    [`search=${"a".repeat(501)}`, "search", /at most 500 characters/],
    ["limit=0", "limit", /a whole number from 1 to 200, got "0"/],
    ["limit=201", "limit", /a whole number from 1 to 200, got "201"/],
    ["before=abc", "before", /a whole number from 1 to/],
    ["theme[]=housing", "theme[]", /unknown parameter/],
  ])("?%s is a 400 naming %s", async (query, parameter, message) => {
    for (const format of ["atom", "json"]) {
      const response = await get(`/feeds/changes.${format}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: string; parameter: string; message: string };
      expect(body.error).toBe("bad_parameter");
      expect(body.parameter).toBe(parameter);
      expect(body.message).toMatch(message);
    }
  });
});

describe(`change feeds before the database and over budget (${testDriver})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db?.close());

  it("answers 503 until the database is ready, then an empty feed", async () => {
    const api = await startTestApi();
    try {
      const starting = await fetch(`${api.url}/feeds/changes.atom`);
      expect(starting.status).toBe(503);
      expect(starting.headers.get("retry-after")).toBe("2");
      expect(await starting.json()).toMatchObject({ error: "service_unavailable" });
      expect((await fetch(`${api.url}/gemeenten/${GENT}`)).status).toBe(503);
      api.server.setDatabase(db);
      const ready = await fetch(`${api.url}/feeds/changes.json`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { items: unknown[] }).items).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it("spends a fixed 5 points of the caller's budget per feed request, and refuses with 429 when it is spent", async () => {
    const api = await startTestApi(db, { serving: { rateLimit: { anonymous: 12, windowSeconds: 60 } } });
    try {
      const first = await fetch(`${api.url}/feeds/changes.atom`);
      expect(first.status).toBe(200);
      expect(first.headers.get("ratelimit-limit")).toBe("12");
      expect(first.headers.get("ratelimit-remaining")).toBe("7");
      expect((await fetch(`${api.url}/feeds/changes.json`)).headers.get("ratelimit-remaining")).toBe("2");
      const refused = await fetch(`${api.url}/feeds/changes.atom`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refused.json()) as { error: string; message: string };
      expect(body.error).toBe("rate_limited");
      expect(body.message).toMatch(/may spend 12 points per 60 s, and this request needs 5/);
      // The same budget as /graphql: it is spent there too.
      expect((await api.graphql("{ themes { code } }")).status).toBe(429);
      // A page spends 1 point and is refused as a page.
      const page = await fetch(`${api.url}/gemeenten/${GENT}`);
      expect(page.status).toBe(429);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await page.text()).toContain("this request needs 1");
    } finally {
      await api.close();
    }
  });
});
