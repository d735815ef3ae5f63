import sanitizeHtml from "sanitize-html";

const trackingParams = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi)$/i;

/** An absolute http(s) or mailto URL without tracking parameters, or null. */
export function cleanUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.protocol === "mailto:") return url.href;
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    for (const key of [...url.searchParams.keys()]) if (trackingParams.test(key)) url.searchParams.delete(key);
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Article HTML reduced to its structure: paragraphs, headings, lists, tables, quotes, emphasis
 * and links (absolute, without tracking parameters). No scripts, styles, images, event attributes
 * or classes survive.
 */
export function sanitiseArticleHtml(html: string, baseUrl: string): string {
  return sanitizeHtml(html, {
    allowedTags: ["p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "br", "figure", "figcaption"],
    allowedAttributes: { a: ["href"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ? cleanUrl(attribs.href, baseUrl) : null;
        const cleaned: Record<string, string> = href ? { href } : {};
        return { tagName, attribs: cleaned };
      },
      h1: "h2",
    },
    exclusiveFilter: (frame) => ["p", "li", "h2", "h3", "h4", "figure"].includes(frame.tag) && !frame.text.trim(),
  })
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}
