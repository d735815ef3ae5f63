import type { AnyNode, Element, ParentNode } from "domhandler";
import { isElement, textContent } from "./html-tree.js";

/**
 * What is not part of an article, decided by position and structure only, never by what the text
 * says: a price with "per maand" is as likely a rent subsidy as a subscription offer (seen
 * 2026-11: "De huurpremie bedraagt voortaan € 150 per maand." was dropped as an advert).
 */

/** Never content: scripts, styles, embedded frames, hidden elements. */
export const invisibleElements = "script, style, noscript, template, iframe, svg, object, embed, [hidden], [aria-hidden=true]";

/** Chrome by element or landmark role: menus, complementary boxes, dialogs, search. */
const landmarkTags = new Set(["nav", "aside"]);
const landmarkRoles = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"]);

/**
 * First words of class or id names that mark a box: cookie banners, newsletter and subscription
 * boxes, paywalls, "related" and share lists, breadcrumbs, pagers, menus, adverts.
 */
const boxNames =
  /^(cookie|consent|gdpr|newsletter|nieuwsbrief|subscri|abonne|paywall|related|gerelateerd|leesook|share|sharing|social|breadcrumb|promo|advert|advertentie|banner|sidebar|menu|navbar|pager|pagination|popup|modal)/;
const advertWords = new Set(["ad", "ads", "adslot", "adv"]);

const buttonClass = /(^|[\s_-])(btn|button|cta|call-to-action)([\s_-]|$)/i;
/** What a call to action asks for: a subscription, a newsletter, an account, a trial. */
const actionWords = /abonne|abonnement|subscri|nieuwsbrief|newsletter|registr|inschrijv|schrijf (je|u) (nu )?in|aanmeld|meld (je|u) aan|inlog|log (je )?in\b|login|word lid|lid worden|proefperiode|probeer|sign ?up/i;
/** A link whose whole text is such a request, styled or not. */
const actionLink =
  /^(word (nu )?(abonnee|lid)|abonneer( je| u)?( nu)?|neem (nu )?een abonnement|schrijf (je|u) (nu )?in (op|voor) (de|onze) nieuwsbrief|probeer (nu |het )?gratis|log (je )?(nu )?in|lees verder met)\b/i;
/** Form controls hold no article text. */
const formControls = new Set(["input", "select", "textarea", "option"]);

/** Elements that may be grown into the box around a call to action or a form. */
const boxTags = new Set(["div", "section", "p", "ul", "ol", "li", "form", "fieldset", "span", "figure", "header", "footer", "aside", "dl", "table", "tbody", "tr", "td"]);
/** Text (visible characters) a box may hold besides its call to action or form: a title and a line of pitch. */
const BOX_SLACK = 200;

/** Whether an element's class or id names it as a box. */
function hasBoxName(element: Element): boolean {
  const names = `${element.attribs.class ?? ""} ${element.attribs.id ?? ""}`;
  if (!names.trim()) return false;
  for (const token of names.split(/\s+/)) {
    const lower = token.toLowerCase();
    if (boxNames.test(lower.replace(/[-_]/g, ""))) return true;
    for (const word of token.split(/[-_]+|(?<=[a-z])(?=[A-Z])/)) {
      const w = word.toLowerCase();
      if (boxNames.test(w) || advertWords.has(w)) return true;
    }
  }
  return false;
}

/**
 * Header and footer of the page (landmarks banner and contentinfo), as opposed to those of an
 * article or section, which hold its title and byline.
 */
function isPageChrome(element: Element): boolean {
  for (let node = element.parent; node; node = node.parent) {
    if (isElement(node) && ["article", "aside", "main", "nav", "section"].includes(node.tagName)) return false;
  }
  return true;
}

/** Buttons and button-styled links that ask for a subscription, a newsletter, an account, a trial. */
function isCallToAction(element: Element): boolean {
  const tag = element.tagName;
  const type = element.attribs.type?.toLowerCase();
  const button = tag === "button" || (tag === "input" && (type === "submit" || type === "button")) || element.attribs.role === "button";
  if (!button && tag !== "a") return false;
  const text = textContent(element).replace(/\s+/g, " ").trim();
  if (tag === "a" && text.length <= 80 && actionLink.test(text)) return true;
  if (!button && !buttonClass.test(element.attribs.class ?? "")) return false;
  const said = `${text} ${element.attribs.value ?? ""} ${element.attribs["aria-label"] ?? ""} ${element.attribs.href ?? ""}`;
  return actionWords.test(said);
}

/**
 * The box around a call to action or a form: the element itself, grown to its parents while they
 * add no more than a short title and pitch, and never to the article's root.
 */
function boxAround(element: Element, root: AnyNode, sizes: Map<AnyNode, number>): Element {
  let box = element;
  for (let parent = box.parent; parent && parent !== root && isElement(parent) && boxTags.has(parent.tagName); parent = parent.parent) {
    if ((sizes.get(parent) ?? 0) - (sizes.get(box) ?? 0) > BOX_SLACK) break;
    box = parent;
  }
  return box;
}

/**
 * The boilerplate inside an article's root, found in one walk: landmarks, page header and footer,
 * boxes named as such, forms and calls to action with the small box around them, form controls.
 * A box that holds more than half of the root's text is the article itself under an unlucky name
 * (a wrapper `with-sidebar`, a page-wide `<form>`), not boilerplate.
 */
export function findBoilerplate(root: ParentNode, sizes: Map<AnyNode, number>): Element[] {
  const half = (sizes.get(root) ?? 0) / 2;
  const found: Element[] = [];
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0) {
    const element = stack.pop() as AnyNode;
    if (!isElement(element)) continue;
    const tag = element.tagName;
    let box: Element | null = null;
    if (formControls.has(tag)) box = element;
    else if (landmarkTags.has(tag) || landmarkRoles.has(element.attribs.role ?? "") || ((tag === "header" || tag === "footer") && isPageChrome(element)) || hasBoxName(element)) box = element;
    else if (tag === "form" || isCallToAction(element)) box = boxAround(element, root, sizes);
    if (box && (formControls.has(tag) || half === 0 || (sizes.get(box) ?? 0) <= half)) {
      found.push(box);
      continue;
    }
    for (const child of element.children) stack.push(child);
  }
  return found;
}
