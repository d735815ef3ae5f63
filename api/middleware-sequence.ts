import type { NextFunction, Request, RequestHandler, Response } from "express";

/**
 * Middleware run in order as one Express layer: the router matches the mount path once instead of
 * once per handler (issue 16: per-request work in front of Apollo). A handler that calls
 * `next(error)`, throws, or returns a rejected promise hands the error to the layer's `next`,
 * as Express 5 does for a handler of its own; `next("route")` and `next("router")` leave the
 * sequence the same way.
 */
export function middlewareSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise) result.catch((thrown: unknown) => next(thrown ?? new Error("rejected without a reason")));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
