import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { invalidInput } from '@microseg/errors';
import { AddressClass, type IpAddress, classifyAddress, parseAddress } from './address-class.ts';
import { type AllowedNetworks, inAllowedRange, isAllowedName } from './allowed-networks.ts';

/** Which rule refused a target: an address class, a scheme other than http(s), or credentials in the URL. */
export type RefusalRule = Exclude<AddressClass, 'public'> | 'scheme' | 'credentials';

export interface Refusal {
  rule: RefusalRule;
  reason: string;
  /** The offending address, when an address was the reason. */
  address?: string;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a name has; injected so tests can play a rebinding DNS without any network. */
export type Resolver = (hostName: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostName) => lookup(hostName, { all: true, verbatim: true });

/** A target to connect to: the URL and the one vetted address the socket must use. */
export type VettedTarget = { allowed: true; url: URL; address: string; family: 4 | 6 } | { allowed: false; refusal: Refusal };

/**
 * An operator who named a host trusts its DNS to point at the LIMS, so the name may lead into
 * private networks; never onto the service's own host, the cloud metadata address (link-local)
 * or non-unicast targets, which a misconfigured or poisoned zone would reach. Those need a range.
 */
const REACHABLE_BY_ALLOWED_NAME: ReadonlySet<AddressClass> = new Set([AddressClass.private, AddressClass.uniqueLocal, AddressClass.carrierGradeNat]);

type ParsedUrl = { url: URL; address: IpAddress | undefined } | { refusal: Refusal };

/**
 * Where outbound requests chosen by users (webhooks) may go: public addresses, and the networks
 * an operator allowed. A URL is judged twice: its literal form when it is stored, and every
 * address its host resolves to right before each request, which then goes to that vetted
 * address only (a second resolution could answer differently: DNS rebinding).
 */
export class OutboundPolicy {
  constructor(private readonly allowed: AllowedNetworks) {}

  /** What can be refused without resolving anything; a host name is judged at delivery. */
  refusalAtCreation(text: string): Refusal | undefined {
    const parsed = this.parse(text);
    if ('refusal' in parsed) return parsed.refusal;
    return parsed.address ? this.judge(parsed.address, false) : undefined;
  }

  /** Throws INVALID_INPUT with the rule in `details` when the URL may never be reached. */
  assertAllowedAtCreation(text: string): void {
    const refusal = this.refusalAtCreation(text);
    if (refusal) throw invalidInput(`target refused: ${refusal.reason}`, { field: 'url', ...refusal });
  }

  /** Resolves the host and judges every address; resolver failures (unknown name) are thrown as they are. */
  async vet(text: string, resolver: Resolver = systemResolver): Promise<VettedTarget> {
    const parsed = this.parse(text);
    if ('refusal' in parsed) return { allowed: false, refusal: parsed.refusal };
    const { url } = parsed;
    const named = parsed.address === undefined;
    const addresses = named ? (await resolver(url.hostname)).map((resolved) => parseAddress(resolved.address)) : [parsed.address];
    if (addresses.length === 0) throw new Error(`${url.hostname} has no address`);
    for (const address of addresses) {
      if (!address) throw new Error(`${url.hostname} resolved to something that is no address`);
      const refusal = this.judge(address, named && isAllowedName(this.allowed, url.hostname));
      if (refusal) return { allowed: false, refusal: { ...refusal, reason: named ? `${url.hostname} resolves to ${refusal.reason}` : refusal.reason } };
    }
    const first = addresses[0]!;
    return { allowed: true, url, address: first.toString(), family: first.kind() === 'ipv4' ? 4 : 6 };
  }

  private parse(text: string): ParsedUrl {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { refusal: { rule: 'scheme', reason: 'not a URL' } };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refusal: { rule: 'scheme', reason: `${url.protocol} is not http or https` } };
    // Credentials would be sent to whoever the host is, and hide the real host from a quick read (`http://lims@127.0.0.1`).
    if (url.username !== '' || url.password !== '') return { refusal: { rule: 'credentials', reason: 'the URL carries credentials' } };
    // The WHATWG parser (the one Node's HTTP clients use) has already turned 127.1, 2130706433, 0x7f000001 and 0177.0.0.1 into 127.0.0.1.
    return { url, address: parseAddress(url.hostname) };
  }

  private judge(address: IpAddress, allowedByName: boolean): Refusal | undefined {
    const addressClass = classifyAddress(address);
    if (addressClass === AddressClass.public || inAllowedRange(this.allowed, address)) return undefined;
    if (allowedByName && REACHABLE_BY_ALLOWED_NAME.has(addressClass)) return undefined;
    const shown = address.toString();
    return { rule: addressClass, address: shown, reason: `${shown}, a ${addressClass} address outside the networks allowed` };
  }
}

/**
 * A socket `lookup` that answers the vetted address whatever name it is asked for: the request
 * keeps its host name (Host header, TLS server name and certificate check) but cannot be sent
 * anywhere a second resolution would point.
 */
export function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostName, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
