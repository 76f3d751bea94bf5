/**
 * The exported graphs are NCHW (ONNX's convention, and bioimage.io's `bcyx`); MicroSeg's tiles and
 * test vectors are NHWC (tfjs'). These convert a batch between the two.
 */
export function nhwcToNchw(data: Float32Array, [n, h, w, c]: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const plane = h! * w!;
  for (let b = 0; b < n!; b++) {
    const base = b * plane * c!;
    for (let i = 0; i < plane; i++) for (let k = 0; k < c!; k++) out[base + k * plane + i] = data[base + i * c! + k]!;
  }
  return out;
}

export function nchwToNhwc(data: Float32Array, [n, c, h, w]: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const plane = h! * w!;
  for (let b = 0; b < n!; b++) {
    const base = b * plane * c!;
    for (let k = 0; k < c!; k++) for (let i = 0; i < plane; i++) out[base + i * c! + k] = data[base + k * plane + i]!;
  }
  return out;
}
