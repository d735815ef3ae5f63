import { describe, expect, it } from "vitest";
import { analyseText } from "../../scrapers/normalise/analyse.js";

const TEMSE = "46025";
const conditionsOf = (text: string) => analyseText({ text, date: "2026-03-01", publisher: TEMSE }).measures.map((m) => ({ theme: m.theme, action: m.action, conditions: m.conditions }));

describe("conditions of a measure", () => {
  it("reads statuses, residence and the income ceiling from the sentences that say who may apply", () => {
    const text =
      "Huurtoelage. Het OCMW geeft een huurtoelage van 100 euro per maand. Voorwaarden: u bent ingeschreven in het bevolkingsregister van Temse, " +
      "u heeft een leefloon of de verhoogde tegemoetkoming en uw inkomen is lager dan 1.500 euro per maand.";
    expect(conditionsOf(text)).toEqual([
      { theme: "housing", action: "in_force", conditions: { incomeCeiling: 1500, statuses: ["leefloon", "verhoogde_tegemoetkoming"], residenceRequired: true } },
    ]);
  });

  it("takes the highest ceiling when a page states several", () => {
    const text =
      "Energiepremie. Het OCMW geeft een premie voor de energiefactuur. Je komt in aanmerking als je jaarlijks inkomen lager is dan 20.000 euro. " +
      "Voor een gezin is het inkomen niet hoger dan 25.630,67 euro.";
    expect(conditionsOf(text)[0]?.conditions.incomeCeiling).toBe(25630.67);
  });

  it("does not read a status named outside who may apply, nor an amount that is no income ceiling", () => {
    const text = "De stad Temse voert een nieuwe energiepremie van 200 euro in. Het leefloon steeg vorig jaar. De premie kost de stad 50.000 euro.";
    expect(conditionsOf(text)).toEqual([{ theme: "debt_energy", action: "introduce", conditions: { incomeCeiling: null, statuses: [], residenceRequired: false } }]);
  });

  it("gives no conditions to a change of another theme than the text's subject", () => {
    const measures = conditionsOf("De stad Temse verhoogt de huurpremie. Wie een leefloon heeft, komt in aanmerking. De stad schrapt ook de toelage voor de stookolie.");
    for (const measure of measures.filter((m) => m.theme !== "housing" || m.action !== "increase")) expect(measure.conditions.statuses).toEqual([]);
  });
});
