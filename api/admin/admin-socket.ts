import { createHash } from "node:crypto";
import { posix, win32 } from "node:path";

/** File name of the admin socket inside a PGlite data directory, beside `vangnet.lock`. */
export const ADMIN_SOCKET_NAME = "vangnet-admin.sock";

/**
 * A Unix socket's path must fit `sun_path`: 108 bytes on Linux, 104 on macOS and the BSDs, the
 * closing NUL included. Node does not refuse a longer one: it cuts it off and binds another file
 * (seen with Node 20.20), so the length is checked before binding or connecting.
 */
const MAX_SOCKET_PATH_BYTES = { linux: 107, other: 103 } as const;

export type AdminSocketAddress = { path: string } | { unusable: string };

/**
 * Where the process that holds a PGlite data directory listens for key requests: a Unix socket in
 * the directory, or on Windows (no Unix sockets in Node there) a named pipe whose name is derived
 * from the directory's path, so that the service and the CLI find the same one.
 */
export function adminSocketOf(dataDir: string, platform: NodeJS.Platform = process.platform): AdminSocketAddress {
  if (platform === "win32") {
    const digest = createHash("sha256").update(win32.resolve(dataDir).toLowerCase(), "utf8").digest("hex");
    return { path: `\\\\.\\pipe\\vangnet-admin-${digest.slice(0, 24)}` };
  }
  const path = posix.join(posix.resolve(dataDir), ADMIN_SOCKET_NAME);
  const limit = platform === "linux" ? MAX_SOCKET_PATH_BYTES.linux : MAX_SOCKET_PATH_BYTES.other;
  const bytes = Buffer.byteLength(path, "utf8");
  if (bytes > limit) {
    return {
      unusable: `the admin socket ${path} would be ${bytes} bytes long, more than the ${limit} a Unix socket path may have on ${platform}; a data directory with a shorter path (VANGNET_DATA_DIR) fixes it`,
    };
  }
  return { path };
}
