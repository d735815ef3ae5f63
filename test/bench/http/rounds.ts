/**
 * Side by side: every round runs each side once, in the same order (A B A B …), so that a
 * machine that slows down or warms up over the run weighs on both sides alike. Medians are taken
 * over the rounds.
 */
import { median } from "./stats.js";

/** What one measurement of one side gives: throughput (when it was a load run) and latencies. */
export interface Sample {
  reqPerSec?: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export interface Medians {
  reqPerSec: number | null;
  p50: number;
  p95: number;
  p99: number;
}

export interface Side<T extends Sample = Sample> {
  label: string;
  measure: () => Promise<T>;
}

export type Progress = (line: string) => void;

/** Run `rounds` rounds of every side in turn; the samples of each side, in round order. */
export async function alternate<T extends Sample>(rounds: number, sides: Side<T>[], progress: Progress): Promise<T[][]> {
  const samples: T[][] = sides.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    for (const [index, side] of sides.entries()) {
      const sample = await side.measure();
      samples[index]?.push(sample);
      progress(`    round ${round}/${rounds} ${side.label}: ${describeSample(sample)}`);
    }
  }
  return samples;
}

export function describeSample(sample: Sample): string {
  const rate = sample.reqPerSec === undefined ? "" : `${Math.round(sample.reqPerSec)} req/s, `;
  const { p50, p95, p99 } = sample.latencyMs;
  return `${rate}p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`;
}

export function mediansOf(samples: readonly Sample[]): Medians {
  const rates = samples.map((s) => s.reqPerSec).filter((r): r is number => r !== undefined);
  return {
    reqPerSec: rates.length ? median(rates) : null,
    p50: median(samples.map((s) => s.latencyMs.p50)),
    p95: median(samples.map((s) => s.latencyMs.p95)),
    p99: median(samples.map((s) => s.latencyMs.p99)),
  };
}
