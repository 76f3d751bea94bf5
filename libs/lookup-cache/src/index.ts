export { LookupCache } from './lookup-cache.ts';
export { CachingInstances } from './caching-instances.ts';
export { LookupCacheReplica, LookupInvalidator } from './confirmed-invalidation.ts';
