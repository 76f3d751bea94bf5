"""Parity oracle: SMP-equivalent PyTorch models and their outputs on a fixed input.

  synthetic  weights from synthetic_weights.py; writes only the logits (committed CI fixtures)
  checkpoint random weights and BN statistics saved with torch.save, plus input and logits

Cases are ARCH:ENCODER[:CLASSES[:SIZE[:DECODER_CHANNELS]]], decoder channels as 16-8-8-8-8.
Logits and inputs are written NHWC float32 little-endian, as the TypeScript side reads them.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smp_modules import build  # noqa: E402
from synthetic_weights import synthetic_input, synthetic_tensor  # noqa: E402


def parse_case(text):
    parts = text.split(":")
    case = {"architecture": parts[0], "encoder": parts[1], "classes": 1, "size": 64}
    if len(parts) > 2 and parts[2]:
        case["classes"] = int(parts[2])
    if len(parts) > 3 and parts[3]:
        case["size"] = int(parts[3])
    if len(parts) > 4 and parts[4]:
        case["decoderChannels"] = [int(c) for c in parts[4].split("-")]
    return case


def case_id(case):
    extra = "-dc" + "_".join(map(str, case["decoderChannels"])) if "decoderChannels" in case else ""
    return f"{case['architecture']}-{case['encoder']}-c{case['classes']}-s{case['size']}{extra}"


def make_model(case):
    kwargs = {"classes": case["classes"]}
    if "decoderChannels" in case:
        kwargs["decoder_channels"] = tuple(case["decoderChannels"])
    return build(case["architecture"], case["encoder"], **kwargs).eval()


def nhwc(t):
    return t.detach().permute(0, 2, 3, 1).contiguous().numpy().astype("<f4")


def run_synthetic(case, out_dir):
    model = make_model(case)
    state = model.state_dict()
    for key, value in state.items():
        if value.dtype.is_floating_point:
            state[key] = torch.from_numpy(synthetic_tensor(key, list(value.shape)))
    model.load_state_dict(state)
    x = torch.from_numpy(synthetic_input([1, 3, case["size"], case["size"]]))
    with torch.no_grad():
        logits = model(x)
    name = case_id(case)
    nhwc(logits).tofile(os.path.join(out_dir, f"{name}.logits.bin"))
    return {**case, "id": name, "logitsShape": list(nhwc(logits).shape), "maxAbs": float(logits.abs().max())}


def run_checkpoint(case, out_dir, seed):
    torch.manual_seed(seed)
    model = make_model(case)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
                module.weight.uniform_(0.3, 0.7)
                module.bias.uniform_(-0.2, 0.2)
    x = torch.randn(1, 3, case["size"], case["size"])
    with torch.no_grad():
        logits = model(x)
    name = case_id(case)
    # The paper's training checkpoints carry the architecture and encoder beside the weights.
    torch.save({"state_dict": model.state_dict(), "architecture": case["architecture"], "encoder": case["encoder"]},
               os.path.join(out_dir, f"{name}.pth.tar"))
    nhwc(x).tofile(os.path.join(out_dir, f"{name}.input.bin"))
    nhwc(logits).tofile(os.path.join(out_dir, f"{name}.logits.bin"))
    return {**case, "id": name, "inputShape": list(nhwc(x).shape), "logitsShape": list(nhwc(logits).shape),
            "maxAbs": float(logits.abs().max())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["synthetic", "checkpoint"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {"cases": []}
    for text in args.cases:
        case = parse_case(text)
        entry = run_synthetic(case, args.out) if args.mode == "synthetic" else run_checkpoint(case, args.out, args.seed)
        manifest["cases"] = [c for c in manifest["cases"] if c["id"] != entry["id"]] + [entry]
        print(json.dumps(entry), flush=True)
    manifest["cases"].sort(key=lambda c: c["id"])
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
