"""Reference for @microseg/tf-runtime tiled inference: the paper's tiling written plainly with numpy
(normalise, reflect-pad a quarter tile, zero-pad to whole strides, keep each tile's centre) around small
PyTorch "networks" whose outputs depend on neighbours, so misplaced tiles or padding show up.

Usage: /usr/bin/python3 test/oracles/tf-runtime/tiling_oracle.py > libs/tf-runtime/src/inference/fixtures/tiling.json
"""
import json

import numpy as np
import torch
import torch.nn.functional as F

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def binary_net(x):
    """x [n,3,h,w] -> sigmoid(3x3 zero-padded mean of channel 0 + 0.5 * channel 1), one channel."""
    pooled = F.avg_pool2d(x[:, 0:1], 3, stride=1, padding=1, count_include_pad=True)
    return torch.sigmoid(pooled + 0.5 * x[:, 1:2])


def multiclass_net(x):
    """Three classes: softmax over (3x3 mean of ch0, ch1, -ch2)."""
    pooled = F.avg_pool2d(x[:, 0:1], 3, stride=1, padding=1, count_include_pad=True)
    return torch.softmax(torch.cat([pooled, x[:, 1:2], -x[:, 2:3]], 1), dim=1)


def tiled(image, levels, net, tile, stride):
    h, w = image.shape[:2]
    rgb = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
    x = (rgb.astype(np.float32) / (levels - 1) - MEAN) / STD
    margin = (tile - stride) // 2
    rows, cols = -(-h // stride), -(-w // stride)
    x = np.pad(x, ((margin, margin), (margin, margin), (0, 0)), mode="reflect")
    x = np.pad(x, ((0, rows * stride + 2 * margin - x.shape[0]), (0, cols * stride + 2 * margin - x.shape[1]), (0, 0)))
    out = None
    for r in range(rows):
        for c in range(cols):
            t = torch.from_numpy(np.ascontiguousarray(x[r * stride : r * stride + tile, c * stride : c * stride + tile]))
            p = net(t.permute(2, 0, 1)[None])[0].permute(1, 2, 0).numpy()
            if out is None:
                out = np.zeros((rows * stride, cols * stride, p.shape[2]), dtype=np.float32)
            out[r * stride : (r + 1) * stride, c * stride : (c + 1) * stride] = p[margin : margin + stride, margin : margin + stride]
    return out[:h, :w]


rng = np.random.default_rng(7)
cases = []
gray8 = rng.integers(0, 256, size=(23, 37), dtype=np.uint8)
cases.append({"name": "8-bit grayscale, binary, odd size", "net": "binary", "levels": 256, "image": gray8,
              "tile": 16, "stride": 8})
rgb16 = rng.integers(0, 65536, size=(11, 9, 3), dtype=np.uint16)
cases.append({"name": "16-bit RGB, 3 classes, smaller than a tile", "net": "multiclass", "levels": 65536, "image": rgb16,
              "tile": 32, "stride": 16})
out = []
for case in cases:
    image = case["image"]
    net = binary_net if case["net"] == "binary" else multiclass_net
    probabilities = tiled(image, case["levels"], net, case["tile"], case["stride"])
    out.append({
        "name": case["name"], "net": case["net"], "bitDepth": 8 if case["levels"] == 256 else 16,
        "width": image.shape[1], "height": image.shape[0], "channels": 1 if image.ndim == 2 else 3,
        "tile": case["tile"], "stride": case["stride"],
        "image": image.flatten().tolist(),
        "probabilities": [round(float(v), 7) for v in probabilities.flatten()],
    })
print(json.dumps(out))
