const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from("\r\n");

/**
 * PostgreSQL's CSV as RFC 4180 wants it: COPY ends a record with LF, the RFC with CRLF. Each LF
 * outside quotes becomes CRLF (a line break inside a quoted field stays as stored), and records
 * are counted on the way. Quote state is kept from one chunk to the next, so a field may be split
 * anywhere; an escaped quote (`""`) leaves and re-enters the quotes, which changes nothing.
 */
export class CsvRecordEnds {
  private quoted = false;
  /** Records seen so far (complete lines outside quotes). */
  records = 0;

  convert(input: Uint8Array): Buffer {
    const chunk = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const parts: Buffer[] = [];
    let start = 0;
    let at = 0;
    let nextQuote = chunk.indexOf(QUOTE, 0);
    let nextLf = -2;
    while (at < chunk.length) {
      if (this.quoted) {
        if (nextQuote < 0) break;
        this.quoted = false;
        at = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (nextLf !== -1 && nextLf < at) nextLf = chunk.indexOf(LF, at);
      if (nextLf >= 0 && (nextQuote < 0 || nextLf < nextQuote)) {
        parts.push(chunk.subarray(start, nextLf), CRLF);
        this.records++;
        start = at = nextLf + 1;
        continue;
      }
      if (nextQuote < 0) break;
      this.quoted = true;
      at = nextQuote + 1;
      nextQuote = chunk.indexOf(QUOTE, at);
    }
    if (start === 0 && parts.length === 0) return chunk;
    parts.push(chunk.subarray(start));
    return Buffer.concat(parts);
  }
}
