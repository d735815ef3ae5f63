/**
 * Marks the edges of block elements inside literal text while the page is read. RDFa literals
 * are the element's bare text, so `<p>a</p><p>b</p>` would read "ab"; with this mark between
 * blocks the paragraphs survive until `toPlainText` turns them into newlines. U+2029 is the
 * Unicode paragraph separator, which does not occur in the markup of real pages.
 */
export const paragraphMark = "\u2029";

/** Elements whose edges separate paragraphs (what a browser renders on a line of its own). */
export const blockElements = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
  "thead", "tr", "ul",
]);

/** Table cells: their text runs on one line but must not stick together. */
export const cellElements = new Set(["td", "th"]);

/**
 * Plain text of a literal: whitespace collapsed within each paragraph, paragraphs joined by one
 * newline, empty paragraphs dropped. Empty text is null.
 */
export function toPlainText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = value
    .split(paragraphMark)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph !== "")
    .join("\n");
  return text === "" ? null : text;
}

/** A literal as one line (for dates, numbers, IRIs written as text). */
export function toSingleLine(value: string | null | undefined): string | null {
  if (value == null) return null;
  const line = value.replaceAll(paragraphMark, " ").replace(/\s+/g, " ").trim();
  return line === "" ? null : line;
}
