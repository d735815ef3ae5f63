import type { LookupAddress, LookupOptions } from "node:dns";
import type { LookupFunction } from "node:net";
import type { parseAllowNetworks } from "./address-policy.js";
import { checkAddresses, resolveHost, type HostLookup } from "./webhook-url.js";

function requestedFamily(family: LookupOptions["family"]): number {
  if (family === "IPv4") return 4;
  if (family === "IPv6") return 6;
  return family ?? 0;
}

/**
 * The `lookup` for `http.request` that checks, at connect time, every address the name resolves
 * to now, not the ones it resolved to at registration: a DNS answer changed to 127.0.0.1 in the
 * meantime (DNS rebinding) fails the connection with a WebhookUrlError("address") before a
 * socket is opened. Node calls it for names only; postOutbound checks literal addresses itself.
 */
export function createCheckingLookup(url: URL, lookup: HostLookup, allowNetworks: ReturnType<typeof parseAllowNetworks>): LookupFunction {
  return (hostname, options, callback) => {
    const answer = async (): Promise<readonly LookupAddress[]> => {
      const addresses = await resolveHost(hostname, lookup);
      checkAddresses(url, addresses.map((entry) => entry.address), allowNetworks);
      const family = requestedFamily(options.family);
      const usable = family === 0 ? addresses : addresses.filter((entry) => entry.family === family);
      if (usable.length === 0) throw Object.assign(new Error(`the host ${hostname} has no IPv${family} address`), { code: "ENOTFOUND" });
      return usable;
    };
    answer().then(
      (addresses) => {
        const [first] = addresses;
        if (options.all === true || first === undefined) callback(null, [...addresses]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
