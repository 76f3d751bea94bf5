"""PyTorch side of `pnpm bench:fidelity`: the paper's recipe on a benchmark experiment with the same
policies as MicroSeg's training worker (not the same random stream): UNet-ResNet18 (SMP layout, from
engine_bench.py) with a softmax head from random init, Adam 2e-4 -> 1e-5 after `patience` epochs without a
better validation IoU, 0.7 BCE + 0.3 Dice over the batch, the paper's batch of 20 (a shuffled DataLoader
keeping the last short batch), random crops, flips, 90-degree rotations, brightness/gamma, contrast,
blur/sharpen with the paper's probabilities, ImageNet normalisation, the best validation epoch scored on test
with the paper's IoU (smp's IoU at 0.5 pooled over the one-hot channels, per image, mean over images).

Usage: /usr/bin/python3 test/oracles/training/fidelity_torch.py --data DIR --experiment Super1 \
         --epochs 3 --crop 256 --batch 20 --seed 42 --threads 1   (prints one JSON object)
"""
import argparse
import copy
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tf-runtime"))
from engine_bench import UNet  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


class SoftmaxUNet(UNet):
    """engine_bench's UNet with the multi-class head of the paper's code (softmax over classes)."""

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
        return torch.softmax(self.head(x), dim=1)


def load(data, material, name):
    image = np.asarray(Image.open(os.path.join(data, "images", material, name + ".png")), dtype=np.float32) / 255.0
    mask = np.asarray(Image.open(os.path.join(data, "masks", material, name + ".png")), dtype=np.int64)
    if image.ndim == 3:
        image = image[..., 0]
    return image, mask


def filter3x3(image, kernel):
    padded = np.pad(image, 1, mode="reflect")
    out = np.zeros_like(image)
    for dy in range(3):
        for dx in range(3):
            out += kernel[dy * 3 + dx] * padded[dy:dy + image.shape[0], dx:dx + image.shape[1]]
    return np.clip(out, 0, 1)


def augment(image, mask, crop, rng):
    h, w = image.shape
    if crop < h or crop < w:
        y, x = rng.randint(0, max(0, h - crop)), rng.randint(0, max(0, w - crop))
        image, mask = image[y:y + crop, x:x + crop], mask[y:y + crop, x:x + crop]
    if rng.random() < 0.5:
        image, mask = image[:, ::-1], mask[:, ::-1]
    if rng.random() < 0.5:
        image, mask = image[::-1], mask[::-1]
    turns = rng.randint(0, 3)
    image, mask = np.rot90(image, turns), np.rot90(mask, turns)
    image = np.ascontiguousarray(image)
    if rng.random() < 0.9:
        image = np.clip(image + rng.uniform(-0.2, 0.2), 0, 1) if rng.random() < 0.5 else image ** rng.uniform(0.8, 1.2)
    if rng.random() < 0.9:
        mean = image.mean()
        image = np.clip((image - mean) * rng.uniform(0.8, 1.2) + mean, 0, 1)
    if rng.random() < 0.9:
        if rng.random() < 0.5:
            image = filter3x3(image, [1 / 9] * 9)
        else:
            alpha, lightness = rng.uniform(0.2, 0.5), rng.uniform(0.5, 1.0)
            effect = [-1, -1, -1, -1, 8 + lightness, -1, -1, -1, -1]
            image = filter3x3(image, [(1 - alpha) * (1 if i == 4 else 0) + alpha * e for i, e in enumerate(effect)])
    return image.astype(np.float32), np.ascontiguousarray(mask)


def to_input(image):
    rgb = (np.repeat(image[..., None], 3, axis=2) - MEAN) / STD
    return torch.from_numpy(rgb.transpose(2, 0, 1).copy())[None]


def to_targets(mask, classes):
    return F.one_hot(torch.from_numpy(mask), classes).permute(2, 0, 1)[None].float()


def dice_bce(p, t):
    bce = F.binary_cross_entropy(p.clamp(1e-7, 1 - 1e-7), t)
    dice = 1 - (2 * (p * t).sum() + 1) / (p.sum() + t.sum() + 1)
    return 0.7 * bce + 0.3 * dice


def iou(model, items, classes):
    """The paper's IoU: smp.utils.functional.iou(threshold=0.5), one intersection and union over every
    channel, background included; per image, mean over images (as MicroSeg's evaluateSplit)."""
    model.eval()
    scores = []
    with torch.no_grad():
        for image, mask in items:
            p = (model(to_input(image)) > 0.5).float()
            t = to_targets(mask, classes)
            inter = (p * t).sum()
            union = p.sum() + t.sum() - inter
            scores.append(((inter + 1e-7) / (union + 1e-7)).item())
    model.train()
    return float(np.mean(scores))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--experiment", default="Super1")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--crop", type=int, default=256)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--patience", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    manifest = json.load(open(os.path.join(args.data, "manifest.json")))
    experiment = manifest["experiments"][args.experiment]
    material = experiment["material"]
    classes = len(manifest["materials"][material]["classes"])
    split = {s: [load(args.data, material, n) for n in experiment[s]] for s in ("train", "val", "test")}

    model = SoftmaxUNet("resnet18", classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    best, best_iou, best_epoch, stale, phase = None, None, None, 0, "main"
    epochs = []
    for epoch in range(1, args.epochs + 1):
        start, cpu_start = time.perf_counter(), time.process_time()
        order = list(range(len(split["train"])))
        rng.shuffle(order)
        losses = []
        for first in range(0, len(order), args.batch):
            batch = [augment(*split["train"][i], args.crop, rng) for i in order[first:first + args.batch]]
            optimizer.zero_grad()
            images = torch.cat([to_input(image) for image, _ in batch])
            targets = torch.cat([to_targets(mask, classes) for _, mask in batch])
            loss = dice_bce(model(images), targets)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        val = iou(model, split["val"], classes)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        if best_iou is None or val > best_iou:
            best, best_iou, best_epoch, stale = copy.deepcopy(model.state_dict()), val, epoch, 0
        else:
            stale += 1
        if phase == "main" and stale >= args.patience:
            phase, stale = "fine", 0
            for group in optimizer.param_groups:
                group["lr"] = 1e-5
        epochs.append({"epoch": epoch, "loss": float(np.mean(losses)), "valIou": val, "seconds": seconds, "cpuSeconds": cpu_seconds})
        if phase == "fine" and stale >= args.patience:
            break
    model.load_state_dict(best)
    print(json.dumps({
        "bestEpoch": best_epoch,
        "valIou": iou(model, split["val"], classes),
        "testIou": iou(model, split["test"], classes),
        "epochs": epochs,
        "threads": args.threads,
        "batch": args.batch,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
