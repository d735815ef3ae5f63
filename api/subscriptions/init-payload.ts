import type { PresentedKey } from "../caller.js";

/**
 * The API key of a WebSocket connection, from its `connection_init` payload: `{"apiKey": "…"}`,
 * or `{"authorization": "Bearer …"}` as a browser client that cannot set headers sends it.
 */
export function initPayloadKey(payload: Readonly<Record<string, unknown>> | undefined): PresentedKey {
  if (!payload) return null;
  const { apiKey, authorization } = payload;
  if (apiKey !== undefined) {
    return typeof apiKey === "string" && apiKey.trim() ? { key: apiKey.trim() } : { malformed: "The init payload's apiKey must be a non-empty string." };
  }
  if (authorization !== undefined) {
    const match = typeof authorization === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    return match ? { key: match[1] as string } : { malformed: "The init payload's authorization must read `Bearer <API key>`." };
  }
  return null;
}
