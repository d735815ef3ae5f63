/** PGlite's shared buffers unless configured (`VANGNET_PGLITE_SHARED_BUFFERS`). */
export const DEFAULT_PGLITE_SHARED_BUFFERS = "16MB";

/**
 * PostgreSQL settings of the embedded database. Its shared buffers live in the process's own
 * WebAssembly memory, so PostgreSQL's default of 128 MB makes an idle `vangnet serve` weigh about
 * 100 MB more; the operating system's page cache still holds the data files behind them.
 */
export function pgliteSettings(sharedBuffers = DEFAULT_PGLITE_SHARED_BUFFERS): string[] {
  return [`shared_buffers = ${sharedBuffers}`];
}
