/**
 * The name the news extractor imports (scrapers/parsers/news/extract-article.ts): article dates
 * follow the same rules as LBLOD timestamps (ISO 8601 in UTC, local times read as Brussels time).
 */
export { readDateTime as parseDateTime } from "./date-time.js";
