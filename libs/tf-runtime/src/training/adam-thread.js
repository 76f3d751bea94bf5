// Worker threads start without the parent's TypeScript loader: register tsx, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./adam-thread.ts');
