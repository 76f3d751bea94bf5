#!/usr/bin/python3
"""Writes small PyTorch checkpoints of every kind the TypeScript reader accepts or refuses,
with the values torch itself reads back, into libs/torch-checkpoint/src/__fixtures__.

Run with Debian's python3-torch: /usr/bin/python3 test/oracles/torch-checkpoint/make_fixtures.py
The outputs are committed so that CI checks the reader without Python.
"""
import argparse
import io
import json
import math
import os
import struct
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy
import torch
from torch import nn

OUT = Path(__file__).resolve().parents[3] / "libs" / "torch-checkpoint" / "src" / "__fixtures__"
torch.manual_seed(0)


def number(x):
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def expected_tensor(t):
    values = t.detach().reshape(-1)
    if t.dtype in (torch.float16, torch.bfloat16):
        values = values.float()
    if t.dtype == torch.bool:
        values = values.to(torch.uint8)
    return {
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "values": [number(v) for v in values.tolist()],
    }


def small_net():
    return nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Conv2d(2, 1, 1))


def write(name, obj, state_dict, metadata=None, **save_kwargs):
    torch.save(obj, OUT / name, **save_kwargs)
    expected = {
        "tensors": {k: expected_tensor(v) for k, v in state_dict.items()},
        "metadata": metadata or {},
    }
    (OUT / f"{name}.expected.json").write_text(json.dumps(expected, indent=1) + "\n")


def views():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    return OrderedDict(
        [
            ("base", base),
            ("transposed", base.t()),
            ("strided_slice", base[1:3, ::2]),
            ("row", base[2]),
            ("expanded", torch.tensor([1.5, -2.0]).reshape(2, 1).expand(2, 3)),
            ("float64", torch.tensor([[1e-300, -2.5], [math.pi, 1e300]], dtype=torch.float64)),
            ("int64", torch.tensor([-(2**40), 7, 2**53], dtype=torch.int64)),
            ("int32", torch.tensor([-5, 2**31 - 1], dtype=torch.int32)),
            ("int16", torch.tensor([-300, 300], dtype=torch.int16)),
            ("int8", torch.tensor([-128, 127], dtype=torch.int8)),
            ("uint8", torch.tensor([0, 255], dtype=torch.uint8)),
            ("bool", torch.tensor([True, False, True])),
            ("scalar", torch.tensor(3.25)),
            ("empty", torch.zeros(0, 3)),
        ]
    )


def half_precision():
    specials = [0.0, -0.0, 1.0, -2.5, 65504.0, 6.1e-5, 5.96e-8, 1e-7, float("inf"), float("-inf"), float("nan"), 0.1]
    return OrderedDict(
        [
            ("half", torch.tensor(specials, dtype=torch.float16)),
            ("bf16", torch.tensor(specials + [3.0e38, 1e-40], dtype=torch.bfloat16)),
            ("half_matrix", torch.randn(3, 4).half()),
            ("half_view", torch.randn(4, 3).half().t()),
        ]
    )


class Shell:
    """Pickles to `os.system('echo pwned')` when loaded: what a hostile checkpoint looks like."""

    def __reduce__(self):
        return (os.system, ("echo pwned",))


def write_safetensors(name, tensors, metadata):
    """The safetensors layout written by hand (Debian has no safetensors package)."""
    codes = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.bfloat16: "BF16"}
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for key, t in tensors.items():
        raw = t.contiguous().view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[key] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    (OUT / name).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    stripped = {k.removeprefix("module."): expected_tensor(v) for k, v in tensors.items()}
    expected = {"tensors": stripped, "metadata": metadata}
    (OUT / f"{name}.expected.json").write_text(json.dumps(expected, indent=1) + "\n")


def big_endian_copy(source, name):
    """torch on a big-endian machine: same pickle, byteorder 'big', every storage byte-swapped."""
    with zipfile.ZipFile(OUT / source) as zin, zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if "/data/" in info.filename:
                data = b"".join(data[i : i + 4][::-1] for i in range(0, len(data), 4))
            zout.writestr(info.filename, data)
        zout.writestr(zin.namelist()[0].replace("data.pkl", "byteorder"), b"big")
    (OUT / f"{name}.expected.json").write_text((OUT / f"{source}.expected.json").read_text())


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    net = small_net()
    net[1].running_mean.uniform_()
    sd = net.state_dict()
    write("plain-state-dict.pth", sd, sd)
    buffer = io.BytesIO()
    torch.save(sd, buffer)
    (OUT / "buffer-prefix.pth").write_bytes(buffer.getvalue())
    (OUT / "buffer-prefix.pth.expected.json").write_text((OUT / "plain-state-dict.pth.expected.json").read_text())

    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    net(torch.randn(1, 1, 5, 5)).sum().backward()
    optimizer.step()
    meta = {"architecture": "Unet", "encoder": "resnet18", "epoch": 3, "losses": [0.5, 0.25], "best": None}
    training = dict(meta, model_state_dict=sd, optimizer_state_dict=optimizer.state_dict())
    training["args"] = argparse.Namespace(lr=0.001, classes=["pore", "matrix"])
    training["best_iou"] = numpy.float64(0.75)
    training["steps"] = [numpy.int64(-3), numpy.float32(1.5), numpy.bool_(True)]
    plain = dict(meta, args={"lr": 0.001, "classes": ["pore", "matrix"]}, best_iou=0.75, steps=[-3, 1.5, True])
    write("training-checkpoint.pth.tar", training, sd, plain)

    parallel = nn.DataParallel(small_net())
    write("data-parallel.pth", {"state_dict": parallel.state_dict(), "arch": "unet"}, parallel.module.state_dict(), {"arch": "unet"})

    write("views.pth", views(), views())
    halves = half_precision()
    write("half-precision.pth", halves, halves)
    write("legacy-views.pth", views(), views(), _use_new_zipfile_serialization=False)
    write("legacy-state-dict.pth", {"net": sd, "encoder": "resnet18"}, sd, {"encoder": "resnet18"}, _use_new_zipfile_serialization=False)


    floats = OrderedDict([("weight", torch.randn(2, 3)), ("bias", torch.randn(3)[::2])])
    write("float32-only.pth", floats, floats)
    big_endian_copy("float32-only.pth", "big-endian.pth")
    write_safetensors(
        "weights.safetensors",
        OrderedDict([("module.w", torch.randn(2, 3)), ("module.h", torch.randn(3).half()), ("module.n", torch.tensor([4]))]),
        {"architecture": "FPN"},
    )

    torch.save({"state_dict": sd, "hook": Shell()}, OUT / "malicious-os-system.pth")
    torch.save(small_net(), OUT / "whole-module.pth")


if __name__ == "__main__":
    main()
