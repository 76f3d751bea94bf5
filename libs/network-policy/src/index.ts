export { AddressClass, type IpAddress, classifyAddress, parseAddress } from './address-class.ts';
export { type AllowedNetworks, NO_ALLOWED_NETWORKS, inAllowedRange, isAllowedName, parseAllowedNetworks } from './allowed-networks.ts';
export { OutboundPolicy, type Refusal, type RefusalRule, type ResolvedAddress, type Resolver, type VettedTarget, pinnedLookup, systemResolver } from './outbound-target.ts';
