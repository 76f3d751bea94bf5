import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `pnpm --filter @microseg/console dev` serves the app with hot reload against a gateway on :4000.
export default defineConfig({
  root: 'app',
  plugins: [preact()],
  // dist/app: dist/ itself holds the server, compiled (tools/build-dist.ts) for the image.
  build: { outDir: '../dist/app', emptyOutDir: true },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } } },
});
