import { defineSource, type SourceDefinition } from "../source.js";

/**
 * Press-release and news sources with their real URLs. Gent's markup follows domain.md (Drupal
 * teasers `article.node--type-news.node--view-mode-teaser`, `a.teaser-overlay-link`, a 0-based
 * `?page=N` pager); the VVSG layout ("Auteur:", "Gepubliceerd op:") too. The markup of the Gent
 * press room, Leuven, Kortrijk and Mechelen is NOT verified (no saved page, 2026-11): their
 * selectors are the generic ones and their fixtures are synthetic; check them online first.
 */
export function newsSources(): SourceDefinition[] {
  return [
    defineSource({
      id: "news:gent-rss",
      kind: "feed",
      name: "Stad Gent – nieuws (RSS)",
      startUrl: "https://stad.gent/nl/nieuws-evenementen/rss",
      schedule: "10 */3 * * *",
      enabled: true,
      municipalityNis: "44021",
      config: { article: { article: "article.node--type-news", modified: "p.changed-date" } },
    }),
    defineSource({
      id: "news:gent",
      kind: "listing",
      name: "Stad Gent – nieuws",
      startUrl: "https://stad.gent/nl/nieuws-evenementen",
      schedule: "40 6 * * *",
      enabled: true,
      municipalityNis: "44021",
      config: {
        list: { item: "article.node--type-news.node--view-mode-teaser", link: "a.teaser-overlay-link", pageParam: "page", firstPage: 0, maxPages: 3 },
        article: { article: "article.node--type-news", modified: "p.changed-date" },
      },
    }),
    defineSource({
      id: "news:gent-persruimte",
      kind: "listing",
      name: "Stad Gent – persruimte",
      startUrl: "https://persruimte.stad.gent/nl/releases",
      schedule: "50 6 * * *",
      enabled: true,
      municipalityNis: "44021",
      config: { list: { item: "article, li.release, .news-item", maxPages: 2 } }, // platform unverified
    }),
    defineSource({
      id: "news:vvsg",
      kind: "listing",
      name: "VVSG – nieuws",
      startUrl: "https://www.vvsg.be/nieuwsoverzicht",
      schedule: "20 7 * * *",
      enabled: true,
      municipalityNis: null,
      config: { list: { item: "article, .news-item", maxPages: 2 } },
    }),
    defineSource({
      id: "news:leuven",
      kind: "listing",
      name: "Stad Leuven – nieuws",
      startUrl: "https://leuven.be/nieuws",
      schedule: "30 7 * * *",
      enabled: true,
      municipalityNis: "24062",
      config: { list: { item: "article, .news-item", maxPages: 2 } }, // markup unverified
    }),
    defineSource({
      id: "news:kortrijk",
      kind: "listing",
      name: "Stad Kortrijk – nieuws",
      startUrl: "https://www.kortrijk.be/nieuws",
      schedule: "40 7 * * *",
      enabled: true,
      municipalityNis: "34022",
      config: { list: { item: "article, .news-item", maxPages: 2 } }, // markup unverified
    }),
    defineSource({
      id: "news:mechelen",
      kind: "listing",
      name: "Stad Mechelen – nieuws",
      startUrl: "https://www.mechelen.be/nieuws",
      schedule: "50 7 * * *",
      enabled: true,
      municipalityNis: "12025",
      config: { list: { item: "article, .news-item", maxPages: 2 } }, // markup unverified
    }),
  ];
}
