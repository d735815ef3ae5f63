import { bulkDataset, bulkDatasetNames, bulkDatasets } from "../../db/bulk/datasets.js";
import { createDb } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { packageVersion } from "../package-info.js";
import { snapshotProgressBar } from "../snapshot/progress-bar.js";
import { type SnapshotFormat, writeSnapshot } from "../snapshot/write-snapshot.js";
import { UsageError } from "../usage.js";

export interface ExportCommand {
  out: string;
  formats: SnapshotFormat[];
  datasets: string[] | undefined;
}

/** `vangnet export`: a snapshot of the bulk datasets with its manifest and Data Package. */
export async function runExport(config: Config, logger: Logger, command: ExportCommand): Promise<number> {
  const unknown = command.datasets?.find((name) => !bulkDataset(name));
  if (unknown !== undefined) throw new UsageError(`unknown dataset "${unknown}"; the datasets are ${bulkDatasetNames.join(", ")}`, "export");
  const datasets = command.datasets ? bulkDatasets.filter((dataset) => command.datasets?.includes(dataset.name)) : bulkDatasets;
  const handle = await createDb({ databaseUrl: config.DATABASE_URL, dataDir: config.VANGNET_DATA_DIR, pgliteSharedBuffers: config.VANGNET_PGLITE_SHARED_BUFFERS });
  const terminal = process.stderr.isTTY === true;
  try {
    await migrate(handle);
    const bar = terminal ? snapshotProgressBar() : undefined;
    const manifest = await writeSnapshot(handle, { out: command.out, datasets, formats: command.formats, version: packageVersion(), onProgress: bar?.update }).finally(() => bar?.stop());
    for (const dataset of manifest.datasets) process.stderr.write(`${dataset.name}: ${dataset.rows} rows\n`);
    logger.info({ out: command.out, changeSeq: manifest.changeSeq, datasets: manifest.datasets.length }, "snapshot written");
    process.stdout.write(`${command.out}: ${manifest.datasets.length} datasets consistent with change ${manifest.changeSeq}; follow changes(after: "${manifest.changeCursor}")\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
