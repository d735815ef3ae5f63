import iconv from "iconv-lite";

/**
 * Decode a page's bytes the way a browser would: byte-order mark, then the charset of the
 * Content-Type header, then a `<meta>` declaration or an XML declaration in the first 1024 bytes,
 * else UTF-8. Labels follow the WHATWG Encoding Standard (`iso-8859-1` means windows-1252).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const label = bomEncoding(bytes) ?? headerCharset(contentType) ?? sniffDeclaredCharset(bytes) ?? "utf-8";
  const encoding = windows1252Labels.has(label) ? "windows-1252" : iconv.encodingExists(label) ? label : "utf-8";
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/**
 * WHATWG maps these labels to windows-1252. Node's own TextDecoder decodes even "windows-1252" as
 * ISO-8859-1 (Node 20), which turns the euro sign of a Belgian page (0x80) into a control
 * character; iconv-lite decodes it right.
 */
const windows1252Labels = new Set([
  "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1",
  "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252",
]);

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

export function headerCharset(contentType: string | null): string | null {
  const match = contentType?.match(/charset\s*=\s*"?([^";\s]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}

function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = head.match(/^<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i);
  return xml?.[1]?.toLowerCase() ?? null;
}
