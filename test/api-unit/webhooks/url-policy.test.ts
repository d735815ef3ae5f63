import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, WebhookUrlError, type OutboundPolicy, type WebhookUrlRefusal } from "../../../api/webhooks/outbound.js";

/** What checkWebhookUrl refused, as [reason, message], or "accepted" with the URL it returned. */
async function verdict(url: string, policy: OutboundPolicy = {}): Promise<[WebhookUrlRefusal, string] | ["accepted", string]> {
  try {
    return ["accepted", (await checkWebhookUrl(url, policy)).href];
  } catch (error) {
    if (error instanceof WebhookUrlError) return [error.reason, error.message];
    throw error;
  }
}

async function reasons(urls: readonly string[], policy: OutboundPolicy = {}): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const url of urls) found[url] = (await verdict(url, policy))[0];
  return found;
}

const every = (urls: readonly string[], reason: string) => Object.fromEntries(urls.map((url) => [url, reason]));

/** A resolver that answers fixed addresses for every name, so no test asks real DNS for a public name. */
const answering = (...addresses: string[]): OutboundPolicy["lookup"] => async () =>
  addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));

const SUFFIX = "; webhooks are delivered only to public internet addresses";

describe("webhook URLs that lead to this machine, a private network or a special range", () => {
  // Each was worked out by hand; the comment says which address WHATWG's URL parser makes of it.
  const refusedAddresses = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/hooks",
    "http://127.1/", // short form: 127.0.0.1
    "http://127.0.1/", // 127.0.0.1
    "http://2130706433/", // decimal: 127 × 2^24 + 1
    "http://0177.0.0.1/", // octal first part
    "http://0x7f.0.0.1/", // hex first part
    "http://0x7f000001/", // one hex number
    "http://017700000001/", // one octal number
    "http://0x7f.1/", // hex short form
    "http://0177.0.0.0x1/", // octal and hex mixed
    "http://127.000.000.001/", // leading zeros: octal zeros, still 127.0.0.1
    "http://127.0.0.1./", // trailing dot
    "http://%31%32%37.0.0.1/", // percent-encoded host
    "http://\u2460\u2461\u2466.0.0.1/", // circled digits ①②⑦, folded to 127 by IDNA
    "http://127\u30020\u30020\u30021/", // ideographic full stops
    "http://localhost/",
    "http://localhost./",
    "http://LOCALHOST:8080/",
    "http://api.localhost/",
    "http://Foo.LocalHost./",
    "http://10.0.0.1/",
    "http://10.1/", // short form: 10.0.0.1
    "http://167772161/", // decimal: 10 × 2^24 + 1
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://0xc0.0xa8.1.1/", // 192.168.1.1
    "http://169.254.169.254/latest/meta-data/", // cloud metadata
    "http://2852039166/", // decimal 169.254.169.254
    "http://100.64.0.1/", // carrier-grade NAT
    "http://100.127.255.254/",
    "http://0.0.0.0/",
    "http://0/", // 0.0.0.0
    "http://255.255.255.255/",
    "http://224.0.0.1/",
    "http://239.255.255.250:1900/",
    "http://192.0.2.10/", // documentation (TEST-NET-1)
    "http://198.51.100.7/", // TEST-NET-2
    "http://203.0.113.9/", // TEST-NET-3
    "http://198.18.0.1/", // benchmarking
    "http://240.0.0.1/", // reserved class E
    "http://192.0.0.8/", // IETF protocol assignments
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/", // IPv4-mapped
    "http://[::ffff:7f00:1]/",
    "http://[::FFFF:169.254.169.254]/",
    "http://[::ffff:0.0.0.0]/",
    "http://[::ffff:10.0.0.1]:8443/",
    "http://[::127.0.0.1]/", // IPv4-compatible
    "http://[::ffff:0:a00:1]/", // IPv4-translated 10.0.0.1 (RFC 6145)
    "http://[64:ff9b::127.0.0.1]/", // NAT64
    "http://[64:ff9b::a9fe:a9fe]/", // NAT64 of 169.254.169.254
    "http://[64:ff9b:1::1]/", // local-use NAT64
    "http://[2002:7f00:1::]/", // 6to4 of 127.0.0.1
    "http://[2002:c0a8:101::1]/", // 6to4 of 192.168.1.1
    "http://[fe80::1]/",
    "http://[FE80::ABCD]/",
    "http://[fc00::1]/",
    "http://[fd12:3456:789a::1]/",
    "http://[fec0::1]/", // site-local
    "http://[ff02::1]/",
    "http://[2001:db8::1]/", // documentation
    "http://[2001::1]/", // Teredo
    "http://[2001:2::1]/", // benchmarking
    "http://[100::1]/", // discard
    "http://[4000::1]/", // outside 2000::/3
    "https://127.0.0.1:8443/",
  ];

  it(`refuses every one of ${refusedAddresses.length} notations with reason "address"`, async () => {
    expect(refusedAddresses.length).toBeGreaterThanOrEqual(40);
    expect(await reasons(refusedAddresses)).toEqual(every(refusedAddresses, "address"));
  });

  it("says which address was refused and why, in the notation WHATWG made of it", async () => {
    expect(await verdict("http://0x7f.1/")).toEqual(["address", `127.0.0.1 is a loopback address (127.0.0.0/8, this machine)${SUFFIX}`]);
    expect(await verdict("http://2852039166/")).toEqual([
      "address",
      `169.254.169.254 is a link-local address (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live)${SUFFIX}`,
    ]);
    expect(await verdict("http://[::ffff:10.0.0.1]/")).toEqual([
      "address",
      `::ffff:a00:1 is an IPv4-mapped address of 10.0.0.1, which is a private network address (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)${SUFFIX}`,
    ]);
    expect(await verdict("http://[2002:7f00:1::]/")).toEqual([
      "address",
      `2002:7f00:1:: is a 6to4 address of 127.0.0.1, which is a loopback address (127.0.0.0/8, this machine)${SUFFIX}`,
    ]);
    expect(await verdict("http://[4000::1]/")).toEqual(["address", `4000::1 is outside the global unicast range 2000::/3 (unassigned or reserved)${SUFFIX}`]);
    expect(await verdict("http://api.localhost./")).toEqual(["address", `the host api.localhost. resolves to 127.0.0.1, a loopback address (127.0.0.0/8, this machine)${SUFFIX}`]);
  });

  it("refuses localhost names without asking DNS, whatever the resolver would answer", async () => {
    expect(await verdict("http://localhost/", { lookup: answering("93.184.215.14") })).toEqual([
      "address",
      `the host localhost resolves to 127.0.0.1, a loopback address (127.0.0.0/8, this machine)${SUFFIX}`,
    ]);
  });
});

describe("webhook URLs refused for their scheme, credentials, port or form", () => {
  it("takes http and https only", async () => {
    const urls = ["ftp://93.184.215.14/", "file:///etc/passwd", "gopher://93.184.215.14:7070/", "ws://93.184.215.14/", "javascript:alert(1)", "data:text/plain,hi"];
    expect(await reasons(urls)).toEqual(every(urls, "scheme"));
    expect(await verdict("ftp://93.184.215.14/")).toEqual(["scheme", "the URL's scheme is ftp; webhook URLs must use http or https"]);
  });

  it("refuses a user name or password in the URL, also one that hides the real host", async () => {
    // The last one's host is 127.0.0.1; its user name merely looks like a public address.
    const urls = ["http://user:pass@93.184.215.14/", "http://user@93.184.215.14/", "https://:secret@93.184.215.14/", "http://93.184.215.14@127.0.0.1/"];
    expect(await reasons(urls)).toEqual(every(urls, "credentials"));
  });

  it("takes the default port, 80, 443 and 1024–65535, refuses the other privileged ports", async () => {
    const refused = ["http://93.184.215.14:22/", "http://93.184.215.14:25/", "https://93.184.215.14:0/", "http://93.184.215.14:1023/", "https://93.184.215.14:8/"];
    expect(await reasons(refused)).toEqual(every(refused, "port"));
    const accepted = ["http://93.184.215.14:80/", "https://93.184.215.14:443/", "http://93.184.215.14:443/", "https://93.184.215.14:80/", "http://93.184.215.14:1024/", "https://93.184.215.14:65535/"];
    expect(await reasons(accepted)).toEqual(every(accepted, "accepted"));
    expect(await verdict("http://93.184.215.14:22/")).toEqual(["port", "port 22 is refused: webhook URLs use the scheme's default port, 80, 443 or a port from 1024 to 65535"]);
  });

  it("refuses what is no absolute URL or no valid host", async () => {
    const urls = ["not a url", "/hooks/vangnet", "http://", "http://999.1.1.1/", "http://127.0.0.1.5/", "http://[fe80::1%25eth0]/", "http://[::1/", "http://93.184.215.14:65536/", `https://93.184.215.14/${"a".repeat(2030)}`];
    expect(await reasons(urls)).toEqual(every(urls, "malformed"));
    expect(await verdict("/hooks/vangnet")).toEqual(["malformed", '"/hooks/vangnet" is not an absolute URL; expected one such as https://example.org/hooks/vangnet']);
  });
});

describe("webhook URLs on public addresses", () => {
  it("accepts public IPv4 and IPv6 addresses in any notation, returning the normalised URL", async () => {
    expect(await verdict("http://93.184.215.14/")).toEqual(["accepted", "http://93.184.215.14/"]);
    expect(await verdict("HTTPS://93.184.215.14:8443/hooks?x=1")).toEqual(["accepted", "https://93.184.215.14:8443/hooks?x=1"]);
    // 93 × 2^24 + 184 × 2^16 + 215 × 2^8 + 14
    expect(await verdict("http://1572394766/")).toEqual(["accepted", "http://93.184.215.14/"]);
    expect(await verdict("http://[2606:4700:4700::1111]/")).toEqual(["accepted", "http://[2606:4700:4700::1111]/"]);
    // An embedding leads where its IPv4 address does: 93.184.215.14 is 5db8:d70e.
    expect(await verdict("http://[::ffff:93.184.215.14]/")).toEqual(["accepted", "http://[::ffff:5db8:d70e]/"]);
    expect(await verdict("http://[64:ff9b::5db8:d70e]/")).toEqual(["accepted", "http://[64:ff9b::5db8:d70e]/"]);
  });

  it("accepts the addresses just outside the refused ranges", async () => {
    const urls = ["http://9.255.255.255/", "http://11.0.0.1/", "http://100.63.255.255/", "http://100.128.0.0/", "http://172.15.255.255/", "http://172.32.0.0/", "http://192.167.255.255/", "http://192.169.0.0/", "http://126.255.255.255/", "http://128.0.0.1/", "http://223.255.255.254/"];
    expect(await reasons(urls)).toEqual(every(urls, "accepted"));
  });
});

describe("webhook URLs with a host name", () => {
  it("accepts a name whose every address is public", async () => {
    expect(await verdict("https://hooks.example.org/vangnet", { lookup: answering("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c") })).toEqual([
      "accepted",
      "https://hooks.example.org/vangnet",
    ]);
  });

  it("refuses a name when any one of its addresses is refused", async () => {
    expect(await verdict("https://hooks.example.org/", { lookup: answering("93.184.215.14", "10.0.0.5") })).toEqual([
      "address",
      `the host hooks.example.org resolves to 10.0.0.5, a private network address (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)${SUFFIX}`,
    ]);
    expect((await verdict("https://rebind.example.org/", { lookup: answering("127.0.0.1") }))[0]).toBe("address");
    expect((await verdict("https://v6.example.org/", { lookup: answering("::1") }))[0]).toBe("address");
    expect((await verdict("https://mapped.example.org/", { lookup: answering("::ffff:169.254.169.254") }))[0]).toBe("address");
  });

  it("says when a name cannot be resolved", async () => {
    const failing: OutboundPolicy["lookup"] = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    };
    expect(await verdict("https://nowhere.example.org/", { lookup: failing })).toEqual([
      "unresolvable",
      "the host nowhere.example.org could not be resolved (ENOTFOUND); check its spelling and that its DNS records are published",
    ]);
    expect(await verdict("https://empty.example.org/", { lookup: answering() })).toEqual(["unresolvable", "the host empty.example.org has no address"]);
  });
});

describe("the allow-list tests use", () => {
  const loopback: OutboundPolicy = { allowNetworks: ["127.0.0.0/8", "::1/128"] };

  it("opens loopback and nothing else", async () => {
    const opened = ["http://127.0.0.1:8080/", "http://127.1/", "http://[::1]:8080/", "http://localhost:8080/", "http://[::ffff:127.0.0.1]/"];
    expect(await reasons(opened, loopback)).toEqual(every(opened, "accepted"));
    const stillRefused = ["http://10.0.0.1/", "http://169.254.169.254/", "http://192.168.0.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::]/"];
    expect(await reasons(stillRefused, loopback)).toEqual(every(stillRefused, "address"));
  });

  it("names an entry that is no CIDR range", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1/", { allowNetworks: ["127.0.0.1"] })).rejects.toThrow('allowNetworks: "127.0.0.1" is not a CIDR range such as 127.0.0.0/8 or ::1/128');
  });
});
