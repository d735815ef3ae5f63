/**
 * HTML written by the feeds and their pages: every text escaped, every link checked. Texts come
 * from scraped pages, so nothing of them may become markup, and only http(s) addresses become
 * links (a `javascript:` URL in a page must stay text).
 */

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] as string);
}

/** The address when it is an absolute http(s) URL, else undefined. */
export function webAddress(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** A link when `href` is a web address, the escaped text otherwise. */
export function linkHtml(href: string | null | undefined, text: string): string {
  const address = webAddress(href) ?? (href?.startsWith("/") && !href.startsWith("//") ? href : undefined);
  return address ? `<a href="${escapeHtml(address)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** Markup built from escaped parts: `html\`<p>${text}</p>\`` escapes every value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template tag that escapes what it interpolates. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i] as HtmlValue) : ""), ""));
}

/** A link as SafeHtml (see linkHtml). */
export const link = (href: string | null | undefined, text: string): SafeHtml => new SafeHtml(linkHtml(href, text));
