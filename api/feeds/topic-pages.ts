import type { MunicipalityRegister, RegisteredMunicipality } from "../../db/reference/municipality-register.js";
import { provinces } from "../../db/reference/provinces.js";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import { writeDutchDay } from "../../schema/dutch-text.js";
import type { ChangeEntry } from "./change-entry.js";
import { html, link, type SafeHtml } from "./html.js";
import { changeListHtml, feedLinksHtml, type PageFeeds, renderPage } from "./page-layout.js";

/**
 * A page per municipality and per theme: its latest changes and its own feeds, which a feed
 * reader finds from the page's address (auto-discovery); and the two lists that lead to them.
 */

export type Theme = (typeof currentTaxonomy.themes)[number];

export const findTheme = (code: string): Theme | undefined => currentTaxonomy.themes.find((t) => t.code === code);

const provinceName = (code: string) => provinces.find((p) => p.code === code)?.name ?? code;

/** "Borsbeek (tot 2024, nu Antwerpen)": a merged municipality says where it went. */
function municipalityLabel(municipality: RegisteredMunicipality, register: MunicipalityRegister): string {
  if (municipality.validTo === null) return municipality.name;
  const successor = municipality.successorNis ? register.get(municipality.successorNis) : undefined;
  return `${municipality.name} (tot ${municipality.validTo.slice(0, 4)}${successor && successor.nis !== municipality.nis ? `, nu ${successor.name}` : ""})`;
}

export function renderMunicipalityPage(municipality: RegisteredMunicipality, register: MunicipalityRegister, entries: readonly ChangeEntry[], feeds: PageFeeds): string {
  const successor = municipality.successorNis ? register.get(municipality.successorNis) : undefined;
  const predecessors = register.predecessorsOf(municipality.nis);
  const body = html`    <h1>${municipality.name}</h1>
    <p>Gemeente in de provincie ${provinceName(municipality.provinceCode)}, NIS-code <code>${municipality.nis}</code>.
      <span lang="en" class="en">Municipality in the province of ${provinceName(municipality.provinceCode)}.</span></p>
${successor && successor.nis !== municipality.nis ? html`    <p>${municipality.validTo ? `Tot en met ${writeDutchDay(municipality.validTo)} een gemeente; o` : "O"}pgegaan in ${link(`/gemeenten/${successor.nis}`, successor.name)}, waar ook haar wijzigingen van nu staan. <span lang="en" class="en">Merged into its successor.</span></p>\n` : ""}${
    predecessors.length > 0
      ? html`    <p>Omvat ook ${predecessors.map((p, i) => html`${i > 0 ? ", " : ""}${link(`/gemeenten/${p.nis}`, p.name)}`)}: hun wijzigingen horen bij deze gemeente. <span lang="en" class="en">Includes the municipalities merged into it.</span></p>\n`
      : ""
  }    ${feedLinksHtml(feeds)}
    <h2>Laatste wijzigingen <span lang="en" class="en">Latest changes</span></h2>
    ${changeListHtml(entries)}
`;
  return renderPage({ title: municipality.name, feeds, body });
}

export function renderThemePage(theme: Theme, entries: readonly ChangeEntry[], feeds: PageFeeds): string {
  const body = html`    <h1>${theme.labelNl} <span lang="en" class="en">${theme.labelEn}</span></h1>
    <p>Thema <code>${theme.code}</code> van de Vangnet-taxonomie (versie ${currentTaxonomy.version}). <span lang="en" class="en">${theme.descriptionEn}</span></p>
    ${feedLinksHtml(feeds)}
    <h2>Laatste wijzigingen <span lang="en" class="en">Latest changes</span></h2>
    ${changeListHtml(entries)}
`;
  return renderPage({ title: theme.labelNl, feeds, body });
}

export function renderMunicipalityIndex(register: MunicipalityRegister): string {
  const byProvince = provinces.map((province) => {
    const members = register
      .all()
      .filter((m) => m.provinceCode === province.code)
      .sort((a, b) => a.name.localeCompare(b.name, "nl") || a.validFrom.localeCompare(b.validFrom));
    return html`    <section aria-labelledby="provincie-${province.code}">
      <h2 id="provincie-${province.code}">${province.name}</h2>
      <ul class="topic-list">
${members.map((m) => html`        <li>${link(`/gemeenten/${m.nis}`, municipalityLabel(m, register))}</li>\n`)}      </ul>
    </section>
`;
  });
  const body = html`    <h1>Gemeenten <span lang="en" class="en">Municipalities</span></h1>
    <p>Elke gemeente heeft een pagina met haar laatste wijzigingen en haar eigen feeds. Een gemeente die uit een fusie ontstond, omvat de gemeenten die erin opgingen.
      <span lang="en" class="en">Every municipality has a page with its latest changes and its own feeds.</span></p>
${byProvince}`;
  return renderPage({ title: "Gemeenten", body });
}

export function renderThemeIndex(): string {
  const items: SafeHtml[] = currentTaxonomy.themes.map((t) => html`      <li>${link(`/themas/${t.code}`, t.labelNl)} <span lang="en" class="en">${t.labelEn}</span></li>\n`);
  const body = html`    <h1>Thema's <span lang="en" class="en">Themes</span></h1>
    <p>Elk thema heeft een pagina met de laatste wijzigingen erover en zijn eigen feeds.
      <span lang="en" class="en">Every theme has a page with its latest changes and its own feeds.</span></p>
    <ul class="topic-list">
${items}    </ul>
`;
  return renderPage({ title: "Thema's", body });
}
