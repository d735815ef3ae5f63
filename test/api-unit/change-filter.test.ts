import { describe, expect, it } from "vitest";
import { readChangeFilter } from "../../api/change-filter.js";
import { municipalityRegister } from "../../db/reference/municipality-register.js";

const register = municipalityRegister();

describe("the one change filter every channel reads", () => {
  it("reads GraphQL enum names and stored values alike", () => {
    const fromGraphql = readChangeFilter({ kinds: ["PRESS_RELEASE"], actions: ["CUT"], provinces: ["West-Vlaanderen"], municipalities: ["44021"], themes: ["food_aid"], search: "  voedselbank  " }, register);
    const fromFeedQuery = readChangeFilter({ kinds: ["press_release"], actions: ["cut"], provinces: ["VWV"], municipalities: ["44021"], themes: ["food_aid"], search: "voedselbank" }, register);
    expect(fromGraphql).toEqual(fromFeedQuery);
    expect(fromFeedQuery).toMatchObject({ documentKinds: ["press_release"], actions: ["cut"], provinceCodes: ["VWV"], municipalities: ["44021"], themes: ["food_aid"], search: "voedselbank" });
  });

  it("an empty filter has no condition", () => {
    expect(Object.values(readChangeFilter(null, register)).filter((v) => v !== undefined)).toEqual([]);
  });

  it.each([
    [{ kinds: ["persbericht"] }, /filter\.kinds.*"persbericht".*council_decision, press_release/],
    [{ themes: ["wonen"] }, /filter\.themes.*"wonen"/],
    [{ municipalities: ["99999"] }, /filter\.municipalities.*"99999"/],
    [{ events: ["measure.updated"] }, /filter\.events.*"measure\.updated"/],
    [{ provinces: ["Brussel"] }, /filter\.provinces.*"Brussel"/],
    [{ actions: ["verhogen"] }, /filter\.actions.*"verhogen".*introduce, expand, increase/],
  ])("refuses %j naming the argument and the value", (input, message) => {
    expect(() => readChangeFilter(input, register)).toThrow(message);
  });

  it("names the argument it was given (a feed's query parameters, a webhook's filter)", () => {
    expect(() => readChangeFilter({ themes: ["wonen"] }, register, "webhook.filter")).toThrow(/webhook\.filter\.themes/);
  });
});
