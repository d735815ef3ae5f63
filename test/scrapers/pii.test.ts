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

describe("named recipients of individual aid", () => {
  const redact = (text: string) => redactPii(text).text;
  it("redacts a titled name in a sentence about aid", () => {
    expect(redact("Het BCSD kent aan mevrouw An Peeters een huurwaarborg toe.")).toBe("Het BCSD kent aan mevrouw [naam verwijderd] een huurwaarborg toe.");
    expect(redact("De aanvraag tot leefloon van de heer Mohamed El Idrissi wordt geweigerd.")).toBe(
      "De aanvraag tot leefloon van de heer [naam verwijderd] wordt geweigerd.",
    );
    expect(redact("Mevrouw Anna Claes krijgt een tussenkomst in de medische kosten.")).toBe("Mevrouw [naam verwijderd] krijgt een tussenkomst in de medische kosten.");
  });
  it("redacts a person identified by birth date or address", () => {
    expect(redact("Karel Janssens, geboren op 12 maart 1980, wonende te Gent, krijgt steun.")).toBe("[naam verwijderd], geboren op 12 maart 1980, wonende te Gent, krijgt steun.");
  });
  it("keeps office holders and titles without a name", () => {
    const minutes = "Aanwezig: de heer Jan Van Damme, burgemeester; mevrouw Els De Smet, schepen. Mevrouw de voorzitter opent de zitting.";
    expect(redact(minutes)).toBe(minutes);
    expect(redact("De heer Peeters stelt het nieuwe sportpark voor.")).toBe("De heer Peeters stelt het nieuwe sportpark voor.");
  });
  it("reports the kind and place of each finding", () => {
    const text = "Steun aan cliënt Ahmed Benali.";
    expect(findPii(text)).toEqual([{ kind: "aid_recipient_name", start: 17, end: 29 }]);
    expect(text.slice(17, 29)).toBe("Ahmed Benali");
  });
});
