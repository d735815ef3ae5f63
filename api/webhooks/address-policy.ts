import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

/** The answer for one address: allowed, or refused with the range it falls in, said in English. */
export type AddressVerdict = { allowed: true } | { allowed: false; address: string; description: string };

/**
 * Why each of ipaddr.js's IPv4 ranges (every one but `unicast`) is no webhook destination. Ranges
 * ipaddr.js adds in a later version fall back to their name (see `describeRange`), still refused.
 */
const IPV4_RANGES: Record<string, string> = {
  unspecified: "an unspecified address (0.0.0.0/8, \"this network\")",
  broadcast: "the broadcast address",
  multicast: "a multicast address (224.0.0.0/4)",
  linkLocal: "a link-local address (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live)",
  loopback: "a loopback address (127.0.0.0/8, this machine)",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private network address (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)",
  reserved: "a reserved, documentation or benchmarking address (such as 192.0.0.0/24, 192.0.2.0/24, 198.18.0.0/15, 240.0.0.0/4)",
  as112: "an AS112 DNS sink address",
  amt: "an AMT relay anycast address",
};

const IPV6_RANGES: Record<string, string> = {
  unspecified: "the unspecified address (::)",
  linkLocal: "a link-local address (fe80::/10)",
  multicast: "a multicast address (ff00::/8)",
  loopback: "the loopback address (::1, this machine)",
  uniqueLocal: "a unique-local address (fc00::/7, private networks)",
  deprecatedSiteLocal: "a site-local address (fec0::/10, private networks)",
  discard: "a discard-only address (100::/64)",
  teredo: "a Teredo tunnel address (2001::/32)",
  benchmarking: "a benchmarking address (2001:2::/48)",
  reserved: "a reserved or documentation address (such as 2001:db8::/32)",
  amt: "an AMT relay address",
  as112v6: "an AS112 DNS sink address",
  deprecatedOrchid: "an ORCHID identifier (2001:10::/28), not a routable address",
  orchid2: "an ORCHIDv2 identifier (2001:20::/28), not a routable address",
  droneRemoteIdProtocolEntityTags: "a drone remote ID tag (2001:30::/28), not a routable address",
  segmentRouting: "a segment routing address (5f00::/16)",
  rfc6052: "a local-use NAT64 address (64:ff9b:1::/48)",
};

/** IANA's global unicast space: an IPv6 address outside it is unassigned or special, whatever ipaddr.js calls it. */
const GLOBAL_UNICAST: Network = ipaddr.parseCIDR("2000::/3");
/** The well-known NAT64 prefix (RFC 6052): the last 32 bits are the IPv4 address the translator reaches. */
const NAT64_WELL_KNOWN: Network = ipaddr.parseCIDR("64:ff9b::/96");
/** IPv4-compatible addresses (RFC 4291, deprecated): `::a.b.c.d`, which some stacks still route as IPv4. */
const IPV4_COMPATIBLE: Network = ipaddr.parseCIDR("::/96");

/**
 * Parses the allow-list of a policy. A mistake there is the operator's or a test's, so it throws
 * at once naming the entry instead of silently allowing nothing or everything.
 */
export function parseAllowNetworks(networks: readonly string[] = []): Network[] {
  return networks.map((network) => {
    if (!ipaddr.isValidCIDR(network)) throw new Error(`allowNetworks: ${JSON.stringify(network)} is not a CIDR range such as 127.0.0.0/8 or ::1/128`);
    return ipaddr.parseCIDR(network);
  });
}

function isAllowed(address: Address, allowed: readonly Network[]): boolean {
  return allowed.some((network) => network[0].kind() === address.kind() && address.match(network));
}

/** The IPv4 address in the last 32 bits of an IPv6 address (mapped, translated, compatible, NAT64). */
function lastFourBytes(address: ipaddr.IPv6): ipaddr.IPv4 {
  return ipaddr.fromByteArray(address.toByteArray().slice(12)) as ipaddr.IPv4;
}

/** The IPv4 address of a 6to4 address (RFC 3056): 2002:AABB:CCDD::/48 carries AA.BB.CC.DD. */
function sixToFourAddress(address: ipaddr.IPv6): ipaddr.IPv4 {
  return ipaddr.fromByteArray(address.toByteArray().slice(2, 6)) as ipaddr.IPv4;
}

function refuse(address: Address, description: string): AddressVerdict {
  const text = address.kind() === "ipv6" ? (address as ipaddr.IPv6).toRFC5952String() : address.toString();
  return { allowed: false, address: text, description };
}

function judgeIPv4(address: ipaddr.IPv4, allowed: readonly Network[]): AddressVerdict {
  if (isAllowed(address, allowed)) return { allowed: true };
  const range = address.range();
  if (range === "unicast") return { allowed: true };
  return refuse(address, IPV4_RANGES[range] ?? `an address of the special range "${range}"`);
}

/** An IPv6 address that carries an IPv4 one is judged by the IPv4 address it leads to. */
function judgeEmbedded(outer: ipaddr.IPv6, inner: ipaddr.IPv4, how: string, allowed: readonly Network[]): AddressVerdict {
  const verdict = judgeIPv4(inner, allowed);
  if (verdict.allowed) return verdict;
  return refuse(outer, `${how} of ${inner.toString()}, which is ${verdict.description}`);
}

function judgeIPv6(address: ipaddr.IPv6, allowed: readonly Network[]): AddressVerdict {
  if (isAllowed(address, allowed)) return { allowed: true };
  const range = address.range();
  if (range === "ipv4Mapped") return judgeEmbedded(address, lastFourBytes(address), "an IPv4-mapped address", allowed);
  if (range === "rfc6145") return judgeEmbedded(address, lastFourBytes(address), "an IPv4-translated address", allowed);
  if (range === "rfc6052" && address.match(NAT64_WELL_KNOWN)) return judgeEmbedded(address, lastFourBytes(address), "a NAT64 address", allowed);
  if (range === "6to4") return judgeEmbedded(address, sixToFourAddress(address), "a 6to4 address", allowed);
  if (range !== "unicast") return refuse(address, IPV6_RANGES[range] ?? `an address of the special range "${range}"`);
  // ipaddr.js calls every address outside its special ranges unicast, ::7f00:1 and 4000::1 included.
  if (address.match(IPV4_COMPATIBLE)) {
    const embedded = judgeEmbedded(address, lastFourBytes(address), "an IPv4-compatible address", allowed);
    return embedded.allowed ? refuse(address, "an IPv4-compatible address (::/96, deprecated by RFC 4291)") : embedded;
  }
  if (!address.match(GLOBAL_UNICAST)) return refuse(address, "outside the global unicast range 2000::/3 (unassigned or reserved)");
  return { allowed: true };
}

/**
 * Whether a webhook may be delivered to `address` (IPv4 or IPv6 in any notation ipaddr.js reads):
 * only public unicast addresses, unless an allow-list network contains the address.
 */
export function judgeAddress(address: string, allowed: readonly Network[]): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, address, description: "not an IP address" };
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv4" ? judgeIPv4(parsed as ipaddr.IPv4, allowed) : judgeIPv6(parsed as ipaddr.IPv6, allowed);
}
