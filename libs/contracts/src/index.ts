export * from './principal.ts';
export * from './visibility.ts';
export * from './pagination.ts';
export * from './health.ts';
export * from './identity.ts';
export * from './streams.ts';
export * from './dataset.ts';
