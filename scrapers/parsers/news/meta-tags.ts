import type * as cheerio from "cheerio";

/** Meta tags (`name`, `property`, `itemprop` or `http-equiv`, lower case) and their first content. */
export type MetaTags = Map<string, string>;

/** Every meta tag of the page, read once; when a name repeats (a template and a plugin both set it), the first counts. */
export function readMetaTags($: cheerio.CheerioAPI): MetaTags {
  const tags: MetaTags = new Map();
  $("meta[content]").each((_, element) => {
    const key = (element.attribs.property ?? element.attribs.name ?? element.attribs.itemprop ?? element.attribs["http-equiv"])?.trim().toLowerCase();
    const content = element.attribs.content?.trim();
    if (key && content && !tags.has(key)) tags.set(key, content);
  });
  return tags;
}
