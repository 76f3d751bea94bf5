// Compiles every workspace package's TypeScript (src/) to JavaScript (dist/), file for file, so
// that the container images run `node dist/main.js` instead of compiling with tsx at each start.
//
//   pnpm build                                  compile only; a checkout still runs src/ (pnpm start, tests)
//   node tools/build-dist.ts --exports-to-dist  (image builds only) also points each package's
//                                               exports at dist/, so `@microseg/x` resolves to JS
//
// File for file rather than one bundle per service: worker threads (tile and ONNX workers, the
// threaded-wasm pthread entry) and the training workers are started by path next to the module
// that starts them, and model workers import `@microseg/segmentation` by name; dist/ mirrors src/,
// so every such path and name resolves as it does from the sources. Transpiling each file alone is
// exact because the workspace compiles with isolatedModules and verbatimModuleSyntax; `pnpm run
// check` is where types are checked. Plain Node 22 runs this file (type stripping), so it uses
// only erasable TypeScript syntax.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';

type TypeScript = typeof import('typescript');

const ROOT = resolve(import.meta.dirname, '..');
const PACKAGE_GROUPS = ['libs', 'services'];
/** Test data beside the sources: nothing in an image reads it. */
const SKIPPED_DIRECTORIES = new Set(['fixtures', '__fixtures__', 'node_modules']);

interface PackageJson {
  name: string;
  exports?: Record<string, string>;
  bin?: Record<string, string>;
}

/** In an image build typescript is not a workspace dependency there: NODE_PATH names where it is. */
function loadTypeScript(): TypeScript {
  return createRequire(import.meta.url)('typescript') as TypeScript;
}

function workspacePackages(root: string): string[] {
  return PACKAGE_GROUPS.flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')) && existsSync(join(root, group, entry.name, 'src')))
      .map((entry) => join(root, group, entry.name)),
  );
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* sourceFiles(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}

/** `./src/a/b.ts` -> `./dist/a/b.js`; a plain-JS tsx launcher (`./src/bin/x.js`) -> its compiled entry. */
function distPath(sourcePath: string): string {
  return sourcePath.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '.js');
}

function compilePackage(ts: TypeScript, packageDir: string): number {
  const src = join(packageDir, 'src');
  const dist = join(packageDir, 'dist');
  // The console's vite build lives in dist/app: keep it, replace the rest.
  if (existsSync(dist)) {
    for (const entry of readdirSync(dist)) if (entry !== 'app') rmSync(join(dist, entry), { recursive: true, force: true });
  }
  let files = 0;
  for (const file of sourceFiles(src)) {
    const target = join(dist, relative(src, file));
    if (file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue;
    if (file.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          verbatimModuleSyntax: true,
          rewriteRelativeImportExtensions: true,
        },
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
      files++;
    } else if (file.endsWith('.js') && existsSync(file.replace(/\.js$/, '.ts'))) {
      // A launcher that registers tsx and imports its .ts twin: the compiled twin takes its place.
      continue;
    } else if (!basename(file).includes('.test.')) {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
  }
  return files;
}

function pointExportsAtDist(packageDir: string): void {
  const path = join(packageDir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
  const remap = (entries: Record<string, string> | undefined) =>
    entries && Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, distPath(value)]));
  const exports = remap(manifest.exports);
  const bin = remap(manifest.bin);
  writeFileSync(path, `${JSON.stringify({ ...manifest, ...(exports ? { exports } : {}), ...(bin ? { bin } : {}) }, null, 2)}\n`);
}

function main(): void {
  const exportsToDist = process.argv.includes('--exports-to-dist');
  const ts = loadTypeScript();
  const started = Date.now();
  let files = 0;
  const packages = workspacePackages(ROOT);
  for (const packageDir of packages) {
    files += compilePackage(ts, packageDir);
    if (exportsToDist) pointExportsAtDist(packageDir);
  }
  process.stdout.write(`compiled ${files} files of ${packages.length} packages to dist/ in ${Date.now() - started} ms${exportsToDist ? '; exports point at dist/' : ''}\n`);
}

main();
