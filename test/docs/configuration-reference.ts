/**
 * The configuration reference (docs/configuration.md) is generated from the zod schemas the
 * processes parse their environment with, so it cannot drift from the code: `pnpm render:config`
 * rewrites it, and configuration-reference.test.ts fails CI when it is stale.
 */
import { cliEnvironmentSchema } from '@microseg/cli';
import { type ConfigSection, commonServiceVariables, databaseVariables, objectStoreVariables, renderConfigReference } from '@microseg/config';
import { consoleConfigSchema } from '@microseg/console/config';
import { datasetConfigSchema } from '@microseg/dataset-service/config';
import { gatewayConfigSchema } from '@microseg/gateway/config';
import { identityConfigSchema } from '@microseg/identity-service/config';
import { inferenceConfigSchema } from '@microseg/inference-service/config';
import { localPlatformConfigSchema } from '@microseg/local-stack';
import { metrologyConfigSchema } from '@microseg/metrology-service/config';
import { trainingConfigSchema, workerConfigSchema } from '@microseg/training-service/config';

export const REFERENCE_PATH = new URL('../../docs/configuration.md', import.meta.url);

const every = { title: 'Every service', shape: commonServiceVariables };
const database = { title: 'Services with data', shape: databaseVariables };
const objectStore = { title: 'Services with objects', shape: objectStoreVariables };

export const configSections: readonly ConfigSection[] = [
  { ...every, readBy: 'gateway, identity, dataset, training (service and workers), inference and metrology' },
  { ...database, readBy: 'identity, dataset, training (service and workers), inference and metrology' },
  { ...objectStore, readBy: 'dataset, training (service and workers), inference and metrology' },
  { title: 'Gateway', readBy: 'the gateway (`services/gateway`)', shape: gatewayConfigSchema.shape, includes: [every] },
  { title: 'Identity', readBy: 'the identity service', shape: identityConfigSchema.shape, includes: [every, database] },
  { title: 'Dataset', readBy: 'the dataset service', shape: datasetConfigSchema.shape, includes: [every, database, objectStore] },
  { title: 'Training', readBy: 'the training service (the registry and job API)', shape: trainingConfigSchema.shape, includes: [every, database, objectStore] },
  { title: 'Training worker', readBy: 'the training workers (GPU pods; local worker processes)', shape: workerConfigSchema.shape, includes: [every, database, objectStore] },
  { title: 'Inference', readBy: 'the inference service (segmentations, automation pipeline, webhooks)', shape: inferenceConfigSchema.shape, includes: [every, database, objectStore] },
  { title: 'Metrology', readBy: 'the metrology service', shape: metrologyConfigSchema.shape, includes: [every, database, objectStore] },
  { title: 'Console', readBy: 'the web console server (`services/console`)', shape: consoleConfigSchema.shape },
  { title: 'Local platform', readBy: '`pnpm start`, which passes the right values on to every service it starts', shape: localPlatformConfigSchema.shape },
  { title: 'CLI', readBy: 'the `microseg` command', shape: cliEnvironmentSchema.shape },
];

const PREAMBLE = `
# Configuration reference

Generated from the zod schemas each process parses its environment with (\`pnpm render:config\`);
CI fails when this file and the code differ, so edit the schema's \`.describe(...)\`, not this file.
Each process reads its environment once at start; an invalid value stops it with exit code 78
and a message naming every wrong variable. \`pnpm start\` sets what a workstation needs (embedded
servers, NATS users, signing key); the Kubernetes manifests and the Helm chart set them in a cluster.
`;

export function renderConfigurationReference(): string {
  return renderConfigReference(configSections, PREAMBLE);
}
