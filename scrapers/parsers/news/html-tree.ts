import * as cheerio from "cheerio";
import type { AnyNode, ChildNode, Element, ParentNode } from "domhandler";

/**
 * Deepest element nesting kept. Chromium's parser stops nesting at 512 too
 * (`kMaximumHTMLParserDOMTreeDepth`): deeper elements become siblings at that level.
 */
export const MAX_TREE_DEPTH = 512;

/** An element node (domhandler gives `<script>` and `<style>` types of their own). */
export function isElement(node: AnyNode): node is Element {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/**
 * Parse a page for the extractor: htmlparser2 (as sanitize-html does), which builds the tree
 * without recursion and without the per-tag scans of parse5's scope checks that made unclosed
 * `<div>`s quadratic (a 5 MB page of them took 32 s in parse5), then nesting flattened below
 * {@link MAX_TREE_DEPTH}. Everything after this (selectors, `.text()`, serialising, sanitising)
 * recurses per level, and 6 000 nested elements overflowed the stack in domutils' `textContent`.
 */
export function loadHtml(html: string): cheerio.CheerioAPI {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  flattenDeepNesting($.root()[0] as ParentNode, MAX_TREE_DEPTH);
  return $;
}

/**
 * Flatten what lies deeper than `maxDepth` the way Chromium does: an element below that depth
 * becomes the next sibling of its former parent, keeping its own text, so that no text is lost
 * and the tree is at most `maxDepth + 1` levels deep. Iterative, linear in the number of nodes.
 */
export function flattenDeepNesting(root: ParentNode, maxDepth: number): void {
  const stack: { node: ParentNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: ParentNode; depth: number };
    if (depth === maxDepth) {
      setChildren(node, hoistElements(node.children));
      continue;
    }
    for (const child of node.children) if (isElement(child)) stack.push({ node: child, depth: depth + 1 });
  }
}

/** The nodes in document order with every element's element children moved to follow it. */
function hoistElements(children: ChildNode[]): ChildNode[] {
  const flat: ChildNode[] = [];
  const pending = [...children].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as ChildNode;
    flat.push(node);
    if (!isElement(node)) continue;
    const elements = node.children.filter(isElement);
    if (elements.length === 0) continue;
    setChildren(node, node.children.filter((child) => !isElement(child)));
    for (let i = elements.length - 1; i >= 0; i--) pending.push(elements[i] as Element);
  }
  return flat;
}

/** Make `children` the children of `parent`, with parent and sibling links set. */
export function setChildren(parent: ParentNode, children: ChildNode[]): void {
  parent.children = children;
  children.forEach((child, i) => {
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  });
}

/**
 * Remove many nodes at once: one pass over the children of each parent concerned, where
 * removing them one by one costs a scan of the siblings for each (quadratic on long lists).
 */
export function removeNodes(nodes: Iterable<AnyNode>): void {
  const byParent = new Map<ParentNode, Set<AnyNode>>();
  for (const node of nodes) {
    if (!node.parent) continue;
    const set = byParent.get(node.parent) ?? new Set<AnyNode>();
    set.add(node);
    byParent.set(node.parent, set);
  }
  for (const [parent, gone] of byParent) {
    setChildren(parent, parent.children.filter((child) => !gone.has(child)));
    for (const node of gone) {
      node.parent = null;
      node.prev = null;
      node.next = null;
    }
  }
}

/**
 * Characters other than white space in the text of every element under `root` (and of `root`),
 * computed in one iterative pass, so that comparing the sizes of many nested elements costs
 * nothing more (`.text()` per element is quadratic on nested markup).
 */
export function measureText(root: ParentNode): Map<AnyNode, number> {
  const sizes = new Map<AnyNode, number>();
  const order: ParentNode[] = [];
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ParentNode;
    order.push(node);
    for (const child of node.children) if ("children" in child) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as ParentNode;
    let size = 0;
    for (const child of node.children) {
      if (child.type === "text") size += countVisible(child.data);
      else size += sizes.get(child) ?? 0;
    }
    sizes.set(node, size);
  }
  return sizes;
}

/** The text of a node, read without recursion. */
export function textContent(node: AnyNode): string {
  let text = "";
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop() as AnyNode;
    if (next.type === "text") text += next.data;
    else if ("children" in next) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as AnyNode);
  }
  return text;
}

function countVisible(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 32 && code !== 160) count++;
  }
  return count;
}
