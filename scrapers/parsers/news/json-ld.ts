import type * as cheerio from "cheerio";

/** The publication dates a page's JSON-LD states, as written there. */
export interface JsonLdDates {
  /** Of the first `Article`-like object (`NewsArticle`, `BlogPosting`, `Report`…): the article's own statement. */
  article: { published: string | null; modified: string | null };
  /** Of the first `WebPage`-like object: often a template's, so it ranks below the article's. */
  page: { published: string | null; modified: string | null };
}

/** Objects looked at per script at most, so that a huge catalogue in JSON-LD costs little. */
const MAX_OBJECTS = 5000;

function typeNames(value: unknown): string[] {
  const types = Array.isArray(value) ? value : [value];
  // `schema:NewsArticle`, `https://schema.org/NewsArticle` and `NewsArticle` are the same type.
  return types.filter((t): t is string => typeof t === "string").map((t) => t.split(/[/#:]/).pop() ?? t);
}

const isArticleType = (name: string) => /(Article|Posting)$/.test(name) || name === "Report" || name === "PressRelease";
const isPageType = (name: string) => /Page$/.test(name);

/** A date property's text: a string, `{ "@value": … }`, or the first of a list of those. */
function dateText(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === "string") return first.trim() || null;
  if (first && typeof first === "object" && typeof (first as Record<string, unknown>)["@value"] === "string") return ((first as Record<string, unknown>)["@value"] as string).trim() || null;
  return null;
}

/**
 * `datePublished` and `dateModified` from the page's `application/ld+json` scripts: objects at the
 * top, in `@graph`, in arrays, or nested (a `WebPage` whose `mainEntity` is the article), taken
 * breadth first so that the outermost statement wins. A script that is not valid JSON is ignored:
 * some CMSs leave comments or trailing commas in it.
 */
export function readJsonLdDates($: cheerio.CheerioAPI): JsonLdDates {
  const found: JsonLdDates = { article: { published: null, modified: null }, page: { published: null, modified: null } };
  $('script[type="application/ld+json" i]').each((_, script) => {
    let data: unknown;
    try {
      data = JSON.parse($(script).text());
    } catch {
      return;
    }
    const queue: unknown[] = [data];
    for (let seen = 0; seen < queue.length && seen < MAX_OBJECTS; seen++) {
      const value = queue[seen];
      if (Array.isArray(value)) {
        queue.push(...value);
        continue;
      }
      if (!value || typeof value !== "object") continue;
      const object = value as Record<string, unknown>;
      const names = typeNames(object["@type"]);
      const target = names.some(isArticleType) ? found.article : names.some(isPageType) ? found.page : null;
      if (target) {
        target.published ??= dateText(object.datePublished);
        target.modified ??= dateText(object.dateModified);
      }
      for (const [key, nested] of Object.entries(object)) if (key !== "@context" && nested && typeof nested === "object") queue.push(nested);
    }
  });
  return found;
}
