import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import express, { type Response, Router } from "express";

const PUBLIC_DIR = join(import.meta.dirname, "public");

/**
 * Everything the page loads comes from this server: no CDN, so the explorer works offline and
 * the policy can allow only 'self'. `data:` fonts and images are the ones GraphiQL's own
 * stylesheet inlines (its icons and the Fira Code font).
 */
export const LANDING_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The browser builds the page needs, served from node_modules at a stable URL. GraphiQL 4 is the
 * last major with a UMD build (5 ships ES modules for a bundler or a CDN), and React 18 the last
 * with UMD builds; GraphiQL's UMD reads the `React` and `ReactDOM` globals.
 */
function vendorFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
  return new Map([
    ["react.production.min.js", join(packageDir("react"), "umd/react.production.min.js")],
    ["react-dom.production.min.js", join(packageDir("react-dom"), "umd/react-dom.production.min.js")],
    ["graphiql.min.js", join(packageDir("graphiql"), "graphiql.min.js")],
    ["graphiql.min.css", join(packageDir("graphiql"), "graphiql.min.css")],
  ]);
}

/** The headers of every page Vangnet serves itself (the landing page, its files, the feeds' HTML pages). */
export function setSecurityHeaders(res: Response): void {
  res.set({
    "Content-Security-Policy": LANDING_CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
}

/**
 * The landing page at `/`: what Vangnet is, the GraphiQL explorer with example queries, links to
 * the feeds and bulk files, and a live table of the sources and their health (`public/`).
 */
export function createLandingRouter(): Router {
  const router = Router();
  const vendor = vendorFiles();

  router.get("/", (_req, res) => {
    setSecurityHeaders(res);
    res.set("Cache-Control", "no-cache").sendFile(join(PUBLIC_DIR, "index.html"));
  });

  router.use(
    "/assets",
    express.static(PUBLIC_DIR, {
      index: false,
      maxAge: "5m",
      setHeaders: (res) => setSecurityHeaders(res),
    }),
  );

  router.get("/vendor/:file", (req, res, next) => {
    const path = vendor.get(req.params.file);
    if (!path) return next();
    setSecurityHeaders(res);
    // The versions change only with package.json; a day keeps revalidation cheap after upgrades.
    res.sendFile(path, { maxAge: "1d" });
  });

  return router;
}
