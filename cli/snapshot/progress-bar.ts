import cliProgress from "cli-progress";
import type { SnapshotProgress } from "./write-snapshot.js";

/**
 * A progress bar for `vangnet export` on a terminal (cli-progress, on stderr): rows written of all
 * the snapshot reads, with the dataset being written, the rate and the time left.
 */
export function snapshotProgressBar(stream: NodeJS.WriteStream = process.stderr): { update(progress: SnapshotProgress): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {percentage}% | {value}/{total} rows | {dataset} | {rate} rows/s | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const startedAt = performance.now();
  return {
    update({ dataset, done, total }) {
      const rate = Math.round(done / Math.max((performance.now() - startedAt) / 1000, 0.001)).toLocaleString("en-US");
      if (!started) {
        bar.start(total, done, { dataset, rate });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { dataset, rate });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
