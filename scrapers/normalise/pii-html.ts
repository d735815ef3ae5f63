import * as cheerio from "cheerio";
import { type AnyNode, isTag, isText, type Text } from "domhandler";
import { findPii, REDACTION_MARK_OF } from "./pii.js";

/** Elements that end a line of text: what sits on either side of them is not one sentence. */
const blockElements = new Set(["p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "br", "figure", "figcaption"]);

interface Piece {
  node: Text;
  /** Where the node's text starts in the text of the whole fragment. */
  start: number;
}

/** Index of the first piece (in text order) whose text ends after `offset`. */
function firstPieceEndingAfter(pieces: readonly Piece[], offset: number): number {
  let low = 0;
  let high = pieces.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const piece = pieces[middle] as Piece;
    if (piece.start + piece.node.data.length <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Redact the text of an HTML fragment and nothing else: tags and attributes stay as they are, so
 * every link (`href`) keeps working. Personal data is looked for in the text as a reader sees it,
 * so a name split over inline elements ("mevrouw <strong>Fatima</strong> Benali") is found whole;
 * its mark goes where it starts and the rest of it is removed. A fragment without personal data
 * comes back unchanged, byte for byte.
 */
export function redactHtml(html: string, knownNames: readonly string[]): string {
  const $ = cheerio.load(html, null, false);
  const pieces: Piece[] = [];
  let text = "";
  // Walked with a stack, not recursion: deeply nested markup must not overflow the call stack.
  const pending: (AnyNode | "line end")[] = $.root().contents().toArray().reverse();
  while (pending.length > 0) {
    const node = pending.pop() as AnyNode | "line end";
    if (node === "line end") text += "\n";
    else if (isText(node)) {
      pieces.push({ node, start: text.length });
      text += node.data;
    } else if (isTag(node)) {
      if (blockElements.has(node.name)) {
        text += "\n";
        pending.push("line end");
      }
      pending.push(...[...node.children].reverse());
    }
  }
  const findings = findPii(text, knownNames);
  if (findings.length === 0) return html;

  const edits = new Map<Text, { from: number; to: number; insert: string }[]>();
  for (const finding of findings) {
    let marked = false;
    for (let i = firstPieceEndingAfter(pieces, finding.start); i < pieces.length && (pieces[i] as Piece).start < finding.end; i++) {
      const { node, start } = pieces[i] as Piece;
      const from = Math.max(finding.start, start) - start;
      const to = Math.min(finding.end, start + node.data.length) - start;
      if (from >= to) continue;
      const list = edits.get(node) ?? [];
      list.push({ from, to, insert: marked ? "" : REDACTION_MARK_OF[finding.kind] });
      edits.set(node, list);
      marked = true;
    }
  }
  for (const [node, list] of edits) {
    for (const edit of list.sort((a, b) => b.from - a.from)) node.data = node.data.slice(0, edit.from) + edit.insert + node.data.slice(edit.to);
  }
  return $.root().html() ?? html;
}
