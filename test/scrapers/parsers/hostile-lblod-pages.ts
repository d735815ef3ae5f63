/**
 * Generators of hostile but realistic LBLOD pages, for the hostile-page tests and `npm run bench`.
 * Their shapes follow the real publications in ../shared/samples/lblod (seen 2026-11): Aalst's
 * onlinesmartcities minutes put every treatment in one container element with a property of its
 * own, decisions carry a motivation and articles, votes list their voters as nested people; and
 * what the issue reports from other pages: annexes pasted as huge tables inside a decision's text,
 * and absurdly deep nesting. All names and numbers are invented.
 */

const prefixes =
  "eli: http://data.europa.eu/eli/ontology# prov: http://www.w3.org/ns/prov# mandaat: http://data.vlaanderen.be/ns/mandaat# " +
  "besluit: http://data.vlaanderen.be/ns/besluit# ext: http://mu.semte.ch/vocabularies/ext/ persoon: https://data.vlaanderen.be/ns/persoon# " +
  "foaf: http://xmlns.com/foaf/0.1/ dct: http://purl.org/dc/terms/ skos: http://www.w3.org/2004/02/skos/core# xsd: http://www.w3.org/2001/XMLSchema#";

const id = "https://data.vangdorp.example/id";
export const hostileSessionUri = `${id}/zittingen/z-hostile`;

function openPage(title: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head><body>\n` +
    `<div prefix="${prefixes}">\n` +
    `<div typeof="besluit:Zitting" resource="${hostileSessionUri}">\n` +
    `<span property="besluit:geplandeStart" datatype="xsd:dateTime" content="2026-10-19T20:00:00+02:00">19 oktober 2026</span>\n` +
    `<span property="besluit:isGehoudenDoor" typeof="besluit:Bestuursorgaan" resource="${id}/bestuursorganen/gr"><span property="skos:prefLabel">Gemeenteraad Vangdorp</span></span>\n`
  );
}
const closePage = "</div>\n</div>\n</body></html>\n";

function voter(n: number): string {
  return (
    `<span typeof="mandaat:Mandataris" resource="${id}/mandatarissen/m${n}" property="besluit:heeftVoorstander">` +
    `<span property="mandaat:isBestuurlijkeAliasVan" resource="${id}/personen/p${n}">` +
    `<span property="persoon:gebruikteVoornaam">Voornaam${n}</span>&nbsp;<span property="foaf:familyName">Familienaam${n}</span></span><span>;</span></span>\n`
  );
}

/** A table as office software exports it: indented, every cell's amount with a property of its own. */
function annexTable(rows: number, columns: number, n: number): string {
  const cell = (r: number, c: number) => `    <td>\n      <span property="ext:bedrag">R${r}K${c} ${((r * 37 + c + n) % 1000).toLocaleString("nl-BE")},00 euro</span>\n    </td>\n`;
  const row = (r: number) => `  <tr>\n${Array.from({ length: columns }, (_, c) => cell(r, c)).join("")}  </tr>\n`;
  return `<table>\n<tbody>\n${Array.from({ length: rows }, (_, r) => row(r)).join("")}</tbody>\n</table>\n`;
}

/** One agenda item with its treatment, decision (motivation, legal basis, articles, sometimes an annex) and vote. */
function treatment(n: number): string {
  const paragraphs = Array.from(
    { length: 12 },
    (_, p) =>
      `<p>Overweging ${p + 1} bij punt ${n}: het OCMW verleent aanvullende financiële steun aan inwoners met een laag inkomen, ` +
      `zoals bepaald in het reglement van de raad, binnen het budget van ${(n * 1000 + p).toLocaleString("nl-BE")} euro per jaar.</p>\n`,
  ).join("");
  const articles = Array.from(
    { length: 4 },
    (_, a) =>
      `<div property="eli:has_part" typeof="besluit:Artikel" resource="${id}/artikels/${n}-${a + 1}">` +
      `<h4 property="eli:number">Artikel ${a + 1}</h4><div property="prov:value"><p>De raad keurt onderdeel ${a + 1} van punt ${n} goed ` +
      `en belast het college met de uitvoering ervan.</p></div></div>\n`,
  ).join("");
  // Every fifth decision carries an annex: a budget table pasted into its operative text.
  const annex = n % 5 === 0 ? annexTable(150, 6, n) : "";
  return (
    `<div property="ext:behandelt" typeof="besluit:BehandelingVanAgendapunt" resource="${id}/behandelingen/${n}">\n` +
    `<span property="besluit:openbaar" datatype="xsd:boolean" content="true"></span>\n` +
    `<span property="dct:subject" typeof="besluit:Agendapunt" resource="${id}/agendapunten/${n}">` +
    `<span property="dct:title">Punt ${n}: aanvullende steun voor energiekosten</span></span>\n` +
    `<div property="prov:generated" typeof="besluit:Besluit" resource="${id}/besluiten/${n}">\n` +
    `<h3 property="eli:title">Punt ${n}: aanvullende steun voor energiekosten</h3>\n` +
    `<div property="besluit:motivering"><h4>Feiten en context</h4>\n${paragraphs}<h4>Juridische grond</h4><ul>` +
    `<li><a property="eli:cites" href="https://codex.vlaanderen.be/doc/artikel/${1000 + n}">Decreet lokaal bestuur</a></li></ul></div>\n` +
    `<div property="prov:value">${articles}${annex}</div>\n` +
    `</div>\n` +
    `<div property="besluit:heeftStemming" typeof="besluit:Stemming" resource="${id}/stemmingen/${n}">` +
    `<span property="besluit:gevolg">goedgekeurd</span>\n${Array.from({ length: 25 }, (_, v) => voter(v)).join("")}</div>\n` +
    `</div>\n`
  );
}

/**
 * Minutes of one session with as many agenda items as it takes to reach `bytes`, every treatment
 * inside one container element that has a property of its own (as Aalst's minutes do).
 */
export function createMinutesPage(bytes: number): { html: string; items: number } {
  let html = `${openPage("Notulen van de gemeenteraad")}<div property="ext:behandelingVanAgendapuntenContainer">\n`;
  let items = 0;
  while (html.length < bytes) html += treatment(++items);
  return { html: `${html}</div>\n${closePage}`, items };
}

/**
 * One decision whose operative text holds an annex pasted as a table of `rows` × `columns` cells,
 * every cell with a property of its own (an amount, a name), as annexes with budgets do.
 */
export function createAnnexTablePage(rows: number, columns = 6): string {
  return (
    openPage("Notulen met bijlage") +
    `<div property="ext:behandelt" typeof="besluit:BehandelingVanAgendapunt" resource="${id}/behandelingen/1">\n` +
    `<span property="dct:subject" typeof="besluit:Agendapunt" resource="${id}/agendapunten/1"><span property="dct:title">Budgetwijziging met bijlage</span></span>\n` +
    `<div property="prov:generated" typeof="besluit:Besluit" resource="${id}/besluiten/1">\n<h3 property="eli:title">Budgetwijziging met bijlage</h3>\n` +
    `<div property="prov:value"><p>De bijlage maakt deel uit van dit besluit.</p>\n${annexTable(rows, columns, 1)}</div>\n` +
    `</div>\n</div>\n` +
    closePage
  );
}

/**
 * A decision whose motivation sits inside `depth` nested elements (an editor that never closes
 * its tags), on a page with a link to the next page, as session lists and long minutes have.
 */
export function createNestedPage(depth: number): string {
  return (
    openPage("Diep geneste notulen") +
    `<nav><a rel="next" href="?pagina=2">Volgende pagina</a></nav>\n` +
    `<div property="ext:behandelt" typeof="besluit:BehandelingVanAgendapunt" resource="${id}/behandelingen/1">\n` +
    `<span property="dct:subject" typeof="besluit:Agendapunt" resource="${id}/agendapunten/1"><span property="dct:title">Diep genest punt</span></span>\n` +
    `<div property="prov:generated" typeof="besluit:Besluit" resource="${id}/besluiten/1">\n<h3 property="eli:title">Diep genest besluit</h3>\n` +
    `<div property="besluit:motivering">${"<div><span>".repeat(depth / 2)}Kern van de motivering.${"</span></div>".repeat(depth / 2)}</div>\n` +
    `</div>\n</div>\n` +
    closePage
  );
}
