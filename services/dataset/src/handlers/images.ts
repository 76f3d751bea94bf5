import { datasetContracts as c, requirePrincipal } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type IdempotencyRecords, type RequestServer, idempotent, serveRequests } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { ImageCatalog } from '../image-catalog.ts';
import type { ImageIngest } from '../image-ingest.ts';
import type { MaskIngest } from '../mask-ingest.ts';

export function serveImages(
  nc: NatsConnection,
  deps: { ingest: ImageIngest; masks: MaskIngest; catalog: ImageCatalog; idempotency: IdempotencyRecords; logger: Logger },
): RequestServer[] {
  const { ingest, masks, catalog, idempotency } = deps;
  const options = { logger: deps.logger };
  return [
    serveRequests(nc, c.createImageUpload, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'createImageUpload', input }, () => ingest.createUpload(principal, input));
    }, options),
    // Completion is idempotent by itself: a completed upload answers with its image.
    serveRequests(nc, c.completeImageUpload, (input, { headers }) => ingest.complete(requirePrincipal(headers), input), options),
    serveRequests(nc, c.createMaskUpload, (input, { headers }) => {
      const principal = requirePrincipal(headers);
      return idempotent(idempotency, { headers, principal, operation: 'createMaskUpload', input }, () => masks.createUpload(principal, input));
    }, options),
    serveRequests(nc, c.completeMaskUpload, (input, { headers }) => masks.complete(requirePrincipal(headers), input), options),

    serveRequests(nc, c.getImage, ({ id }, { headers }) => catalog.get(requirePrincipal(headers), id), options),
    serveRequests(nc, c.getImages, async ({ ids }, { headers }) => ({ images: await catalog.getMany(requirePrincipal(headers), ids) }), options),
    serveRequests(nc, c.findImageByLimsId, ({ limsId }, { headers }) => catalog.findByLimsId(requirePrincipal(headers), limsId), options),
    serveRequests(nc, c.listImages, ({ datasetId, filter, ...page }, { headers }) =>
      catalog.list(requirePrincipal(headers), datasetId, page, filter), options),
    serveRequests(nc, c.updateImage, ({ id, ...changes }, { headers }) => catalog.update(requirePrincipal(headers), id, changes), options),
    serveRequests(nc, c.deleteImage, ({ id }, { headers }) => catalog.delete(requirePrincipal(headers), id), options),
    serveRequests(nc, c.downloadUrls, ({ imageIds, maskIds }, { headers }) =>
      catalog.downloadUrls(requirePrincipal(headers), imageIds, maskIds), options),

    serveRequests(nc, c.listMasks, async ({ imageIds }, { headers }) => ({ masks: await catalog.masksOf(requirePrincipal(headers), imageIds) }), options),
    serveRequests(nc, c.deleteMask, ({ id }, { headers }) => catalog.deleteMask(requirePrincipal(headers), id), options),
  ];
}
