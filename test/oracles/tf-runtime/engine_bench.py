"""PyTorch side of `pnpm bench:engine`: SMP's UNet (decoder_channels 256/128/64/32/16, nearest upsampling,
conv-BN-ReLU blocks, sigmoid head) on torchvision ResNet-18/50, timed on CPU like the TypeScript engine:
forward on a 512x512 tile, the paper's tiling of a 1024x1024 image (16 tiles of 512 at stride 256), and a
256x256 train step (Adam, 0.7 BCE + 0.3 Dice).

Usage: /usr/bin/python3 test/oracles/tf-runtime/engine_bench.py --encoders resnet18,resnet50 \
         --single-threads 1 --tiled-threads 2 --repeats 3   (prints one JSON object)
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def conv_bn_relu(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DecoderBlock(nn.Module):
    def __init__(self, cin, skip, cout):
        super().__init__()
        self.conv1 = conv_bn_relu(cin + skip, cout)
        self.conv2 = conv_bn_relu(cout, cout)

    def forward(self, x, skip=None):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        if skip is not None:
            x = torch.cat([x, skip], dim=1)
        return self.conv2(self.conv1(x))


class UNet(nn.Module):
    def __init__(self, encoder, classes=1):
        super().__init__()
        r = getattr(torchvision.models, encoder)(weights=None)
        self.stem = nn.Sequential(r.conv1, r.bn1, r.relu)
        self.pool = r.maxpool
        self.layers = nn.ModuleList([r.layer1, r.layer2, r.layer3, r.layer4])
        enc = [64, 64, 128, 256, 512] if encoder in ("resnet18", "resnet34") else [64, 256, 512, 1024, 2048]
        decoder = [256, 128, 64, 32, 16]
        head = enc[-1]
        ins = [head] + decoder[:-1]
        skips = list(reversed(enc[:-1])) + [0]
        self.blocks = nn.ModuleList([DecoderBlock(i, s, o) for i, s, o in zip(ins, skips, decoder)])
        self.head = nn.Conv2d(decoder[-1], classes, 3, padding=1)

    def forward(self, x):
        f1 = self.stem(x)
        f = [f1]
        y = self.pool(f1)
        for layer in self.layers:
            y = layer(y)
            f.append(y)
        x = f[-1]
        skips = list(reversed(f[:-1])) + [None]
        for block, skip in zip(self.blocks, skips):
            x = block(x, skip)
        return torch.sigmoid(self.head(x))


def best_of(fn, repeats, warm_up=True):
    """Fastest run by wall time, with its CPU time over all threads (process_time), in ms."""
    if warm_up:
        fn()
    best = None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        fn()
        run = {"wall": (time.perf_counter() - t) * 1000, "cpu": (time.process_time() - c) * 1000}
        if best is None or run["wall"] < best["wall"]:
            best = run
    return best


def tiled(model, image, tile=512, stride=256):
    h, w = image.shape
    margin = (tile - stride) // 2
    rows, cols = -(-h // stride), -(-w // stride)
    x = np.pad(image, margin, mode="reflect")
    x = np.pad(x, ((0, rows * stride + 2 * margin - x.shape[0]), (0, cols * stride + 2 * margin - x.shape[1])))
    x = torch.from_numpy(x)[None, None].repeat(1, 3, 1, 1)
    out = torch.zeros(1, 1, rows * stride, cols * stride)
    with torch.no_grad():
        for r in range(rows):
            for c in range(cols):
                p = model(x[:, :, r * stride : r * stride + tile, c * stride : c * stride + tile])
                out[:, :, r * stride : (r + 1) * stride, c * stride : (c + 1) * stride] = p[:, :, margin : margin + stride, margin : margin + stride]
    return out[:, :, :h, :w]


def dice_bce(p, t):
    bce = F.binary_cross_entropy(p, t)
    tp = (p * t).sum()
    dice = 1 - (2 * tp + 1) / (p.sum() + t.sum() + 1)
    return 0.7 * bce + 0.3 * dice


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--encoders", default="resnet18,resnet50")
    parser.add_argument("--single-threads", type=int, default=1)
    parser.add_argument("--tiled-threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.manual_seed(0)
    results = {}
    for encoder in args.encoders.split(","):
        model = UNet(encoder).eval()
        torch.set_num_threads(args.single_threads)
        tile = torch.rand(1, 3, 512, 512)
        with torch.no_grad():
            forward = best_of(lambda: model(tile), args.repeats)
        torch.set_num_threads(args.tiled_threads)
        image = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
        tiled_ms = best_of(lambda: tiled(model, image), max(1, args.repeats - 1), warm_up=False)
        torch.set_num_threads(args.single_threads)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
        x = torch.rand(1, 3, 256, 256)
        t = (torch.rand(1, 1, 256, 256) > 0.5).float()

        def step():
            optimizer.zero_grad()
            loss = dice_bce(model(x), t)
            loss.backward()
            optimizer.step()

        train = best_of(step, args.repeats)
        results[encoder] = {"forward512": forward, "tiled1024": tiled_ms, "train256": train}
    print(json.dumps({"torch": torch.__version__, "singleThreads": args.single_threads, "tiledThreads": args.tiled_threads, "results": results}))


if __name__ == "__main__":
    main()
