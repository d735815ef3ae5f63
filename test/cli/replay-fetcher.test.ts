import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplayFetcher } from "../../cli/demo/replay-fetcher.js";
import { type ReplaySite, startReplaySite } from "../../cli/demo/replay-server.js";
import { createHttpFetcher } from "../../scrapers/fetchers/http.js";
import { FetchError, type Fetcher } from "../../scrapers/fetchers/types.js";
import { buildPdf } from "../helpers/minimal-pdf.js";

describe("the demo's fetcher: public origins served by local replay sites", () => {
  let gent: ReplaySite;
  let vvsg: ReplaySite;
  let fetcher: Fetcher;
  const pdf = buildPdf(["Reglement"]);

  beforeAll(async () => {
    gent = await startReplaySite({
      pages: new Map<string, string | Uint8Array>([
        ["/nl/nieuws", "<h1>Nieuws</h1>"],
        ["/nl/nieuws?page=1", "<h1>Pagina 2</h1>"],
        ["/reglement.pdf", pdf],
      ]),
      startPath: "/nl/nieuws",
    });
    vvsg = await startReplaySite({ pages: new Map([["/nieuwsoverzicht", "<h1>VVSG</h1>"]]), startPath: "/nieuwsoverzicht" });
    gent.setFault("/oud", { kind: "redirect-loop" });
    const http = createHttpFetcher({ userAgent: "Vangnet-test", requestsPerSecondPerHost: 1000, retries: 0 });
    fetcher = createReplayFetcher(
      http,
      new Map([
        ["https://stad.gent", gent.origin],
        ["https://www.vvsg.be", vvsg.origin],
      ]),
    );
  });
  afterAll(async () => {
    await gent.close();
    await vvsg.close();
  });

  it("fetches a public URL from its origin's replay site and answers under the public URL", async () => {
    const page = await fetcher.fetch({ url: "https://stad.gent/nl/nieuws?page=1" });
    expect(page).toMatchObject({ kind: "ok", url: "https://stad.gent/nl/nieuws?page=1", finalUrl: "https://stad.gent/nl/nieuws?page=1", body: "<h1>Pagina 2</h1>" });
    expect(gent.requests.map((r) => r.path)).toContain("/nl/nieuws?page=1");
    const other = await fetcher.fetch({ url: "https://www.vvsg.be/nieuwsoverzicht" });
    expect(other).toMatchObject({ url: "https://www.vvsg.be/nieuwsoverzicht", finalUrl: "https://www.vvsg.be/nieuwsoverzicht", body: "<h1>VVSG</h1>" });
  });

  it("keeps conditional requests working (304 under the public URL) and bytes intact", async () => {
    const first = await fetcher.fetch({ url: "https://stad.gent/nl/nieuws" });
    if (first.kind !== "ok") throw new Error("expected a page");
    expect(await fetcher.fetch({ url: "https://stad.gent/nl/nieuws", etag: first.etag })).toMatchObject({ kind: "not-modified", url: "https://stad.gent/nl/nieuws", finalUrl: "https://stad.gent/nl/nieuws" });
    const file = await fetcher.fetch({ url: "https://stad.gent/reglement.pdf", binary: true });
    expect(file.kind === "ok" && Buffer.from(file.bytes as Uint8Array).equals(pdf)).toBe(true);
    expect(file.kind === "ok" && file.contentType).toBe("application/pdf");
  });

  it("refuses every other origin, naming the ones it serves, without sending a request", async () => {
    const before = gent.requests.length + vvsg.requests.length;
    const refusal = fetcher.fetch({ url: "https://www.leuven.be/nieuws" });
    await expect(refusal).rejects.toThrow(FetchError);
    await expect(refusal).rejects.toThrow(
      "https://www.leuven.be/nieuws: the demo fetches only from its replay sites (https://stad.gent, https://www.vvsg.be), not from https://www.leuven.be",
    );
    // http is another origin than https.
    await expect(fetcher.fetch({ url: "http://stad.gent/nl/nieuws" })).rejects.toThrow("not from http://stad.gent");
    expect(gent.requests.length + vvsg.requests.length).toBe(before);
  });

  it("says what went wrong under the public URL, with the replay site's address nowhere", async () => {
    const missing = await fetcher.fetch({ url: "https://stad.gent/nl/weg" }).catch((error: unknown) => error as FetchError);
    expect(missing).toBeInstanceOf(FetchError);
    expect(missing).toMatchObject({ url: "https://stad.gent/nl/weg", reason: "http-status", status: 404, message: "https://stad.gent/nl/weg: HTTP 404" });
    const loop = await fetcher.fetch({ url: "https://stad.gent/oud" }).catch((error: unknown) => error as FetchError);
    expect(loop).toMatchObject({ url: "https://stad.gent/oud", reason: "too-many-redirects" });
    expect((loop as FetchError).message).toBe("https://stad.gent/oud: more than 5 redirects or a redirect loop (last: https://stad.gent/oud)");
    expect((loop as FetchError).message).not.toContain("127.0.0.1");
  });
});
