"""Deterministic weights keyed by PyTorch state_dict names.

The same formula lives in libs/segmentation/src/testing/synthetic-state-dict.ts, so CI can
check parity for every encoder without committing weight files: only outputs are committed.
Element i of tensor `name` is a 32-bit hash of (fnv1a(name), i) mapped to a range that keeps
activations of deep random networks in a sensible range.
"""
import math

import numpy as np

M32 = 0xFFFFFFFF


def fnv1a(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & M32
    return h


def uniform(name, count):
    i = np.arange(count, dtype=np.uint64)
    x = (np.uint64(fnv1a(name)) + i * np.uint64(0x9E3779B9)) & np.uint64(M32)
    x ^= x >> np.uint64(16)
    x = (x * np.uint64(0x7FEB352D)) & np.uint64(M32)
    x ^= x >> np.uint64(15)
    x = (x * np.uint64(0x846CA68B)) & np.uint64(M32)
    x ^= x >> np.uint64(16)
    return x.astype(np.float64) / 4294967296.0


def synthetic_tensor(name, shape):
    count = int(np.prod(shape)) if len(shape) else 1
    u = uniform(name, count)
    if len(shape) >= 2:
        fan_in = int(np.prod(shape[1:]))
        a = math.sqrt(6.0 / fan_in)
        v = (2.0 * u - 1.0) * a
    elif name.endswith("running_var"):
        v = 0.5 + u
    elif name.endswith("running_mean") or name.endswith("bias"):
        v = (2.0 * u - 1.0) * 0.2
    else:
        v = 0.6 + 0.2 * u
    return v.astype(np.float32).reshape(shape)


def synthetic_input(shape):
    """NCHW image-like input in [-2, 2] (about ImageNet-normalised range)."""
    return ((2.0 * uniform("input", int(np.prod(shape))) - 1.0) * 2.0).astype(np.float32).reshape(shape)
