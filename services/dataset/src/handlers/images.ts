import { type PrincipalTokens, datasetContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import type { LookupInvalidator } from '@microseg/lookup-cache';
import { type IdempotencyRecords, type RequestServer, idempotent, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { ImageCatalog } from '../image-catalog.ts';
import type { ImageIngest } from '../image-ingest.ts';
import type { MaskIngest } from '../mask-ingest.ts';

export function serveImages(
  nc: NatsConnection,
  deps: {
    ingest: ImageIngest;
    masks: MaskIngest;
    catalog: ImageCatalog;
    idempotency: IdempotencyRecords;
    logger: Logger;
    principals: PrincipalTokens;
    /** The gateways' `imageByLimsId` answers: every change below is answered once they dropped the group's. */
    imageLookups: LookupInvalidator;
  },
): RequestServer[] {
  const { ingest, masks, catalog, idempotency, imageLookups } = deps;
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.createImageUpload, (input, { headers, principal }) => {
      return idempotent(idempotency, { headers, principal, operation: 'createImageUpload', input }, () => ingest.createUpload(principal, input));
    }, options),
    // Completion is idempotent by itself: a completed upload answers with its image.
    serveAuthenticated(nc, c.completeImageUpload, (input, { principal }) => imageLookups.after(principal.groupId, () => ingest.complete(principal, input)), options),
    serveAuthenticated(nc, c.createMaskUpload, (input, { headers, principal }) => {
      return idempotent(idempotency, { headers, principal, operation: 'createMaskUpload', input }, () => masks.createUpload(principal, input));
    }, options),
    serveAuthenticated(nc, c.completeMaskUpload, (input, { principal }) => imageLookups.after(principal.groupId, () => masks.complete(principal, input)), options),

    serveAuthenticated(nc, c.getImage, ({ id }, { principal }) => catalog.get(principal, id), options),
    serveAuthenticated(nc, c.getImages, async ({ ids }, { principal }) => ({ images: await catalog.getMany(principal, ids) }), options),
    serveAuthenticated(nc, c.findImageByLimsId, ({ limsId }, { principal }) => catalog.findByLimsId(principal, limsId), options),
    serveAuthenticated(nc, c.listImages, ({ datasetId, filter, ...page }, { principal }) =>
      catalog.list(principal, datasetId, page, filter), options),
    serveAuthenticated(nc, c.updateImage, ({ id, ...changes }, { principal }) =>
      imageLookups.after(principal.groupId, () => catalog.update(principal, id, changes)), options),
    serveAuthenticated(nc, c.deleteImage, ({ id }, { principal }) => imageLookups.after(principal.groupId, () => catalog.delete(principal, id)), options),
    serveAuthenticated(nc, c.downloadUrls, ({ imageIds, maskIds }, { principal }) =>
      catalog.downloadUrls(principal, imageIds, maskIds), options),

    serveAuthenticated(nc, c.listMasks, async ({ imageIds }, { principal }) => ({ masks: await catalog.masksOf(principal, imageIds) }), options),
    serveAuthenticated(nc, c.deleteMask, ({ id }, { principal }) => imageLookups.after(principal.groupId, () => catalog.deleteMask(principal, id)), options),
  ];
}
