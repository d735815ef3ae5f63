import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ReplayRequest {
  method: string;
  /** Path with query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Status answered; 0 while unanswered or when the connection was dropped. */
  status: number;
}

export type ReplayFault =
  | { kind: "status"; status: number; times?: number }
  | { kind: "slow"; delayMs: number }
  /** Answer only once `until` settles (a test holds a crawl in the middle of a page). */
  | { kind: "held"; until: Promise<unknown> }
  | { kind: "redirect-loop" }
  | { kind: "malformed" }
  | { kind: "oversized"; bytes: number }
  | { kind: "gone"; status: 404 | 410 }
  /** Serve these bytes under this content type (a PDF served as `text/html`, say). */
  | { kind: "bytes"; bytes: Uint8Array; contentType: string };

export interface ReplaySite {
  origin: string;
  startUrl: string;
  requests: ReplayRequest[];
  /** Replace a page's body; its ETag and Last-Modified change with it. */
  editPage(path: string, edit: (html: string) => string): void;
  /** Serve a new page at a path. */
  addPage(path: string, html: string): void;
  setFault(path: string, fault: ReplayFault | null): void;
  /** robots.txt body (200), a status to answer with, or "unreachable" (the socket is destroyed). */
  setRobots(robots: string | number | "unreachable"): void;
  close(): Promise<void>;
}

/** A page's body: HTML, XML or other text, or bytes (a PDF attachment). */
export type ReplayBody = string | Uint8Array;

interface Page {
  body: ReplayBody;
  etag: string;
  lastModified: string;
}

function page(body: ReplayBody, modified: Date): Page {
  return { body, etag: `"${createHash("sha1").update(body).digest("hex")}"`, lastModified: modified.toUTCString() };
}

/** The Content-Type a page is served with, from its path: feeds, PDFs, and HTML for the rest. */
function contentTypeOf(path: string): string {
  const file = path.split("?")[0] as string;
  if (file.endsWith("/rss") || file.endsWith(".xml")) return "application/rss+xml; charset=utf-8";
  if (file.endsWith(".pdf")) return "application/pdf";
  return "text/html; charset=utf-8";
}

/**
 * A local web server on 127.0.0.1 that replays a site from saved pages (the tests' and the demo's
 * fixtures) with
 * ETag / Last-Modified and 304s, and misbehaves on request: errors, slowness, redirect loops,
 * malformed, oversized and binary pages, vanished pages, robots.txt variants.
 */
export async function startReplaySite(site: { pages: ReadonlyMap<string, ReplayBody>; startPath: string }): Promise<ReplaySite> {
  const pages = new Map<string, Page>();
  let clock = Date.parse("2026-11-17T08:00:00Z");
  for (const [path, body] of site.pages) pages.set(path, page(body, new Date(clock)));
  const faults = new Map<string, ReplayFault & { served?: number }>();
  let robots: string | number | "unreachable" = "User-agent: *\nAllow: /\n";
  const requests: ReplayRequest[] = [];
  const sockets = new Set<Socket>();

  const logged = new WeakMap<IncomingMessage, ReplayRequest>();
  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body: string | Uint8Array = "", headers: Record<string, string> = {}) => {
    const entry = logged.get(req);
    if (entry) entry.status = status;
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
    res.end(body);
  };

  const server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    // Logged on arrival (status 0 until answered), so a request still waiting counts at once.
    const entry: ReplayRequest = { method: req.method ?? "GET", path, headers: req.headers, status: 0 };
    requests.push(entry);
    logged.set(req, entry);
    if (path === "/robots.txt") {
      if (robots === "unreachable") {
        req.socket.destroy();
        return;
      }
      if (typeof robots === "number") return answer(req, res, robots, "");
      return answer(req, res, 200, robots, { "content-type": "text/plain; charset=utf-8" });
    }
    const fault = faults.get(path);
    if (fault) {
      if (fault.kind === "status" && (fault.times === undefined || (fault.served ?? 0) < fault.times)) {
        fault.served = (fault.served ?? 0) + 1;
        return answer(req, res, fault.status, "<h1>Serverfout</h1>");
      }
      if (fault.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.kind === "held") await fault.until.catch(() => undefined);
      if (fault.kind === "redirect-loop") return answer(req, res, 302, "", { location: path });
      if (fault.kind === "gone") return answer(req, res, fault.status, "<h1>Niet gevonden</h1>");
      if (fault.kind === "malformed") return answer(req, res, 200, "<html><body><div typeof=\"besluit:Zitting\" <<<< ¿¿ </di");
      if (fault.kind === "oversized") return answer(req, res, 200, `<html><body>${"x".repeat(fault.bytes)}</body></html>`);
      if (fault.kind === "bytes") return answer(req, res, 200, fault.bytes, { "content-type": fault.contentType });
    }
    const found = pages.get(path);
    if (!found) return answer(req, res, 404, "<h1>Niet gevonden</h1>");
    const headers = { etag: found.etag, "last-modified": found.lastModified, "content-type": contentTypeOf(path) };
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    if (ifNoneMatch ? ifNoneMatch === found.etag : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(found.lastModified)) {
      return answer(req, res, 304, "", headers);
    }
    return answer(req, res, 200, found.body, headers);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    startUrl: `${origin}${site.startPath}`,
    requests,
    editPage(path, edit) {
      const current = pages.get(path);
      if (!current) throw new Error(`replay site has no page ${path}`);
      if (typeof current.body !== "string") throw new Error(`replay site page ${path} holds bytes, not text to edit`);
      clock += 3_600_000;
      pages.set(path, page(edit(current.body), new Date(clock)));
    },
    addPage(path, html) {
      pages.set(path, page(html, new Date(clock)));
    },
    setFault(path, fault) {
      if (fault) faults.set(path, { ...fault });
      else faults.delete(path);
    },
    setRobots(value) {
      robots = value;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
