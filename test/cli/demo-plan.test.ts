import { describe, expect, it } from "vitest";
import { planDemo } from "../../cli/demo/demo-plan.js";
import { defineSource } from "../../scrapers/source.js";

const source = (id: string, startUrl: string) =>
  defineSource({ id, kind: "listing", name: `Bron ${id}`, startUrl, schedule: "0 3 * * *", enabled: false, municipalityNis: null, config: {} });

describe("the demo's plan", () => {
  it("runs each replayed built-in source under a demo id, with its real start URL, and one site per public origin", () => {
    const plan = planDemo();
    expect(plan.sources.map((s) => [s.id, s.startUrl])).toEqual([
      ["demo:lblod-kortenberg", "https://publicatie.gelinkt-notuleren.vlaanderen.be/Kortenberg/Gemeente"],
      ["demo:news-gent-rss", "https://stad.gent/nl/nieuws-evenementen/rss"],
      ["demo:news-gent", "https://stad.gent/nl/nieuws-evenementen"],
      ["demo:news-vvsg", "https://www.vvsg.be/nieuwsoverzicht"],
      ["demo:news-gent-persruimte", "https://persruimte.stad.gent/nl/releases"],
      ["demo:news-leuven", "https://leuven.be/nieuws"],
      ["demo:news-kortrijk", "https://www.kortrijk.be/nieuws"],
      ["demo:news-mechelen", "https://www.mechelen.be/nieuws"],
    ]);
    expect(plan.sources.every((s) => s.enabled && s.name.endsWith("(demo replay)"))).toBe(true);
    // Gent's feed and news list are one site: the feed, three list pages, two articles and the rules they link to.
    expect([...(plan.sites.get("https://stad.gent")?.keys() ?? [])].sort()).toEqual([
      "/nl/nieuws-evenementen",
      "/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie",
      "/nl/nieuws-evenementen/rss",
      "/nl/nieuws-evenementen/winterplan-extra-nachtopvang",
      "/nl/nieuws-evenementen?page=1",
      "/nl/nieuws-evenementen?page=2",
      "/sites/default/files/reglement-huurpremie.pdf",
    ]);
    expect(plan.sites.size).toBe(7);
  });

  it("merges two fixtures of one origin, and names the URL where they disagree", () => {
    const builtins = [source("news:a", "https://stad.example/a"), source("news:b", "https://stad.example/b")];
    const same = planDemo(
      { "news:a": { startPath: "/a", pages: new Map([["/a", "A"], ["/gedeeld", "G"]]) }, "news:b": { startPath: "/b", pages: new Map([["/b", "B"], ["/gedeeld", "G"]]) } },
      builtins,
    );
    expect([...(same.sites.get("https://stad.example")?.keys() ?? [])]).toEqual(["/a", "/gedeeld", "/b"]);
    expect(() =>
      planDemo(
        { "news:a": { startPath: "/a", pages: new Map([["/a", "A"], ["/gedeeld", "G"]]) }, "news:b": { startPath: "/b", pages: new Map([["/b", "B"], ["/gedeeld", "anders"]]) } },
        builtins,
      ),
    ).toThrow('demo fixture "news:b" serves another page at https://stad.example/gedeeld than a fixture before it');
  });

  it("refuses a fixture without a built-in source, or one that starts elsewhere than its source", () => {
    const builtins = [source("news:a", "https://stad.example/nieuws?pagina=0")];
    expect(() => planDemo({ "news:z": { startPath: "/", pages: new Map() } }, builtins)).toThrow('demo fixture "news:z": there is no built-in source with that id');
    expect(() => planDemo({ "news:a": { startPath: "/nieuws", pages: new Map() } }, builtins)).toThrow(
      'demo fixture "news:a" starts at /nieuws, but the source starts at https://stad.example/nieuws?pagina=0',
    );
  });
});
