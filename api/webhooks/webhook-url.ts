import { promises as dns, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { judgeAddress, parseAllowNetworks } from "./address-policy.js";

/** Resolves a host name to every address it has (as `dns.lookup` with `all: true`). */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** Where webhooks may be delivered. Production passes `{}`: public addresses only. */
export interface OutboundPolicy {
  /** CIDR ranges that are allowed although the policy refuses them (tests put 127.0.0.0/8 and ::1/128 here; production never sets it). */
  allowNetworks?: readonly string[];
  /** How host names are resolved, at registration and at connect time; `dns.lookup` (all addresses) when absent. Tests inject one to answer differently over time (DNS rebinding). */
  lookup?: HostLookup;
}

export type WebhookUrlRefusal = "scheme" | "credentials" | "address" | "unresolvable" | "malformed" | "port";

/** A webhook URL that may not be registered or delivered to; `reason` says which rule refused it. */
export class WebhookUrlError extends Error {
  override readonly name = "WebhookUrlError";
  constructor(
    readonly reason: WebhookUrlRefusal,
    message: string,
  ) {
    super(message);
  }
}

const MAX_URL_LENGTH = 2048;
/** The loopback addresses RFC 6761 says localhost names always resolve to, whatever DNS answers. */
const LOCALHOST_ADDRESSES = ["127.0.0.1", "::1"];

export const defaultLookup: HostLookup = (hostname) => dns.lookup(hostname, { all: true });

/**
 * The port policy: the scheme's default port, 80, 443, or an unprivileged port (1024–65535).
 * Ports below 1024 belong to other services (SSH 22, SMTP 25, DNS 53, ...) on public hosts too:
 * a webhook must not become a way to send them an HTTP request.
 */
function isAllowedPort(port: string): boolean {
  if (port === "") return true;
  const number = Number(port);
  return number === 80 || number === 443 || (number >= 1024 && number <= 65535);
}

/**
 * The rules that need no DNS: an absolute http(s) URL without credentials on an allowed port.
 * `new URL` (WHATWG) already reads decimal, octal, hex and short IPv4 hosts (http://2130706433/,
 * 0x7f.1, 127.1) and writes them as dotted quads, and lowercases names: the address checks see
 * one notation.
 */
export function readWebhookUrl(text: string): URL {
  if (text.length > MAX_URL_LENGTH) throw new WebhookUrlError("malformed", `the URL is ${text.length} characters long; webhook URLs may have at most ${MAX_URL_LENGTH}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlError("malformed", `${JSON.stringify(text)} is not an absolute URL; expected one such as https://example.org/hooks/vangnet`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookUrlError("scheme", `the URL's scheme is ${url.protocol.slice(0, -1)}; webhook URLs must use http or https`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new WebhookUrlError("credentials", "the URL carries a user name or password (user:password@host); webhook URLs may not: the receiver checks each delivery's signature instead");
  }
  if (!isAllowedPort(url.port)) {
    throw new WebhookUrlError("port", `port ${url.port} is refused: webhook URLs use the scheme's default port, 80, 443 or a port from 1024 to 65535`);
  }
  return url;
}

/** The host without IPv6 brackets and without the trailing dot of a fully qualified name. */
function bareHost(url: URL): string {
  const host = url.hostname;
  if (host.startsWith("[")) return host.slice(1, -1);
  return host.endsWith(".") ? host.slice(0, -1) : host;
}

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/** An IP address written as the URL's host (after WHATWG normalisation), or undefined for a name. */
export function literalAddress(url: URL): string | undefined {
  const host = bareHost(url);
  if (url.hostname.startsWith("[")) return host;
  return ipaddr.IPv4.isValidFourPartDecimal(host) ? host : undefined;
}

/**
 * The addresses a URL leads to without asking DNS: its literal address, or loopback for
 * `localhost` and `*.localhost` (RFC 6761); undefined when only DNS can tell.
 */
export function addressesWithoutDns(url: URL): string[] | undefined {
  const literal = literalAddress(url);
  if (literal !== undefined) return [literal];
  return isLocalhostName(bareHost(url)) ? LOCALHOST_ADDRESSES : undefined;
}

/** Throws a WebhookUrlError naming the first refused address, if any. */
export function checkAddresses(url: URL, addresses: readonly string[], allowNetworks: ReturnType<typeof parseAllowNetworks>): void {
  for (const address of addresses) {
    const verdict = judgeAddress(address, allowNetworks);
    if (verdict.allowed) continue;
    const what = literalAddress(url) === undefined ? `the host ${url.hostname} resolves to ${verdict.address},` : `${verdict.address} is`;
    throw new WebhookUrlError("address", `${what} ${verdict.description}; webhooks are delivered only to public internet addresses`);
  }
}

/** Every address of a host name, or a WebhookUrlError("unresolvable") saying why there is none. */
export async function resolveHost(hostname: string, lookup: HostLookup): Promise<readonly LookupAddress[]> {
  let addresses: readonly LookupAddress[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WebhookUrlError("unresolvable", `the host ${hostname} could not be resolved (${code}); check its spelling and that its DNS records are published`);
  }
  if (addresses.length === 0) throw new WebhookUrlError("unresolvable", `the host ${hostname} has no address`);
  return addresses;
}

/**
 * Checks a URL a user registers: throws WebhookUrlError (with a clear English message saying
 * what is wrong) when refused. Resolves the hostname (every address) and checks each one; the
 * delivery checks again on the address it connects to (see postOutbound).
 */
export async function checkWebhookUrl(text: string, policy: OutboundPolicy): Promise<URL> {
  const url = readWebhookUrl(text);
  const allowNetworks = parseAllowNetworks(policy.allowNetworks);
  const addresses = addressesWithoutDns(url) ?? (await resolveHost(bareHost(url), policy.lookup ?? defaultLookup)).map((entry) => entry.address);
  checkAddresses(url, addresses, allowNetworks);
  return url;
}
