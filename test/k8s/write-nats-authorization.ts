/**
 * Rewrites the cluster's NATS users (k8s/base/nats/nats-config.yaml's authorization.conf and the
 * chart's nats.config.merge users) from libs/contracts/src/nats-permissions.ts, which the k8s
 * tests keep them equal to: `pnpm render:nats` after changing who may publish what.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { platformNatsUsers } from '@microseg/contracts';
import { natsAuthorizationConf, passwordVariable } from './nats-authorization.ts';

const root = new URL('../../', import.meta.url);

function rewrite(path: string, pattern: RegExp, replacement: (match: string, head: string) => string): void {
  const file = new URL(path, root);
  const text = readFileSync(file, 'utf8');
  if (!pattern.test(text)) throw new Error(`${path}: the NATS users block was not found`);
  writeFileSync(file, text.replace(pattern, (match: string, head: string) => replacement(match, head)));
}

const indent = (text: string, spaces: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => spaces + line)
    .join('\n');

rewrite('k8s/base/nats/nats-config.yaml', /( {2}authorization\.conf: \|\n)(?: {4}.*\n)+/, (_: string, head: string) => `${head}${indent(natsAuthorizationConf(), '    ')}\n`);

const users = Object.entries(platformNatsUsers()).map(([user, permissions]) =>
  `        - ${JSON.stringify({ user, password: `<< $${passwordVariable(user)} >>`, ...(permissions ? { permissions } : {}) })}`,
);
rewrite('helm/microseg/values.yaml', /( {6}authorization:\n {8}users:\n)(?: {8}- .*\n)+/, (_: string, head: string) => `${head}${users.join('\n')}\n`);
