import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { buildSchema, parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTypeDefs } from "../../api/type-defs.js";
import { LANDING_CONTENT_SECURITY_POLICY } from "../../api/web/landing.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";

// Over plain HTTP, with no database (the page does not need one); test/browser/landing.test.ts
// drives the page in Chromium.
describe("the landing page over HTTP", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it("is served at / under a self-only content security policy, before the database is ready", async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(LANDING_CONTENT_SECURITY_POLICY);
    expect(LANDING_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:|\*/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toContain("<title>Vangnet – open data over het lokale sociale vangnet in Vlaanderen</title>");
  });

  it("serves every script and stylesheet the page names itself", async () => {
    const html = await (await fetch(`${api.url}/`)).text();
    // Feed links (rel="alternate") name routes of the API, not files of the page: tested below.
    const references = [...html.matchAll(/<(?:script|link)\b(?![^>]*rel="alternate")[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(references).toEqual([
      "/assets/favicon.svg",
      "/vendor/graphiql.min.css",
      "/assets/landing.css",
      "/vendor/react.production.min.js",
      "/vendor/react-dom.production.min.js",
      "/vendor/graphiql.min.js",
      "/assets/examples.js",
      "/assets/landing.js",
    ]);
    for (const path of references) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(200);
      const type = path.endsWith(".css") ? /^text\/css/ : path.endsWith(".svg") ? /^image\/svg\+xml/ : /^(text|application)\/javascript/;
      expect(response.headers.get("content-type"), path).toMatch(type);
    }
  });

  it("offers the feeds of every change to feed readers (auto-discovery) and links the pages per municipality and theme", async () => {
    const html = await (await fetch(`${api.url}/`)).text();
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Vangnet: alle wijzigingen (Atom)" href="/feeds/changes.atom">');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" title="Vangnet: alle wijzigingen (JSON Feed)" href="/feeds/changes.json">');
    expect(html).toContain('<li data-probe="/feeds/changes.json">');
    expect(html).toContain('<a href="/gemeenten"><code>/gemeenten</code></a>');
    expect(html).toContain('<a href="/themas"><code>/themas</code></a>');
  });

  it("loads React 18, whose UMD build GraphiQL's UMD build reads as a global", async () => {
    const react = await (await fetch(`${api.url}/vendor/react.production.min.js`)).text();
    expect(react).toMatch(/\.version="18\./);
  });

  it("answers 404 for a file it does not vendor", async () => {
    expect((await fetch(`${api.url}/vendor/package.json`)).status).toBe(404);
    expect((await fetch(`${api.url}/vendor/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe("the explorer's example queries", () => {
  const window: { VANGNET_EXAMPLES?: { id: string; query: string; variables: Record<string, unknown> }[] } = {};
  runInNewContext(readFileSync(join(import.meta.dirname, "../../api/web/public/examples.js"), "utf8"), { window });
  const schema = buildSchema(readTypeDefs());

  it("are valid against the schema", () => {
    expect(window.VANGNET_EXAMPLES?.map((e) => e.id)).toEqual(["gemeenten", "documenten", "maatregelen", "bronnen", "wijzigingen"]);
    for (const example of window.VANGNET_EXAMPLES ?? []) {
      expect(validate(schema, parse(example.query)).map((e) => e.message), example.id).toEqual([]);
    }
  });
});
