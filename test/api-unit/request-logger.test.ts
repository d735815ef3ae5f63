import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { OperationContext } from "../../api/context.js";
import { createHttpLogging, requestLogger } from "../../api/http-logging.js";

/** A logger whose lines are kept as parsed JSON. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

function observedRequest(logger: pino.Logger, requestId?: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = "/graphql";
  req.method = "POST";
  if (requestId) req.headers["x-request-id"] = requestId;
  const res = new ServerResponse(req);
  createHttpLogging(logger, { log: false })(req as never, res as never, () => {});
  return req;
}

describe("the request's logger", () => {
  it("is made on first use, once, and carries the request id on every line", async () => {
    const { logger, lines } = capturingLogger();
    const req = observedRequest(logger, "lb-7f3a9c21");
    const first = requestLogger(req, logger);
    expect(requestLogger(req, logger)).toBe(first);
    first.warn("something odd");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.objectContaining({ requestId: "lb-7f3a9c21", msg: "something odd" })]);
  });

  it("is the server's logger for a request the observer did not see", () => {
    const { logger } = capturingLogger();
    const req = new IncomingMessage(new Socket());
    expect(requestLogger(req, logger)).toBe(logger);
  });

  it("reaches an operation's context only when something logs", () => {
    const { logger } = capturingLogger();
    let made = 0;
    const shared = { harvest: () => ({}) as never, clock: () => new Date(), municipalities: {} as never, webhooks: {} as never };
    const context = new OperationContext({} as never, {} as never, {} as never, null, () => {
      made++;
      return logger;
    }, shared);
    expect(made).toBe(0);
    expect(context.logger).toBe(logger);
    expect(made).toBe(1);
    // Subscriptions add their stream to the same object; the logger stays reachable.
    const extended = Object.assign(context, { openChangeStream: undefined });
    expect(extended.logger).toBe(logger);
  });
});
