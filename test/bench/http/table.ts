/** The results as text: the summary table (one row per measured target) and the medians of every side. */
import type { Metric, Row, ScenarioResult } from "./scenarios.js";

function formatValue(metric: Metric, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "-";
  switch (metric) {
    case "req/s":
      return `${Math.round(value).toLocaleString("en").replace(/,/g, " ")} req/s`;
    case "s":
      return `${value.toFixed(2)} s`;
    case "MiB":
      return `${value.toFixed(0)} MiB`;
    default:
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms ${metric.split(" ")[0]}`;
  }
}

export function formatRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? "-" : `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
}

function met(row: Row): string {
  if (row.met === null) return "-";
  return row.met ? "yes" : "no";
}

/** Rows as cells: scenario | reference | documents | ours | theirs | ratio | target | met. */
export function cellsOf(rows: readonly Row[]): string[][] {
  return rows.map((row) => [row.scenario, row.reference, row.documents, formatValue(row.metric, row.ours), formatValue(row.metric, row.theirs), formatRatio(row.ratio), row.target, met(row)]);
}

export const HEADER = ["scenario", "reference", "documents", "ours", "theirs", "ratio", "target", "met"];

/** A plain-text table with aligned columns. */
export function renderText(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

/** The same table in Markdown, for test/bench/README.md. */
export function renderMarkdown(header: readonly string[], rows: readonly string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.map(escape).join(" | ")} |`)].join("\n");
}

/** Medians of every side of every scenario: req/s and latency p50/p95/p99. */
export function sideCells(results: Record<string, ScenarioResult>): string[][] {
  const lines: string[][] = [];
  for (const [name, result] of Object.entries(results)) {
    for (const side of Object.values(result.sides)) {
      const m = side.medians;
      // A single figure per round (seconds, MiB) is in the summary table already.
      if (!m) continue;
      const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(v < 10 ? 2 : 1));
      lines.push([name, side.label, m.reqPerSec != null ? String(Math.round(m.reqPerSec)) : "-", ms(m.p50), ms(m.p95), ms(m.p99), side.how]);
    }
  }
  return lines;
}

export const SIDE_HEADER = ["scenario", "side", "req/s", "p50 ms", "p95 ms", "p99 ms", "how"];
