import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { middlewareSequence } from "../../api/middleware-sequence.js";

let server: Server | undefined;
afterEach(async () => {
  server?.close();
  server = undefined;
});

/** An app with the sequence mounted at /x, a fallback after it and an error handler; its base URL. */
async function serve(handlers: RequestHandler[]): Promise<string> {
  const app = express();
  app.use("/x", middlewareSequence(handlers));
  app.use("/x", (req, res) => {
    res.json({ fallback: true, trail: (req as unknown as { trail?: string[] }).trail ?? [] });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  };
  app.use(onError);
  server = createServer(app);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    const r = req as unknown as { trail?: string[] };
    r.trail = [...(r.trail ?? []), name];
    next();
  };

describe("middlewareSequence", () => {
  it("runs the handlers in order under the mount path, then goes on to the next layer", async () => {
    const base = await serve([mark("a"), mark("b"), (req, _res, next) => ((req as unknown as { trail: string[] }).trail.push(req.url), next())]);
    const body = await (await fetch(`${base}/x?q=1`)).json();
    expect(body).toEqual({ fallback: true, trail: ["a", "b", "/?q=1"] });
  });

  it("stops at a handler that answers", async () => {
    const base = await serve([mark("a"), (_req, res) => void res.status(503).json({ stopped: true }), mark("never")]);
    const response = await fetch(`${base}/x`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ stopped: true });
  });

  it("hands next(error), a thrown error and a rejected promise to the error handler, skipping the rest", async () => {
    const cases: [string, RequestHandler][] = [
      ["passed", (_req, _res, next) => next(new Error("passed"))],
      [
        "thrown",
        () => {
          throw new Error("thrown");
        },
      ],
      [
        "rejected",
        async () => {
          await Promise.resolve();
          throw new Error("rejected");
        },
      ],
    ];
    for (const [message, failing] of cases) {
      const base = await serve([mark("a"), failing, (_req, res) => void res.json({ reached: true })]);
      const response = await fetch(`${base}/x`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: message });
      server?.close();
    }
  });

  it("an empty sequence goes straight on", async () => {
    const base = await serve([]);
    expect(await (await fetch(`${base}/x`)).json()).toEqual({ fallback: true, trail: [] });
  });
});
