"""Reference values for @microseg/tf-runtime losses and metrics, computed with PyTorch the way the paper's
code does (torch.nn.BCELoss, segmentation_models_pytorch's f_score(eps=1) and IoU(threshold=0.5)).

Usage: /usr/bin/python3 test/oracles/tf-runtime/losses_oracle.py > libs/tf-runtime/src/losses/fixtures/losses.json
"""
import json

import torch

torch.manual_seed(4)


def f_score(pr, gt, beta=1.0, eps=1.0):
    tp = torch.sum(gt * pr)
    fp = torch.sum(pr) - tp
    fn = torch.sum(gt) - tp
    return ((1 + beta**2) * tp + eps) / ((1 + beta**2) * tp + beta**2 * fn + fp + eps)


def iou_per_class(pr, gt, threshold=0.5, eps=1e-7):
    pr = (pr > threshold).to(pr.dtype)
    scores = []
    for c in range(pr.shape[-1]):
        inter = torch.sum(gt[..., c] * pr[..., c])
        union = torch.sum(gt[..., c]) + torch.sum(pr[..., c]) - inter + eps
        scores.append(float((inter + eps) / union))
    return scores


def smp_iou(pr, gt, eps=1e-7, threshold=0.5):
    """segmentation_models_pytorch.utils.functional.iou as smp 0.2/0.3 ship it (what the paper's
    pretrained-microscopy-models reports): threshold every channel, then one intersection and one union
    summed over all of them, background included, no ignored channels."""
    pr = (pr > threshold).type(pr.dtype)
    intersection = torch.sum(gt * pr)
    union = torch.sum(gt) + torch.sum(pr) - intersection + eps
    return float((intersection + eps) / union)


def case(name, probabilities, targets):
    bce = torch.nn.BCELoss(reduction="mean")(probabilities, targets)
    dice = 1 - f_score(probabilities, targets)
    return {
        "name": name,
        "shape": list(probabilities.shape),
        "probabilities": probabilities.flatten().tolist(),
        "targets": targets.flatten().tolist(),
        "bce": float(bce),
        "dice": float(dice),
        "diceBce": float(0.7 * bce + 0.3 * dice),
        "iouPerClass": iou_per_class(probabilities, targets),
        "paperIou": smp_iou(probabilities, targets),
    }


# Binary: one sigmoid channel (NHWC, as the TypeScript side holds it).
binary_p = torch.sigmoid(torch.randn(1, 6, 5, 1) * 2)
binary_t = (torch.rand(1, 6, 5, 1) > 0.6).float()

# Multi-class: softmax over 3 channels incl. background, one-hot targets.
multi_p = torch.softmax(torch.randn(1, 6, 5, 3) * 2, dim=-1)
labels = torch.randint(0, 3, (1, 6, 5))
multi_t = torch.nn.functional.one_hot(labels, 3).float()

print(json.dumps([case("binary", binary_p, binary_t), case("multiclass", multi_p, multi_t)], indent=1))
