// Module customization hooks (they run on Node's hooks thread): record each resolved URL.
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.VANGNET_IMPORT_LOG) appendFileSync(process.env.VANGNET_IMPORT_LOG, `${resolved.url}\n`);
  return resolved;
}
