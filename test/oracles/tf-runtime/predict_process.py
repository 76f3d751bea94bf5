"""PyTorch side of `pnpm bench:predict`: what a user would run instead of `microseg predict`, as one process.

Loads SMP's UNet-ResNet18 (engine_bench.py's network) from a state_dict, reads an 8-bit grayscale PNG,
normalises it with ImageNet statistics (gray replicated to RGB), runs the paper's tiling (reflect-pad a
quarter tile, 512 px tiles at stride 256, keep each tile's centre) one tile at a time under no_grad,
thresholds the sigmoid at 0.5 and writes the mask PNG.

Usage: /usr/bin/python3 test/oracles/tf-runtime/predict_process.py --weights W.pt --image IMG.png --out MASK.png \
         --threads 2 [--save-weights]   (--save-weights: write a fresh network's state_dict to W.pt and exit)
"""
import argparse
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine_bench import UNet  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def tiled(model, x, tile=512, stride=256):
    """x: float32 [3, h, w], normalised; returns probabilities [h, w]."""
    _, h, w = x.shape
    margin = (tile - stride) // 2
    rows, cols = -(-h // stride), -(-w // stride)
    x = np.pad(x, ((0, 0), (margin, margin), (margin, margin)), mode="reflect")
    x = np.pad(x, ((0, 0), (0, rows * stride + 2 * margin - x.shape[1]), (0, cols * stride + 2 * margin - x.shape[2])))
    x = torch.from_numpy(x)[None]
    out = torch.zeros(rows * stride, cols * stride)
    with torch.no_grad():
        for r in range(rows):
            for c in range(cols):
                p = model(x[:, :, r * stride : r * stride + tile, c * stride : c * stride + tile])
                out[r * stride : (r + 1) * stride, c * stride : (c + 1) * stride] = p[0, 0, margin : margin + stride, margin : margin + stride]
    return out[:h, :w]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", required=True)
    parser.add_argument("--image")
    parser.add_argument("--out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--save-weights", action="store_true")
    args = parser.parse_args()
    if args.save_weights:
        torch.manual_seed(0)
        torch.save(UNet("resnet18").state_dict(), args.weights)
        return
    torch.set_num_threads(args.threads)
    model = UNet("resnet18")
    model.load_state_dict(torch.load(args.weights))
    model.eval()
    gray = np.asarray(Image.open(args.image).convert("L"), dtype=np.float32) / 255
    x = ((np.stack([gray] * 3, -1) - MEAN) / STD).transpose(2, 0, 1).astype(np.float32)
    mask = (tiled(model, np.ascontiguousarray(x)) > 0.5).numpy().astype(np.uint8)
    Image.fromarray(mask).save(args.out)


if __name__ == "__main__":
    main()
