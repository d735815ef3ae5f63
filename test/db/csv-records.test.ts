import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordEnds } from "../../db/bulk/csv-records.js";

// Records as PostgreSQL's COPY … CSV writes them (LF after each record, "" for a quote inside quotes).
const records = [
  ["1", "Gent", ""],
  ["2", 'De "huurpremie", verhoogd', "regel één\nregel twee"],
  ["3", "", '""'],
  ["4", "\n", "Zelzate, Oost-Vlaanderen"],
];
const quote = (field: string) => (/[",\n]/.test(field) || field === "" ? `"${field.replace(/"/g, '""')}"` : field);
const copyText = records.map((record) => `${record.map(quote).join(",")}\n`).join("");

function convert(chunks: string[]): { text: string; records: number } {
  const ends = new CsvRecordEnds();
  const text = Buffer.concat(chunks.map((chunk) => ends.convert(Buffer.from(chunk, "utf8")))).toString("utf8");
  return { text, records: ends.records };
}

describe("CsvRecordEnds", () => {
  it("ends every record with CRLF and keeps line breaks inside quoted fields", () => {
    const { text, records: counted } = convert([copyText]);
    expect(counted).toBe(4);
    // Four record ends, and the two line breaks inside fields left as they were.
    expect(text.match(/\r\n/g)?.length).toBe(4);
    expect(text.replace(/\r\n/g, "").match(/\n/g)?.length).toBe(2);
    expect(parse(text, { record_delimiter: "\r\n" })).toEqual(records);
  });

  it("gives the same text and count wherever the chunks are cut", () => {
    const whole = convert([copyText]);
    const bytes = Buffer.from(copyText, "utf8");
    for (let first = 0; first <= bytes.length; first++) {
      for (const second of [first, Math.min(bytes.length, first + 1), Math.min(bytes.length, first + 7)]) {
        const ends = new CsvRecordEnds();
        const out = Buffer.concat([bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)].map((chunk) => ends.convert(chunk)));
        expect(out.toString("utf8")).toBe(whole.text);
        expect(ends.records).toBe(4);
      }
    }
  });

  it("passes a chunk without record ends through unchanged, remembering an open quote", () => {
    const ends = new CsvRecordEnds();
    expect(ends.convert(Buffer.from('5,"nog open')).toString()).toBe('5,"nog open');
    expect(ends.convert(Buffer.from("\nveld\"\n")).toString()).toBe('\nveld"\r\n');
    expect(ends.records).toBe(1);
  });
});
