import { describe, expect, it } from "vitest";
import { extractPdfText } from "../../../scrapers/parsers/news/pdf-text.js";
import { buildPdf } from "../../helpers/minimal-pdf.js";

describe("PDF attachment text", () => {
  it("reads the text of every page", async () => {
    const text = await extractPdfText(buildPdf(["Reglement huurpremie", "Artikel 1. De premie bedraagt 150 euro per maand."]));
    expect(text).toBe("Reglement huurpremie\n\nArtikel 1. De premie bedraagt 150 euro per maand.");
  });

  it("rejects bytes that are no PDF", async () => {
    await expect(extractPdfText(Buffer.from("<html>geen pdf</html>"))).rejects.toThrow();
  });
});
