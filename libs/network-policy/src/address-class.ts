import ipaddr from 'ipaddr.js';

/** Why an address is no public internet host; `public` is the one class a webhook may reach unasked. */
export const AddressClass = {
  public: 'public',
  loopback: 'loopback',
  unspecified: 'unspecified',
  private: 'private',
  carrierGradeNat: 'carrier-grade-nat',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  broadcast: 'broadcast',
  /** Documentation, benchmarking, future-use, and IPv6 forms that embed or translate to IPv4 (NAT64, 6to4, Teredo). */
  reserved: 'reserved',
} as const;
export type AddressClass = (typeof AddressClass)[keyof typeof AddressClass];

const IPV4_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: AddressClass.public,
  loopback: AddressClass.loopback,
  unspecified: AddressClass.unspecified,
  private: AddressClass.private,
  carrierGradeNat: AddressClass.carrierGradeNat,
  linkLocal: AddressClass.linkLocal,
  multicast: AddressClass.multicast,
  broadcast: AddressClass.broadcast,
};

const IPV6_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: AddressClass.public,
  loopback: AddressClass.loopback,
  unspecified: AddressClass.unspecified,
  uniqueLocal: AddressClass.uniqueLocal,
  linkLocal: AddressClass.linkLocal,
  deprecatedSiteLocal: AddressClass.private,
  multicast: AddressClass.multicast,
};

/** ::/96, the deprecated IPv4-compatible form (`[::127.0.0.1]`): ipaddr.js counts it as unicast. */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an address as a resolver or a URL gives it (`127.0.0.1`, `::1`, `[::1]`); an IPv4-mapped
 * IPv6 address (`::ffff:7f00:1`) becomes the IPv4 address it stands for, which is where a socket
 * to it goes. Undefined when the text is no address (a host name).
 */
export function parseAddress(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!ipaddr.IPv6.isValid(bare)) return undefined;
  const v6 = ipaddr.IPv6.parse(bare);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Every IANA special-purpose range ipaddr.js knows that is not named above counts as reserved. */
export function classifyAddress(address: IpAddress): AddressClass {
  if (address.kind() === 'ipv4') return IPV4_CLASSES[address.range()] ?? AddressClass.reserved;
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'unicast' && v6.match(IPV4_COMPATIBLE)) return AddressClass.reserved;
  return IPV6_CLASSES[range] ?? AddressClass.reserved;
}
