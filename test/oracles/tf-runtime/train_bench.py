"""PyTorch side of `pnpm bench:train-cores`: the 256x256 train step of engine_bench.py's UNet (Adam, 0.7 BCE
+ 0.3 Dice) with torch.set_num_threads(N); every repeat's wall and CPU time (process_time, all threads).

Usage: /usr/bin/python3 test/oracles/tf-runtime/train_bench.py --encoder resnet18 --threads 2 --repeats 5
"""
import argparse
import json
import time

import torch

from engine_bench import UNet, dice_bce


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--encoder", default="resnet18")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = UNet(args.encoder).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    x = torch.rand(1, 3, 256, 256)
    t = (torch.rand(1, 1, 256, 256) > 0.5).float()

    def step():
        optimizer.zero_grad()
        dice_bce(model(x), t).backward()
        optimizer.step()

    step()
    runs = []
    for _ in range(args.repeats):
        w, c = time.perf_counter(), time.process_time()
        step()
        runs.append({"wall": (time.perf_counter() - w) * 1000, "cpu": (time.process_time() - c) * 1000})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "runs": runs}))


if __name__ == "__main__":
    main()
