import { describe, expect, it } from "vitest";
import { readRdfa } from "../../../scrapers/parsers/lblod/rdfa-triples.js";

/**
 * The reader hands the RDFa processor only what it needs (rdfa-triples.ts): these pin down the
 * cases where it still needs every tag and text. The triples of the seven samples and the unit
 * fixtures were compared with the reader before the rewrite: the same statements.
 */
const prefixes = `prefix="prov: http://www.w3.org/ns/prov# rdf: http://www.w3.org/1999/02/22-rdf-syntax-ns#"`;

describe("what the reader gives the RDFa processor", () => {
  it("keeps the markup of an XML literal, with the namespaces in scope declared on it (RDFa 1.1, 7.5 step 11)", async () => {
    const { triples } = await readRdfa(`<html><body ${prefixes}><div about="https://x.example/b"><span property="prov:x" datatype="rdf:XMLLiteral">x<i>y</i></span></div></body></html>`, "https://x.example/");
    expect(triples).toEqual([
      {
        subject: "https://x.example/b",
        predicate: "http://www.w3.org/ns/prov#x",
        object: 'x<i xmlns:prov="http://www.w3.org/ns/prov#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">y</i>',
        objectKind: "literal",
        datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
      },
    ]);
  });

  it("gives a literal in a list the element's whole text, nested plain elements included", async () => {
    const { triples } = await readRdfa(`<html><body ${prefixes}><div about="https://x.example/b"><ol><li property="prov:item" inlist="">een <b>twee</b></li></ol></div></body></html>`, "https://x.example/");
    expect(triples.find((t) => t.predicate.endsWith("#first"))).toMatchObject({ object: "een twee", objectKind: "literal" });
  });

  it("reads text through elements without RDFa, and the title and pagination of the page in the same pass", async () => {
    const reading = await readRdfa(
      `<html><head><title>Zittingen – pagina 1</title></head><body ${prefixes}><div about="https://x.example/b"><div property="prov:value"><div><p>Een</p><table><tr><td>a</td><td>b</td></tr></table></div></div></div><a rel="next" href="?p=2">Volgende</a><link rel="Next" href="?p=3"></body></html>`,
      "https://x.example/",
    );
    // Paragraph marks (U+2029) around blocks, a space after each cell.
    expect(reading.triples.find((t) => t.predicate.endsWith("#value"))?.object).toBe("\u2029\u2029Een\u2029\u2029\u2029a b \u2029\u2029\u2029");
    expect(reading.title).toBe("Zittingen – pagina 1");
    expect(reading.nextLinks).toEqual(["?p=2", "?p=3"]);
  });
});
