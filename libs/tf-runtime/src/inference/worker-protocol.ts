import type { SerializedError } from '@microseg/errors';
import type { BackendName } from '../backend/select-backend.ts';
import type { ModelSource } from './model-source.ts';

export interface WorkerInit {
  source: ModelSource;
  backend: BackendName;
}

/** Tiles [count,tile,tile,3]; the reply holds their kept centres [count,size,size,classes]. */
export interface TileRequest {
  type: 'tiles';
  id: number;
  data: Float32Array;
  count: number;
  tile: number;
  margin: number;
  size: number;
}

export type WorkerReply =
  | { type: 'ready'; backend: BackendName }
  | { type: 'centres'; id: number; data: Float32Array; classes: number }
  | { type: 'failed'; id: number | null; error: SerializedError };
