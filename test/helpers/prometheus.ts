import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** One sample of a metric family, as the Prometheus project's parser reads it. */
export interface PromSample {
  /** The family (a histogram's `x`, for its `x_bucket`, `x_count` and `x_sum` samples). */
  family: string;
  type: string;
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SCRIPT = join(import.meta.dirname, "prometheus-parse.py");

/**
 * Parse Prometheus text format with `prometheus_client`'s parser (Python; CI installs it), so that
 * a test reads /metrics as Prometheus does. Throws with the parser's message on a malformed text.
 */
export function parsePrometheusText(text: string): PromSample[] {
  const result = spawnSync("python3", [SCRIPT], { input: text, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the Prometheus text-format parser refused the text (exit ${result.status}): ${result.stderr || result.error?.message}`);
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PromSample);
}
