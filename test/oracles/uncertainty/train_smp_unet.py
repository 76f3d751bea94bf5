"""A quickly trained model for `pnpm bench:uncertainty`: SMP's UNet-ResNet18 (test/oracles/segmentation's
smp_modules, the layout of the paper's checkpoints) trained from random init on a benchmark experiment
with fidelity_torch.py's augmentations and loss (0.7 BCE + 0.3 Dice on the softmax), saved as a
paper-style checkpoint that `microseg model import` reads. Not the paper's recipe: a larger learning
rate and a few minutes of CPU, so that the calibration check has a real, imperfect model to check.

Usage: /usr/bin/python3 test/oracles/uncertainty/train_smp_unet.py --data DIR --experiment Super1 \
         --steps 600 --crop 128 --depth 3 --decoder 64,32,16 --out MODEL.pth.tar [--threads 2]   (prints JSON lines)
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "segmentation"))
sys.path.insert(0, os.path.join(HERE, "..", "training"))
from smp_modules import build  # noqa: E402
from fidelity_torch import augment, dice_bce, load, to_input, to_targets  # noqa: E402



def save(model, path):
    model.eval()
    torch.save({"state_dict": model.state_dict(), "architecture": "unet", "encoder": "resnet18"}, path + ".part")
    os.replace(path + ".part", path)
    model.train()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--experiment", default="Super1")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--crop", type=int, default=128)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--decoder", default="64,32,16")
    parser.add_argument("--log-every", type=int, default=25)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    manifest = json.load(open(os.path.join(args.data, "manifest.json")))
    experiment = manifest["experiments"][args.experiment]
    material = experiment["material"]
    classes = len(manifest["materials"][material]["classes"])
    train = [load(args.data, material, n) for n in experiment["train"]]
    if material == "ebc":
        # The paper's EBC task is binary: the oxide layer (values 1 and 2) against the background.
        train = [(image, (mask > 0).astype(np.int64)) for image, mask in train]
        classes = 2

    decoder = tuple(int(c) for c in args.decoder.split(","))
    model = build("unet", "resnet18", classes=classes, decoder_channels=decoder, depth=args.depth)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, args.steps, eta_min=args.lr / 20)
    started = time.perf_counter()
    model.train()
    for step in range(1, args.steps + 1):
        batch = [augment(*train[rng.randrange(len(train))], args.crop, rng) for _ in range(args.batch)]
        x = torch.cat([to_input(image) for image, _ in batch])
        t = torch.cat([to_targets(mask, classes) for _, mask in batch])
        optimizer.zero_grad()
        loss = dice_bce(torch.softmax(model(x), dim=1), t)
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % args.log_every == 0 or step == args.steps:
            print(json.dumps({"step": step, "loss": loss.item(), "seconds": time.perf_counter() - started}), flush=True)
            # Saved as it goes: a run stopped early still leaves its latest network.
            save(model, args.out)
    save(model, args.out)
    print(json.dumps({"saved": args.out, "classes": classes, "encoderDepth": args.depth, "decoderChannels": list(decoder), "steps": args.steps}), flush=True)


if __name__ == "__main__":
    main()
