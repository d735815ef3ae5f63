import { describe, expect, it } from "vitest";
import { findPii, isNationalRegisterNumber, NATIONAL_REGISTER_REDACTION, redactPii } from "../../scrapers/normalise/pii.js";

// Synthetic numbers; check digits computed by hand (see the table below).
const before2000 = "85.07.30-033.28";
const after2000 = "01.02.03-123.45";

describe("national register numbers", () => {
  it.each([
    ["85073003328", true], // born 1985: 97 - (850730033 mod 97) = 28
    ["01020312345", true], // born 2001: 97 - (2010203123 mod 97) = 45
    ["85073003329", false], // wrong check digits
    ["01020312346", false], // neither 16 (before 2000) nor 45 (from 2000)
    ["85133003328", false], // month 13
  ])("checks %s", (digits, valid) => {
    expect(isNationalRegisterNumber(digits)).toBe(valid);
  });

  it("finds them in every usual notation, not in other numbers", () => {
    const text = `Dossier van ${before2000} en 85073003328, of ${after2000}. Niet: IBAN BE68 5390 0754 7034, tel. 09 266 35 00, 1.800.000 euro, factuur 85073003329.`;
    expect(findPii(text).map((f) => text.slice(f.start, f.end))).toEqual([before2000, "85073003328", after2000]);
  });

  it("redacts them and says where", () => {
    const { text, findings } = redactPii(`Steun voor de aanvrager met rijksregisternummer ${before2000} wordt toegekend.`);
    expect(text).toBe(`Steun voor de aanvrager met rijksregisternummer ${NATIONAL_REGISTER_REDACTION} wordt toegekend.`);
    expect(findings).toEqual([{ kind: "national_register_number", start: 48, end: 63 }]);
    expect(redactPii(null)).toEqual({ text: null, findings: [] });
  });
});
