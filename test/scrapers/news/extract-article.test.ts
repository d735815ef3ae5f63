import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractedArticle } from "../../../schema/article.js";
import { extractArticle } from "../../../scrapers/parsers/news/extract-article.js";
import { newsSites } from "../../fixtures/news/sites.js";

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

describe("the demo press releases", () => {
  // Read by hand from the fixtures: a day without a time starts at midnight in Brussels, UTC+2
  // until 25 October 2026 and UTC+1 after.
  it.each([
    ["news:gent", "/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie", "2026-11-11T23:00:00.000Z"],
    ["news:gent", "/nl/nieuws-evenementen/winterplan-extra-nachtopvang", "2026-11-08T23:00:00.000Z"],
    ["news:vvsg", "/nieuwsoverzicht/lerende-netwerken", "2026-11-04T23:00:00.000Z"],
    ["news:gent-persruimte", "/nl/releases/schuldhulp", "2026-11-09T23:00:00.000Z"],
    ["news:leuven", "/nieuws/sociale-kruidenier", "2026-10-01T22:00:00.000Z"],
    ["news:kortrijk", "/nieuws/energiepremie", "2026-10-14T22:00:00.000Z"],
    ["news:mechelen", "/nieuws/kinderopvang", "2026-11-02T23:00:00.000Z"],
  ])("%s %s is dated", (source, path, publishedAt) => {
    const html = newsSites[source]?.pages.get(path) as string;
    const article = extractArticle(html, `http://127.0.0.1${path}`);
    expect(article.publishedAt).toBe(publishedAt);
    expect(article.text).not.toMatch(/Gepubliceerd/);
  });
});

/** A page with a menu, a cookie banner and a footer around an article holding `body`. */
const pageWith = (body: string, head = "") =>
  `<!DOCTYPE html><html lang="nl"><head><title>Nieuws | Stad</title>${head}</head><body><header><nav><a href="/">Home</a></nav></header>` +
  `<div class="cookie-banner">Wij gebruiken cookies.</div><main><article><h1>Huurpremie stijgt</h1>${body}</article></main><footer>Stad – Markt 1</footer></body></html>`;
const bodyText = (body: string) => extractArticle(pageWith(body), "https://stad.example/nieuws/huurpremie").text;

describe("boilerplate removal: by position and structure, never by a price", () => {
  it.each([
    ["a price per month", "<p>De huurpremie bedraagt voortaan € 150 per maand.</p>", "De huurpremie bedraagt voortaan € 150 per maand."],
    ["a price per month in a div of its own", "<div><p>De huurpremie bedraagt voortaan € 150 per maand.</p></div>", "De huurpremie bedraagt voortaan € 150 per maand."],
    [
      "a subscription that is a social measure",
      "<p>Een abonnement van De Lijn kost voor wie een leefloon heeft voortaan € 12 per jaar.</p>",
      "Een abonnement van De Lijn kost voor wie een leefloon heeft voortaan € 12 per jaar.",
    ],
    [
      "a price with 'nu voor'",
      "<ul><li>Een fiets huren kost nu voor iedereen met een UiTPAS kansentarief € 5 per maand.</li></ul>",
      "- Een fiets huren kost nu voor iedereen met een UiTPAS kansentarief € 5 per maand.",
    ],
    [
      "a link to register for the measure",
      '<p>Wie de premie wil, kan zich registreren via <a href="https://stad.example/registreren">het e-loket</a>: € 150 per maand.</p>',
      "Wie de premie wil, kan zich registreren via het e-loket: € 150 per maand.",
    ],
  ])("keeps a body paragraph with %s", (_, body, text) => {
    expect(bodyText(`<p>De stad verhoogt de huurpremie.</p>${body}`)).toBe(`De stad verhoogt de huurpremie.\n\n${text}`);
  });

  it.each([
    ["a box with a subscribe button", '<div><p>Digitaal lezen? Nu voor 4,99 € per maand.</p><a class="btn" href="/abonneren">Word abonnee</a></div>'],
    ["a box with a plain link that asks to subscribe", '<div><p>Alles lezen?</p><p><a href="/aanbod">Word abonnee</a></p></div>'],
    ["a box with a register button", '<section><h3>Mis niets</h3><button type="button">Registreer gratis</button></section>'],
    ["a box with a form", '<div><h3>Nieuwsbrief</h3><p>Elke week het nieuws van de stad.</p><form action="/inschrijven"><input type="email" name="mail"><button>Verstuur</button></form></div>'],
    ["a box named newsletter", '<div class="block-newsletter"><p>Schrijf je in op onze nieuwsbrief.</p></div>'],
    ["a box named related", '<div class="related-articles"><h3>Lees ook</h3><ul><li><a href="/x">Brand in Heverlee</a></li></ul></div>'],
    ["share buttons", '<div class="shareButtons"><a href="https://facebook.com/share">Deel</a></div>'],
    ["a cookie notice by id", '<div id="cookieNotice">Deze site gebruikt cookies.</div>'],
    ["a complementary landmark", '<div role="complementary"><p>Meer over wonen in de stad.</p></div>'],
    ["an aside", "<aside><p>Ook interessant: de energiepremie.</p></aside>"],
    ["a navigation landmark", '<div role="navigation"><a href="/vorige">Vorige</a> <a href="/volgende">Volgende</a></div>'],
  ])("drops %s, inside or outside the article", (_, box) => {
    expect(bodyText(`<p>De stad verhoogt de huurpremie.</p>${box}<p>De premie gaat in op 1 januari.</p>`)).toBe("De stad verhoogt de huurpremie.\n\nDe premie gaat in op 1 januari.");
    const outside = extractArticle(pageWith("<p>De stad verhoogt de huurpremie tot € 150 per maand.</p>").replace("<main>", `<main>${box}`), "https://stad.example/x");
    expect(outside.text).toBe("De stad verhoogt de huurpremie tot € 150 per maand.");
  });

  it("drops a form in the body but not the paragraphs around it", () => {
    const texts = Array.from({ length: 4 }, (_, i) => `Paragraaf ${i + 1} over de huurpremie van de stad, die voortaan € 150 per maand bedraagt voor wie er recht op heeft.`);
    const body = `<div class="field--name-body">${texts.map((t) => `<p>${t}</p>`).join("")}<form><label>E-mail</label><input type="email"><button>Vraag aan</button></form></div>`;
    expect(bodyText(body)).toBe(texts.join("\n\n"));
  });

  it("keeps an article whose wrapper has a box-like name", () => {
    const html = pageWith("").replace("<article><h1>Huurpremie stijgt</h1></article>", '<div class="layout with-sidebar"><h1>Huurpremie stijgt</h1><p>De huurpremie bedraagt voortaan € 150 per maand.</p></div>');
    expect(extractArticle(html, "https://stad.example/x").text).toBe("De huurpremie bedraagt voortaan € 150 per maand.");
  });
});
