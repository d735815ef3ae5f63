/**
 * What a fetched body must be before anything parses it: text, not a PDF or an image served as
 * `text/html` (seen 2026-11: a PDF served as a page aborted a run).
 */

/** Signatures of binary formats that sites serve under a text content type. */
const binarySignatures: { prefix: string; name: string }[] = [
  { prefix: "%PDF-", name: "a PDF document" },
  { prefix: "PK\u0003\u0004", name: "a ZIP archive (or an Office document)" },
  { prefix: "\u00d0\u00cf\u0011\u00e0", name: "an old Office document" },
  { prefix: "\u0089PNG", name: "a PNG image" },
  { prefix: "GIF8", name: "a GIF image" },
  { prefix: "\u00ff\u00d8\u00ff", name: "a JPEG image" },
  { prefix: "\u001f\u008b", name: "a gzip archive" },
];

/** How much of the start of a body is looked at to tell text from binary. */
const SNIFF_CHARS = 8192;
/** Share of control or undecodable characters above which a body is binary, not text… */
const MAX_NON_TEXT_SHARE = 0.02;
/** …when there are at least this many: a stray NUL in a short feed item is dirt, not binary. */
const MIN_NON_TEXT_CHARS = 16;

/**
 * Why a decoded body is not a text page, or null when it is one. Looks at format signatures and
 * at the share of control characters (other than tab, line feed, form feed and carriage return)
 * and U+FFFD replacement characters in the first 8 KiB, as a browser's sniffing does.
 */
export function binaryBodyReason(body: string): string | null {
  const start = body.replace(/^\ufeff/, "").trimStart().slice(0, 8);
  for (const signature of binarySignatures) {
    if (start.startsWith(signature.prefix)) return `the body is ${signature.name}, not a text page`;
  }
  const head = body.slice(0, SNIFF_CHARS);
  if (head.length === 0) return null;
  let nonText = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0xfffd) nonText++;
  }
  const share = nonText / head.length;
  if (nonText >= MIN_NON_TEXT_CHARS && share > MAX_NON_TEXT_SHARE) {
    return `the body is binary, not a text page (${(share * 100).toFixed(1)}% control or undecodable characters in its first ${head.length} characters)`;
  }
  return null;
}
