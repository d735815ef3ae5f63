import { createRequire } from "node:module";

export type RobotsRules = { isAllowed(url: string, userAgent: string): boolean | undefined };

// robots-parser is CommonJS whose typings declare an ES default export; load it as what it is.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, body: string) => RobotsRules;

/** The robots.txt answer as RFC 9309 reads it: rules, everything allowed, or everything disallowed. */
export type RobotsVerdict = { kind: "rules"; rules: RobotsRules } | { kind: "allow-all" } | { kind: "disallow-all" };

/** RFC 9309 2.3.1: a 4xx means no rules (allowed); a 5xx or no answer means disallow everything. */
export function robotsVerdict(robotsUrl: string, status: number | null, body: string): RobotsVerdict {
  if (status === null || status >= 500) return { kind: "disallow-all" };
  if (status >= 400) return { kind: "allow-all" };
  return { kind: "rules", rules: robotsParser(robotsUrl, body) };
}

export function isAllowedBy(verdict: RobotsVerdict, url: string, productToken: string): boolean {
  if (verdict.kind === "allow-all") return true;
  if (verdict.kind === "disallow-all") return false;
  return verdict.rules.isAllowed(url, productToken) !== false;
}
