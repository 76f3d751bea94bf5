import ipaddr from 'ipaddr.js';
import { type IpAddress, parseAddress } from './address-class.ts';

/**
 * What an operator lets webhooks reach beyond the public internet, e.g. an on-premises LIMS:
 * address ranges (`10.20.0.0/16`, `fd12::/48`, one address `10.20.1.5`) and host names
 * (`lims.lab.internal`, or `*.lab.internal` for the names under it).
 */
export interface AllowedNetworks {
  readonly ranges: readonly (readonly [IpAddress, number])[];
  /** Lower case, no trailing dot; a leading `.` matches the names under that suffix. */
  readonly names: readonly string[];
}

export const NO_ALLOWED_NETWORKS: AllowedNetworks = { ranges: [], names: [] };

// A DNS name: labels of letters, digits and inner hyphens (underscores too: internal zones use them).
const HOST_NAME = /^(?!-)[a-z0-9_-]{1,63}(?<!-)(\.(?!-)[a-z0-9_-]{1,63}(?<!-))*$/;

/** Parses the comma-separated setting; throws on an entry that is neither a range, an address nor a host name. */
export function parseAllowedNetworks(setting: string): AllowedNetworks {
  const ranges: (readonly [IpAddress, number])[] = [];
  const names: string[] = [];
  for (const entry of setting.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is no address range (CIDR)`);
      const [network, bits] = ipaddr.parseCIDR(entry);
      // Mapped addresses are checked as the IPv4 addresses they stand for: only an IPv4 range can match them.
      if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress()) throw new Error(`"${entry}" is an IPv4-mapped range: write the IPv4 range`);
      ranges.push([network, bits]);
      continue;
    }
    const address = parseAddress(entry);
    if (address) {
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      continue;
    }
    const name = entry.toLowerCase().replace(/\.$/, '');
    const wildcard = name.startsWith('*.');
    const bare = wildcard ? name.slice(2) : name;
    // A bare number would be an IPv4 address to the URL parser, never a name.
    if (!HOST_NAME.test(bare) || /^[0-9.]+$/.test(bare)) throw new Error(`"${entry}" is neither an address range, an address nor a host name`);
    names.push(wildcard ? `.${bare}` : bare);
  }
  return { ranges, names };
}

export function inAllowedRange(allowed: AllowedNetworks, address: IpAddress): boolean {
  return allowed.ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

export function isAllowedName(allowed: AllowedNetworks, hostName: string): boolean {
  const name = hostName.toLowerCase().replace(/\.$/, '');
  return allowed.names.some((entry) => (entry.startsWith('.') ? name.endsWith(entry) : name === entry));
}
