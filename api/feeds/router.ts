import cors from "cors";
import { type Request, type RequestHandler, type Response, Router } from "express";
import type { Database } from "../../db/client.js";
import { type ChangeFilter, type ChangeRow, findChange, findChangeSources, findNewestChange, listChangesNewestFirst } from "../../db/queries/change-log.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import type { Logger } from "pino";
import { sendJsonError } from "../http-errors.js";
import type { RateLimitGateOptions } from "../rate-limit.js";
import { setSecurityHeaders } from "../web/landing.js";
import { type ChangeEntry, feedTagOf, presentChangeEntry } from "./change-entry.js";
import { renderChangePage } from "./change-page.js";
import { QueryParameterError } from "../query-parameters.js";
import { type FeedQuery, feedQueryString, readFeedQuery } from "./feed-query.js";
import { describeFeedFilter, feedHomePath } from "./feed-title.js";
import { type FeedPage, writeAtomFeed, writeJsonFeed } from "./feed-writer.js";
import { html } from "./html.js";
import { renderPage } from "./page-layout.js";
import { findTheme, renderMunicipalityIndex, renderMunicipalityPage, renderThemeIndex, renderThemePage } from "./topic-pages.js";
import { feedValidators, isNotModified } from "./validators.js";

/** Points a feed request spends from the caller's rate-limit budget, whatever its `limit` (a page of up to 200 entries). */
export const FEED_REQUEST_POINTS = 5;
/** Points an HTML page of the feeds spends (at most 20 changes, one page). */
export const PAGE_REQUEST_POINTS = 1;
/** How many latest changes a municipality's or theme's page lists. */
export const PAGE_CHANGES = 20;

export interface FeedsRouterOptions {
  /** The database once it is ready; until then every route answers 503. */
  db: () => Database | undefined;
  municipalities: MunicipalityRegister;
  /** Seconds a client or proxy may keep a feed or page without asking again. */
  maxAgeSeconds: number;
  logger: Logger;
  /** The rate-limit gate of /graphql's budgets, with a fixed cost per request; no gate when absent. */
  createRateLimitGate?: (options: RateLimitGateOptions) => RequestHandler;
}

const formats = {
  atom: { contentType: "application/atom+xml; charset=utf-8", write: writeAtomFeed },
  json: { contentType: "application/feed+json; charset=utf-8", write: writeJsonFeed },
} as const;

type FeedFormat = keyof typeof formats;


const sendHtmlError = (res: Response, status: number, message: string, _code: string, headers: Record<string, string> = {}) => {
  setSecurityHeaders(res);
  const title = status === 404 ? "Niet gevonden" : status === 429 ? "Even geduld" : "Dat lukte niet";
  res
    .status(status)
    .set({ "Cache-Control": "no-store", ...headers })
    .type("html")
    .send(renderPage({ title, body: html`    <h1>${title}</h1>\n    <p class="message">${message}</p>\n    <p><a href="/">Naar de startpagina</a> <span lang="en" class="en">To the home page</span></p>\n` }));
};

/** The address this server is reached at, as the client used it (behind a proxy: with `VANGNET_TRUST_PROXY`). */
const baseUrlOf = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

/**
 * The feeds of the change log and their pages: `/feeds/changes.atom`, `/feeds/changes.json`,
 * `/changes/:seq`, `/gemeenten[/:nis]`, `/themas[/:code]`. Everything reads the change log with
 * the filter `readChangeFilter` checks, as `changes(filter:)` does.
 */
export function createFeedsRouter(options: FeedsRouterOptions): Router {
  const router = Router();
  const register = options.municipalities;
  const cacheControl = `public, max-age=${options.maxAgeSeconds}`;
  const database = () => options.db() as Database;

  const whenReady =
    (refuse: typeof sendJsonError): RequestHandler =>
    (_req, res, next) => {
      if (options.db()) return next();
      refuse(res, 503, "The database is not ready yet; try again in a moment.", "SERVICE_UNAVAILABLE", { "Retry-After": "2" });
    };
  const gate = (points: number, refuse: typeof sendJsonError): RequestHandler[] =>
    options.createRateLimitGate ? [whenReady(refuse), options.createRateLimitGate({ points, refuse })] : [whenReady(refuse)];

  /** An unexpected failure: logged, and answered without its details in the route's own format. */
  function failed(req: Request, res: Response, error: unknown, refuse: typeof sendJsonError): void {
    options.logger.error({ err: error, path: req.path }, "unexpected error while serving a feed or page");
    if (res.headersSent) res.end();
    else refuse(res, 500, "Internal server error", "INTERNAL_SERVER_ERROR");
  }

  async function presentEntries(rows: ChangeRow[], baseUrl: string): Promise<ChangeEntry[]> {
    const sources = await findChangeSources(database(), rows.map((r) => r.seq));
    return rows.map((row) => presentChangeEntry(row, baseUrl, sources.get(row.seq)));
  }

  async function latestEntries(filter: ChangeFilter, baseUrl: string): Promise<ChangeEntry[]> {
    return presentEntries(await listChangesNewestFirst(database(), filter, { limit: PAGE_CHANGES }), baseUrl);
  }

  const feedUrls = (baseUrl: string, query: Pick<FeedQuery, "filterParameters">, paging: { limit?: number; before?: number } = {}) => {
    const search = feedQueryString(query.filterParameters, paging);
    return { atom: `${baseUrl}/feeds/changes.atom${search}`, json: `${baseUrl}/feeds/changes.json${search}` };
  };

  const feed =
    (format: FeedFormat): RequestHandler =>
    async (req, res) => {
      try {
        let query: FeedQuery;
        try {
          query = readFeedQuery(req.query as Record<string, unknown>, register);
        } catch (error) {
          if (!(error instanceof QueryParameterError)) throw error;
          res.status(400).set("Cache-Control", "no-store").json({ error: "bad_parameter", parameter: error.parameter, message: error.message });
          return;
        }
        const baseUrl = baseUrlOf(req);
        const db = database();
        const newest = await findNewestChange(db, query.filter, { beforeSeq: query.before });
        const validators = feedValidators({ format, canonicalQuery: query.canonical, baseUrl, newest });
        res.set({ "Cache-Control": cacheControl, ETag: validators.etag });
        if (validators.lastModified) res.set("Last-Modified", validators.lastModified.toUTCString());
        if (isNotModified(req, validators)) {
          res.status(304).end();
          return;
        }
        const rows = await listChangesNewestFirst(db, query.filter, { limit: query.limit + 1, beforeSeq: query.before });
        const pageRows = rows.slice(0, query.limit);
        const oldest = pageRows.at(-1);
        const self = feedUrls(baseUrl, query, { limit: query.limit, before: query.before });
        const next = rows.length > query.limit && oldest ? feedUrls(baseUrl, query, { limit: query.limit, before: oldest.seq }) : undefined;
        const subject = describeFeedFilter(query.filterParameters, register);
        const page: FeedPage = {
          id: feedTagOf(feedQueryString(query.filterParameters)),
          title: subject ? `Vangnet: wijzigingen — ${subject}` : "Vangnet: alle wijzigingen",
          description: "Wijzigingen in de gemeenteraadsbesluiten, persberichten en sociale maatregelen van Vlaamse gemeenten, nieuwste eerst.",
          homeUrl: `${baseUrl}${feedHomePath(query.filterParameters)}`,
          atomUrl: self.atom,
          jsonUrl: self.json,
          nextUrl: next?.[format],
          updated: validators.lastModified ?? new Date(),
          entries: await presentEntries(pageRows, baseUrl),
        };
        res.type(formats[format].contentType).send(await formats[format].write(page));
      } catch (error) {
        failed(req, res, error, sendJsonError);
      }
    };

  const page =
    (render: (req: Request, res: Response) => Promise<string | undefined>): RequestHandler =>
    async (req, res) => {
      try {
        const body = await render(req, res);
        if (body === undefined) return;
        setSecurityHeaders(res);
        res.set("Cache-Control", cacheControl).type("html").send(body);
      } catch (error) {
        failed(req, res, error, sendHtmlError);
      }
    };

  const notFound = (res: Response, message: string) => {
    sendHtmlError(res, 404, message, "NOT_FOUND");
    return undefined;
  };

  // Open data: a script on any origin may read the feeds and their validators and budget.
  const feedCors = cors({ exposedHeaders: ["ETag", "Last-Modified", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"] });
  router.get("/feeds/changes.atom", feedCors, ...gate(FEED_REQUEST_POINTS, sendJsonError), feed("atom"));
  router.get("/feeds/changes.json", feedCors, ...gate(FEED_REQUEST_POINTS, sendJsonError), feed("json"));

  router.get(
    "/changes/:seq",
    ...gate(PAGE_REQUEST_POINTS, sendHtmlError),
    page(async (req, res) => {
      const seq = req.params.seq as string;
      if (!/^\d{1,15}$/.test(seq)) return notFound(res, `"${seq}" is geen volgnummer van een wijziging (a change's sequence number is a whole number).`);
      const row = await findChange(database(), Number(seq));
      if (!row) return notFound(res, `Er is geen wijziging met volgnummer ${seq} (no change has this sequence number).`);
      const [entry] = await presentEntries([row], baseUrlOf(req));
      return renderChangePage({ entry: entry as ChangeEntry, municipalityName: row.municipalityNis ? register.get(row.municipalityNis)?.name : undefined });
    }),
  );

  router.get("/gemeenten", ...gate(PAGE_REQUEST_POINTS, sendHtmlError), page(async () => renderMunicipalityIndex(register)));
  router.get(
    "/gemeenten/:nis",
    ...gate(PAGE_REQUEST_POINTS, sendHtmlError),
    page(async (req, res) => {
      const nis = req.params.nis as string;
      const municipality = /^\d{5}$/.test(nis) ? register.get(nis) : undefined;
      if (!municipality) return notFound(res, `Er is geen gemeente met NIS-code "${nis}" (no municipality has this NIS code). De lijst staat op /gemeenten.`);
      const filterParameters: ["municipality", string][] = [["municipality", nis]];
      const feeds = feedUrls("", { filterParameters });
      const entries = await latestEntries(readFeedQuery({ municipality: nis }, register).filter, baseUrlOf(req));
      return renderMunicipalityPage(municipality, register, entries, { title: municipality.name, atomUrl: feeds.atom, jsonUrl: feeds.json });
    }),
  );

  router.get("/themas", ...gate(PAGE_REQUEST_POINTS, sendHtmlError), page(async () => renderThemeIndex()));
  router.get(
    "/themas/:code",
    ...gate(PAGE_REQUEST_POINTS, sendHtmlError),
    page(async (req, res) => {
      const code = req.params.code as string;
      const theme = findTheme(code);
      if (!theme) return notFound(res, `Er is geen thema "${code}" (no such theme). De lijst staat op /themas.`);
      const feeds = feedUrls("", { filterParameters: [["theme", code]] });
      const entries = await latestEntries(readFeedQuery({ theme: code }, register).filter, baseUrlOf(req));
      return renderThemePage(theme, entries, { title: theme.labelNl, atomUrl: feeds.atom, jsonUrl: feeds.json });
    }),
  );

  return router;
}
