export type { Checkpoint, StateDict, TensorRecord, TorchDtype } from './types.ts';
export { readCheckpoint } from './read-checkpoint.ts';
export { toFloat32 } from './to-float32.ts';
export { writeSafetensors } from './safetensors.ts';
