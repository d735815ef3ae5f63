import { describe, expect, it } from "vitest";
import { lblodPage } from "../../../schema/lblod.js";
import { parseLblodPage } from "../../../scrapers/parsers/lblod/parse-page.js";
import { createAnnexTablePage, createMinutesPage, createNestedPage } from "./hostile-lblod-pages.js";

/**
 * The hostile corpus: page shapes that made the parser quadratic (see rdfa-triples.ts). The time
 * limits are ten times what the parse takes on a busy two-core machine, and far below what it
 * took before (annex table of 1.7 MB: 37 s; 20 000 nested elements with a pagination link: 23 s).
 */
const url = "https://vangdorp.example/zittingen/z-hostile/notulen";

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - started) / 1000 };
}

describe("hostile pages", () => {
  it("reads an annex table of 21 000 cells (the 431 kB shape, four times over) in time, every cell in the operative text", async () => {
    const html = createAnnexTablePage(3_500);
    const { result: page, seconds } = await timed(() => parseLblodPage(html, url));
    expect(seconds).toBeLessThan(10);
    expect(lblodPage.safeParse(page).error).toBeUndefined();
    const text = page.decisions[0]?.operativeText ?? "";
    // 3 500 rows × 6 columns, each cell one amount.
    expect(text.match(/,00 euro/g)).toHaveLength(21_000);
    expect(text).toContain("R3499K5");
    // Cells stay apart and each row is a line of its own; the first row holds (0 × 37 + column + 1) % 1000.
    expect(text.split("\n").find((line) => line.startsWith("R0K0"))).toBe("R0K0 1,00 euro R0K1 2,00 euro R0K2 3,00 euro R0K3 4,00 euro R0K4 5,00 euro R0K5 6,00 euro");
  });

  it("reads a decision 20 000 elements deep, and the pagination link beside it, in time and without a stack overflow", async () => {
    const { result: page, seconds } = await timed(() => parseLblodPage(createNestedPage(20_000), url));
    expect(seconds).toBeLessThan(10);
    expect(page.decisions.map((d) => [d.title, d.motivation])).toEqual([["Diep genest besluit", "Kern van de motivering."]]);
    expect(page.links).toEqual([{ url: `${url}?pagina=2`, rel: "next-page" }]);
  });

  it("reads a 5 MB minutes page whole: every agenda item, decision and vote", async () => {
    const { html, items } = createMinutesPage(5_000_000);
    const { result: page, seconds } = await timed(() => parseLblodPage(html, url));
    expect(seconds).toBeLessThan(20);
    expect(items).toBeGreaterThan(150);
    expect(page.agendaItems).toHaveLength(items);
    expect(page.decisions).toHaveLength(items);
    expect(page.votes).toHaveLength(items);
    // 25 voters listed per vote (besluit:heeftVoorstander), no published count.
    expect(page.votes.every((v) => v.countFor === 25)).toBe(true);
    expect(page.agendaItems.at(-1)).toMatchObject({ title: `Punt ${items}: aanvullende steun voor energiekosten`, position: items });
  });
});
