import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractedArticle } from "../../../schema/article.js";
import { extractArticle } from "../../../scrapers/parsers/news/extract-article.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/news", name), "utf8");

describe("the article extractor", () => {
  it("reads a Gent news page: fields, clean text, sanitised HTML without tracking", () => {
    const article = extractArticle(fixture("gent-article-huurpremie.html"), "https://stad.gent/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie");
    expect(extractedArticle.safeParse(article).success).toBe(true);
    expect(article).toMatchObject({
      title: "Gent verhoogt de huurpremie voor kwetsbare huurders",
      lead: "Vanaf 1 januari 2027 krijgen meer Gentse huurders een huurpremie.",
      publishedAt: "2026-11-11T23:00:00.000Z", // 12 November, midnight in Brussels (UTC+1)
      modifiedAt: "2026-11-13T08:15:00.000Z", // 09.15 uur Brussels
      url: "https://stad.gent/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie",
      language: "nl",
      attachments: [{ url: "https://stad.gent/sites/default/files/reglement-huurpremie.pdf", title: "reglement (pdf)", mediaType: "application/pdf" }],
    });
    expect(article.text).toBe(
      [
        "Vanaf 1 januari 2027 krijgen meer Gentse huurders een huurpremie.",
        "De stad Gent trekt 1,8 miljoen euro per jaar uit voor een ruimere huurpremie. Huurders met een laag inkomen die op de wachtlijst voor een sociale woning staan, krijgen 150 euro per maand.",
        'Schepen van Wonen: "Wie te veel van zijn inkomen aan huur besteedt, verdient steun."',
        "Hoe aanvragen?",
        "- Via het Sociaal Huis",
        "- Online via het aanvraagformulier",
        "Meer info in het reglement (pdf).",
      ].join("\n\n"),
    );
    expect(article.html).toContain('<a href="https://stad.gent/nl/huurpremie?id=3">het aanvraagformulier</a>');
    expect(article.html).not.toMatch(/onclick|<script|<style|class=|utm_|Laatst gewijzigd|Gerelateerd|cookies/);
  });

  it("reads the VVSG layout: author and 'Gepubliceerd op' lines become fields, not text", () => {
    const article = extractArticle(fixture("vvsg-article.html"), "https://www.vvsg.be/nieuws/lerende-netwerken");
    expect(article).toMatchObject({
      title: "Lerende netwerken: 12 koppels van gemeenten wisselen kennis uit",
      author: "Els Peeters",
      publishedAt: "2026-11-04T23:00:00.000Z",
      url: "https://www.vvsg.be/nieuws/lerende-netwerken",
    });
    expect(article.text.startsWith("Twaalf koppels van gemeenten")).toBe(true);
    expect(article.text).toContain("Toegekende subsidie: 18.870€");
    expect(article.text).not.toMatch(/Auteur|Gepubliceerd|nieuwsbrief|Thema's/);
  });

  it("keeps subscription boxes with prices, menus, banners and related lists out of the text", () => {
    const article = extractArticle(fixture("boilerplate-article.html"), "https://krant.example/leuven-sociale-kruidenier");
    expect(article.title).toBe("Leuven opent sociale kruidenier");
    expect(article.author).toBe("Redactie");
    expect(article.publishedAt).toBe("2026-10-02T06:30:00.000Z");
    expect(article.text).toBe(
      "De stad Leuven opent in januari een tweede sociale kruidenier in Kessel-Lo. Gezinnen met een leefloon kunnen er aan halve prijs inkopen doen.\n\nHet OCMW investeert 350.000 euro in de inrichting.",
    );
  });
});
