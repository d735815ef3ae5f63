import type { AnyNode, Element, ParentNode } from "domhandler";
import { isElement, textContent } from "./html-tree.js";
import { readStatedDate, type StatedDate } from "./stated-date.js";

/** A line of an article as a reader sees it: the text of one block, up to a nested block or `<br>`. */
interface Line {
  text: string;
  /** The nodes that make the line, children of the block it is in. */
  nodes: AnyNode[];
  /** `<time>` elements in the line and where their text starts. */
  times: { offset: number; element: Element }[];
}

const blockTags = new Set([
  "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
  "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Longest line read as a byline: a paragraph that starts with "Gepubliceerd op" is text. */
const MAX_BYLINE_CHARS = 160;
/** A label starts the line or follows a separator of metadata ("Auteur: X | Gepubliceerd op …"). */
const labelStart = String.raw`(?:^|[|·•–—]\s*)`;
const separator = /\s[|·•–—]\s/;
const labels = {
  published: new RegExp(`${labelStart}(?:gepubliceerd|geplaatst)(?:\\s+op)?\\s*:?\\s*|${labelStart}publicatiedatum\\s*:?\\s*`, "i"),
  modified: new RegExp(`${labelStart}(?:laatst\\s+)?(?:gewijzigd|bijgewerkt|aangepast)(?:\\s+op)?\\s*:?\\s*|${labelStart}laatste\\s+wijziging\\s*:?\\s*`, "i"),
  author: new RegExp(`${labelStart}auteur\\s*:\\s*`, "i"),
  /** "Datum:" may as well be the date of an event in the text, so it counts last. */
  date: new RegExp(`${labelStart}datum\\s*:\\s*`, "i"),
};
type Label = keyof typeof labels;

/** What the byline of an article says, and which nodes are the byline. */
export interface Byline {
  published: StatedDate | null;
  modified: StatedDate | null;
  /** The first `<time datetime>` of the article outside a "modified" line. */
  firstTime: StatedDate | null;
  /** The first "Datum:" line. */
  dated: StatedDate | null;
  author: string | null;
  /** The nodes of the byline lines, to leave out of the body. */
  nodes: AnyNode[];
  /** The nodes of the "Datum:" line, left out of the body only when its date is used. */
  datedNodes: AnyNode[];
}

/** The lines of the text under `root`, read in one iterative pass. */
function readLines(root: ParentNode): Line[] {
  const lines: Line[] = [];
  const open: { line: Line | null } = { line: null };
  const line = () => (open.line ??= { text: "", nodes: [], times: [] });
  const blocks: ParentNode[] = [root];
  const breakLine = () => {
    if (open.line?.text.trim()) lines.push(open.line);
    open.line = null;
  };
  const stack: { node: AnyNode; leaving: boolean }[] = [...root.children].reverse().map((node) => ({ node, leaving: false }));
  while (stack.length > 0) {
    const { node, leaving } = stack.pop() as { node: AnyNode; leaving: boolean };
    const block = blocks[blocks.length - 1] as ParentNode;
    if (leaving) {
      breakLine();
      blocks.pop();
      continue;
    }
    if (node.type === "text") {
      if (node.parent === block) line().nodes.push(node);
      line().text += node.data.replace(/\s+/g, " ");
      continue;
    }
    if (!isElement(node)) continue;
    if (node.tagName === "br") {
      breakLine();
    } else if (blockTags.has(node.tagName)) {
      // An inline element around a block holds more than one line: it is no node of either.
      if (open.line && node.parent !== block) open.line.nodes = open.line.nodes.filter((n) => !contains(n, node));
      breakLine();
      blocks.push(node);
      stack.push({ node, leaving: true });
    } else {
      if (node.parent === block) line().nodes.push(node);
      if (node.tagName === "time") line().times.push({ offset: line().text.length, element: node });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as AnyNode, leaving: false });
  }
  breakLine();
  return lines;
}

function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent === ancestor) return true;
  return false;
}

/** The value after a label in a line, up to the next metadata separator, with where it starts. */
function labelled(line: Line, label: Label): { value: string; start: number } | null {
  const text = line.text.trim();
  if (text.length > MAX_BYLINE_CHARS) return null;
  const match = labels[label].exec(text);
  if (!match) return null;
  const start = line.text.indexOf(text) + match.index + match[0].length;
  const rest = line.text.slice(start);
  const end = rest.search(separator);
  return { value: (end >= 0 ? rest.slice(0, end) : rest).trim(), start };
}

/** The date after a label: the `datetime` of a `<time>` right there, else the text. */
function labelledDate(line: Line, label: Label): StatedDate | null {
  const found = labelled(line, label);
  if (!found) return null;
  const time = line.times.find((t) => t.offset >= found.start && !line.text.slice(found.start, t.offset).trim());
  return readStatedDate(time?.element.attribs.datetime) ?? readStatedDate(found.value);
}

/** A line made of nothing but its `<time>` elements and separators. */
function isOnlyTimes(line: Line): boolean {
  if (line.times.length === 0) return false;
  let rest = line.text;
  for (const { element } of line.times) rest = rest.replace(textOf(element), "");
  return !/[\p{L}\p{N}]/u.test(rest);
}

function textOf(element: Element): string {
  return textContent(element).replace(/\s+/g, " ");
}

/**
 * Read the byline of an article: "Gepubliceerd op …", "Geplaatst op …", "Laatst gewijzigd op …",
 * "Auteur: …" and "Datum: …" lines (a label at the start of a line, or after a separator such as
 * `|`, never inside a sentence: "het reglement werd gepubliceerd op 3 maart" is text), and the
 * `<time datetime>` elements of the article.
 */
export function readByline(root: ParentNode): Byline {
  const byline: Byline = { published: null, modified: null, firstTime: null, dated: null, author: null, nodes: [], datedNodes: [] };
  for (const line of readLines(root)) {
    // Most lines are paragraphs of the body: too long for a byline, and without a <time>.
    if (line.times.length === 0 && line.text.trim().length > MAX_BYLINE_CHARS) continue;
    const published = labelledDate(line, "published");
    const modified = labelledDate(line, "modified");
    const author = labelled(line, "author");
    const dated = byline.dated ? null : labelledDate(line, "date");
    byline.published ??= published;
    byline.modified ??= modified;
    byline.author ??= author?.value || null;
    if (dated) {
      byline.dated = dated;
      byline.datedNodes = line.nodes;
    }
    if (!modified) {
      for (const { element } of line.times) byline.firstTime ??= readStatedDate(element.attribs.datetime) ?? readStatedDate(textOf(element));
    }
    if (published !== null || modified !== null || author !== null || isOnlyTimes(line)) byline.nodes.push(...line.nodes);
  }
  return byline;
}
