import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './src/backend/select-backend.ts';
await initBackend({ preferred: 'wasm' });
function time(name: string, flops: number, f: () => tf.Tensor) { for (let i = 0; i < 2; i++) tf.tidy(() => { f().dataSync(); }); const t = performance.now(); const n = 3; for (let i = 0; i < n; i++) tf.tidy(() => { f().dataSync(); }); const ms = (performance.now() - t) / n; console.log(name, ms.toFixed(1), 'ms', (flops / ms / 1e6).toFixed(1), 'GFLOPs'); }
for (const [s, c, st] of [[64, 128, 1], [128, 64, 2], [32,256,1]] as const) {
  const x = tf.randomNormal([1, s, s, c]) as tf.Tensor4D; const w = tf.randomNormal([3, 3, c, c]) as tf.Tensor4D;
  const o = s / st; const dy = tf.randomNormal([1, o, o, c]) as tf.Tensor4D;
  const F = 2 * o * o * c * c * 9;
  console.log(`-- ${s}x${s}x${c} stride ${st}`);
  time('conv fwd', F, () => tf.conv2d(x, w, st, 'same'));
  time('bwd input', F, () => tf.conv2dTranspose(dy, w, [1, s, s, c], st, 'same'));
  time('bwd filter', F, () => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: st, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, c, c] }) as tf.Tensor);
}
