import { TextDecoder } from "node:util";

/**
 * Decode a page's bytes the way a browser would: byte-order mark, then the charset of the
 * Content-Type header, then a `<meta>` declaration or an XML declaration in the first 1024 bytes,
 * else UTF-8. Labels follow the WHATWG Encoding Standard (`iso-8859-1` means windows-1252).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const label = bomEncoding(bytes) ?? headerCharset(contentType) ?? sniffDeclaredCharset(bytes) ?? "utf-8";
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}

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
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const meta = head.match(/<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = head.match(/^<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)["']/i);
  return xml?.[1]?.toLowerCase() ?? null;
}
