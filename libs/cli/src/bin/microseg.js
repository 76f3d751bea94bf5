#!/usr/bin/env node
// A plain-JS launcher so `pnpm exec microseg` works without a build step: it registers tsx's
// loader, then runs the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./microseg.ts');
