import { type PrincipalTokens, deepZoomContracts as c } from '@microseg/contracts';
import type { Logger } from '@microseg/logging';
import { type RequestServer, serveAuthenticated } from '@microseg/messaging';
import type { NatsConnection } from 'nats';
import type { DeepZoomTiles } from '../deep-zoom-tiles.ts';

export function serveDeepZoom(nc: NatsConnection, deps: { tiles: DeepZoomTiles; logger: Logger; principals: PrincipalTokens }): RequestServer[] {
  const options = { logger: deps.logger, verifier: deps.principals };
  return [
    serveAuthenticated(nc, c.describe, (layer, { principal }) => deps.tiles.describe(principal, layer), options),
    serveAuthenticated(nc, c.tiles, (request, { principal }) => deps.tiles.tileUrls(principal, request), options),
  ];
}
