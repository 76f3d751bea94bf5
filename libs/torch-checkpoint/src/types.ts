/** The tensor element types a checkpoint may hold, named as torch names them. */
export type TorchDtype =
  | 'float32'
  | 'float64'
  | 'float16'
  | 'bfloat16'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool';

/**
 * One tensor as read from a checkpoint. `data` is always contiguous in torch's logical
 * (row-major) order: views with offsets or strides are materialised when read.
 * float16 and bfloat16 keep their raw bits in a Uint16Array (see `toFloat32`); bool is a
 * Uint8Array of 0/1.
 */
export interface TensorRecord {
  dtype: TorchDtype;
  shape: number[];
  data:
    | Float32Array
    | Float64Array
    | Int32Array
    | Int16Array
    | Int8Array
    | Uint8Array
    | BigInt64Array
    | Uint16Array;
}

/** Parameter and buffer names (without a DataParallel `module.` prefix) to tensors, in checkpoint order. */
export type StateDict = Map<string, TensorRecord>;

export interface Checkpoint {
  format: 'torch-zip' | 'torch-legacy' | 'safetensors';
  stateDict: StateDict;
  /** Plain values stored beside the state dict (e.g. `architecture`, `encoder`, `epoch`), or safetensors' `__metadata__`. */
  metadata: Record<string, unknown>;
}
