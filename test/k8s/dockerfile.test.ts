import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseImage, effectiveInstructions, readDockerfileStages } from './dockerfile-stages.ts';
import { OVERLAYS, ROOT, allContainers, render, workloads } from './rendered-overlays.ts';

const SERVICE_TARGETS = ['gateway', 'identity', 'dataset', 'metrology', 'inference', 'training', 'inference-gpu', 'training-gpu', 'console'];
const { stages } = readDockerfileStages();
const readJson = (path: string) => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8')) as Record<string, unknown>;

describe('Dockerfile', () => {
  it('has a target for every service image the manifests run', () => {
    const images = new Set(
      OVERLAYS.flatMap((overlay) => workloads(render(overlay)).flatMap(({ pod }) => allContainers(pod).map((c) => c.image)))
        .filter((image) => image.includes('microseg/'))
        .map((image) => image.replace(/^.*microseg\//, '').replace(/:.*$/, '')),
    );
    expect([...images].sort()).toEqual([...SERVICE_TARGETS].filter((t) => t !== 'inference-gpu').sort());
    for (const target of SERVICE_TARGETS) expect(stages.map((s) => s.name)).toContain(target);
  });

  it('pins every base image to an exact version, never latest', () => {
    for (const stage of stages) {
      const image = baseImage(stages, stage.name);
      expect(image, stage.name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(image, stage.name).not.toMatch(/:latest$/);
      // Node 22: the LTS line still supported (Node 20's ended in April 2026).
      if (image.startsWith('node:')) expect(image).toMatch(/^node:22\.\d+\.\d+-/);
    }
  });

  it('runs every service image as a non-root numeric user, from its service directory, with a health check', () => {
    for (const target of SERVICE_TARGETS) {
      const instructions = effectiveInstructions(stages, target);
      const users = instructions.filter((i) => i.keyword === 'USER');
      expect(users.at(-1)?.args, target).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      // USER last: nothing after it may need root.
      expect(stages.find((s) => s.name === target)!.instructions.at(-1)?.keyword, target).toBe('USER');
      expect(instructions.filter((i) => i.keyword === 'WORKDIR').at(-1)?.args, target).toBe(`/app/services/${target.replace(/-gpu$/, '')}`);
      const healthcheck = instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1)?.args ?? '';
      expect(healthcheck, target).toContain('/healthz');
      // Cheap and patient: a shell's /dev/tcp rather than a Node process per check (which outran a
      // 3 s timeout on a loaded machine), and seconds to answer.
      expect(healthcheck, target).toMatch(/CMD \["bash", "-c", "exec 3<>\/dev\/tcp\/127\.0\.0\.1\/\$HTTP_PORT /);
      expect(Number(/--timeout=(\d+)s/.exec(healthcheck)?.[1]), target).toBeGreaterThanOrEqual(5);
      // Compiled JavaScript (tools/build-dist.ts), not tsx compiling at every start.
      expect(instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args, target).toBe('["node", "dist/main.js"]');
      // Read-only root file system: whatever needs scratch space gets TMPDIR, an emptyDir in the manifests.
      expect(instructions.some((i) => i.keyword === 'ENV' && /TMPDIR=\/tmp/.test(i.args)), target).toBe(true);
    }
  });

  it('installs the pnpm version the workspace pins and deploys each service with only its production dependencies', () => {
    const packageManager = readJson('package.json').packageManager as string;
    const install = effectiveInstructions(stages, 'workspace').find((i) => i.keyword === 'RUN' && i.args.includes('pnpm@'));
    expect(install?.args).toContain(packageManager);
    for (const target of ['gateway', 'identity', 'dataset', 'metrology', 'inference', 'training', 'console']) {
      const deploy = stages.find((s) => s.name === `deploy-${target}`)!;
      const filter = /--config.inject-workspace-packages=true --filter (\S+) --prod --offline deploy \/out\/services\/(\S+)/.exec(deploy.instructions.map((i) => i.args).join('\n'));
      expect(filter?.[2], target).toBe(target);
      expect(readJson(`services/${target}/package.json`).name, target).toBe(filter?.[1]);
    }
  });

  it('compiles the workspace to JavaScript with the lockfile\'s TypeScript before the deploys, exports pointing at it', () => {
    const workspace = stages.find((s) => s.name === 'workspace')!.instructions.map((i) => i.args).join('\n');
    const typescript = /\n {2}typescript@(\d+\.\d+\.\d+):/.exec(readFileSync(resolve(ROOT, 'pnpm-lock.yaml'), 'utf8'))?.[1];
    expect(workspace).toContain(`typescript@${typescript}`);
    expect(workspace).toContain('node tools/build-dist.ts --exports-to-dist');
  });

  it('builds the GPU images on CUDA 11.2 + cuDNN 8 (libtensorflow 2.9.1) with tfjs-node-gpu of the workspace TensorFlow.js version', () => {
    const tfjsVersion = (readJson('libs/tf-runtime/package.json').dependencies as Record<string, string>)['@tensorflow/tfjs-core'];
    for (const target of ['training-gpu', 'inference-gpu']) {
      expect(baseImage(stages, target)).toMatch(/^nvidia\/cuda:11\.2\.\d+-cudnn8-runtime-/);
      const instructions = effectiveInstructions(stages, target);
      expect(instructions.find((i) => i.keyword === 'COPY' && i.args.includes('--from=tfjs-node-gpu'))).toBeDefined();
      expect(instructions.some((i) => i.keyword === 'ENV' && i.args.includes('CUDA_CACHE_PATH=/var/cache/cuda'))).toBe(true);
    }
    expect(stages.find((s) => s.name === 'tfjs-node-gpu')!.instructions.map((i) => i.args).join('\n')).toContain(`@tensorflow/tfjs-node-gpu@${tfjsVersion}`);
    // The default TF_BACKEND (tensorflow) installs tfjs-node; `wasm` installs nothing.
    expect(effectiveInstructions(stages, 'tfjs-node').map((i) => i.args).join('\n')).toContain(`@tensorflow/tfjs-node@${tfjsVersion}`);
  });

  it('builds the console with its dev dependencies in a stage of its own and ships only the built files and its server', () => {
    const build = stages.find((s) => s.name === 'build-console')!.instructions.map((i) => i.args).join('\n');
    expect(build).toContain('pnpm install --offline --frozen-lockfile --filter @microseg/console...');
    expect(build).toContain('pnpm --filter @microseg/console build');
    const vite = readFileSync(resolve(ROOT, 'services/console/vite.config.ts'), 'utf8');
    expect(vite).toContain("outDir: '../dist/app'");
    expect(stages.find((s) => s.name === 'deploy-console')!.instructions).toContainEqual({ keyword: 'COPY', args: '--from=build-console /src/services/console/dist/app /out/services/console/dist/app' });
    // The server's default dist/app (src/main.ts) is where the image puts the files.
    expect(readFileSync(resolve(ROOT, 'services/console/src/main.ts'), 'utf8')).toContain("resolve(import.meta.dirname, '..', 'dist', 'app')");
    // The inherited HEALTHCHECK asks HTTP_PORT: the console answers /healthz on its one port.
    const env = effectiveInstructions(stages, 'console').filter((i) => i.keyword === 'ENV').at(-1)?.args ?? '';
    expect(env).toMatch(/CONSOLE_PORT=4100/);
    expect(env).toMatch(/HTTP_PORT=4100/);
  });

  it('ships the GraphQL schema where the gateway reads it', () => {
    const gatewayServer = readFileSync(resolve(ROOT, 'services/gateway/src/gateway-server.ts'), 'utf8');
    expect(gatewayServer).toContain("new URL('../../../schema.graphql', import.meta.url)");
    expect(stages.find((s) => s.name === 'deploy-gateway')!.instructions.map((i) => i.args).join('\n')).toContain('cp schema.graphql /out/schema.graphql');
  });
});
