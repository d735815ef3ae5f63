import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MunicipalityReference } from "../../db/reference/municipality-reference.js";
import { buildLblodSiteList, type LblodSite } from "../../scrapers/sources/lblod-site-list.js";
import { lblodSources, nightlySchedule } from "../../scrapers/sources/lblod.js";
import { sharedAvailable, sharedDir } from "../helpers/shared-dir.js";

const municipalities = JSON.parse(readFileSync(join(import.meta.dirname, "../../db/reference/municipalities.json"), "utf8")) as MunicipalityReference[];
const shipped = JSON.parse(readFileSync(join(import.meta.dirname, "../../scrapers/sources/lblod-sites.json"), "utf8")) as LblodSite[];

describe("matching the harvester's start URLs to municipalities", () => {
  const csv = [
    "name,start_url,harvester_cron",
    '"De pinte",https://de-pinte-echo.cipalschaubroeck.be/raadpleegomgeving/zittingen/lijst,"42 13 1/4 * *"',
    '"Lanaken-OCMW",https://publicatie.gelinkt-notuleren.vlaanderen.be/Lanaken/OCMW,"45 8 4/4 * *"',
    '"Limburg",https://publicatie.gelinkt-notuleren.vlaanderen.be/Limburg/Provincie,"18 9 4/4 * *"',
    '"Wachtbeke",https://raadpleeg-wachtebeke.onlinesmartcities.be/zittingen/lijst,"1 1 * * *"',
    '"izegem (working)",https://lblod.izegem.be/LBLODWeb/Home/Overzicht/abc,"38 12 * * *"',
    '"Wemmel",https://wemmel-echo.cipalschaubroeck.be/raadpleegomgeving/zittingen/lijst,"54 15 3/4 * *"',
    '"Wemmel",https://wemmel-echo.cipalschaubroeck.be/raadpleegomgeving/zittingen/lijst,"54 15 3/4 * *"',
    '"Nergensdorp",https://nergensdorp.example/zittingen,"0 1 * * *"',
  ].join("\n");

  it("matches names without case, OCMWs, provinces, misspellings, and reports the rest", () => {
    const { sites, notes } = buildLblodSiteList(csv, municipalities);
    expect(sites.map((s) => [s.id, s.unit, s.municipalityNis, s.provinceCode, s.match])).toEqual([
      ["lblod:de-pinte", "gemeente", "44012", "VOV", "exact"],
      ["lblod:lanaken-ocmw", "ocmw", "73042", "VLI", "exact"],
      ["lblod:limburg", "provincie", null, "VLI", "exact"],
      ["lblod:wachtbeke", "gemeente", "44073", "VOV", "approximate"],
      ["lblod:izegem", "gemeente", "36008", "VWV", "exact"],
      ["lblod:wemmel", "gemeente", "23102", "VBR", "exact"],
      ["lblod:nergensdorp", "gemeente", null, null, "unmatched"],
    ]);
    expect(notes).toEqual([
      'matched "Wachtbeke" approximately to Wachtebeke (44073)',
      'skipped "Wemmel": https://wemmel-echo.cipalschaubroeck.be/raadpleegomgeving/zittingen/lijst is already listed',
      'unmatched "Nergensdorp" (https://nergensdorp.example/zittingen)',
    ]);
  });

  it("spreads one daily run per source over the night, 01:00 to 05:59", () => {
    expect(nightlySchedule(0, 300)).toBe("0 1 * * *");
    expect(nightlySchedule(150, 300)).toBe("30 3 * * *");
    expect(nightlySchedule(299, 300)).toBe("59 5 * * *");
    const schedules = lblodSources().map((s) => s.schedule);
    expect(new Set(schedules).size).toBeGreaterThan(280);
  });
});

describe("the shipped LBLOD site list", () => {
  it("has one uniquely named source per start URL, nearly all matched", () => {
    expect(shipped.length).toBe(304);
    expect(new Set(shipped.map((s) => s.id)).size).toBe(304);
    expect(shipped.filter((s) => s.match === "unmatched")).toEqual([]);
    expect(shipped.filter((s) => s.unit === "provincie").map((s) => s.provinceCode).sort()).toEqual(["VAN", "VBR", "VLI", "VOV", "VWV"]);
    const gent = shipped.find((s) => s.id === "lblod:gent");
    expect(gent).toMatchObject({ municipalityNis: "44021", startUrl: "https://ebesluitvorming.gent.be/zittingen/lijst" });
  });

  it.runIf(sharedAvailable)("equals what the builder makes from ../shared/data/lblod-start-urls.csv", () => {
    const { sites } = buildLblodSiteList(readFileSync(join(sharedDir, "data/lblod-start-urls.csv"), "utf8"), municipalities);
    expect(shipped).toEqual(sites);
  });
});
