import { defineNotice } from '@microseg/messaging';
import { z } from 'zod';
import type { ServiceName } from './health.ts';

/**
 * Read caches that the gateway keeps of another service's answers, and how their owner keeps them
 * true. The owner tells every caching instance what changed (`invalidate`, a confirmed notice)
 * and waits for each instance it knows of to confirm before it acknowledges the change to its
 * caller; it knows them from their `presence`. An instance that does not confirm is waited out:
 * no entry lives longer than the `entryTtlMs` it announced, counted from before it asked.
 */
export const lookupCacheContracts = (cache: LookupCacheName) => ({
  invalidate: defineNotice({
    subject: `microseg.cache.v1.${cache}.invalidate`,
    // Entries are kept per scope (a group): a change in one group's data drops that group's entries.
    schema: z.object({ scope: z.string().min(1).max(200) }),
  }),
  presence: defineNotice({
    subject: `microseg.cache.v1.${cache}.presence`,
    schema: z.object({
      instance: z.string().min(1).max(200),
      /** The longest an entry of this instance lives, counted from when it asked the owner. */
      entryTtlMs: z.number().int().min(0).max(600_000),
      /** Sent once when the instance stops: it holds nothing any more. */
      leaving: z.boolean(),
    }),
  }),
});

/**
 * `image-lookups`: the gateway's `imageByLimsId` answers (a LIMS polls them), kept per group and
 * invalidated by the dataset service on every change to that group's images, masks or datasets.
 */
export const LOOKUP_CACHES = ['image-lookups'] as const;
export type LookupCacheName = (typeof LOOKUP_CACHES)[number];

/** The service whose data each cache holds: the only one that may invalidate it. */
export const LOOKUP_CACHE_OWNERS: Readonly<Record<LookupCacheName, ServiceName>> = { 'image-lookups': 'dataset' };

/** How often a caching instance announces itself. */
export const LOOKUP_CACHE_PRESENCE_INTERVAL_MS = 1_000;
