"""EfficientNet-B0..B7 encoders in efficientnet-pytorch's (0.7.x) layout, as SMP's EfficientNetEncoder uses them.

efficientnet-pytorch is not installable here; this rebuilds its modules with the package's names
(_conv_stem, _bn0, _blocks.N._expand_conv/_bn0/_depthwise_conv/_bn1/_se_reduce/_se_expand/_project_conv/_bn2,
_conv_head, _bn1) and its Conv2dStaticSamePadding: TensorFlow 'same' padding computed once, at
construction, for the model's nominal image size (224 for B0 ... 600 for B7) and the stride-reduced
size at each block, then applied whatever the actual input size. Eval mode: drop connect is off.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

BLOCKS = [  # kernel, repeats, in, out, expand, stride, se_ratio (efficientnet-pytorch's block strings)
    (3, 1, 32, 16, 1, 1, 0.25), (3, 2, 16, 24, 6, 2, 0.25), (5, 2, 24, 40, 6, 2, 0.25),
    (3, 3, 40, 80, 6, 2, 0.25), (5, 3, 80, 112, 6, 1, 0.25), (5, 4, 112, 192, 6, 2, 0.25),
    (3, 1, 192, 320, 6, 1, 0.25),
]
PARAMS = {  # width, depth, resolution
    "efficientnet-b0": (1.0, 1.0, 224), "efficientnet-b1": (1.0, 1.1, 240),
    "efficientnet-b2": (1.1, 1.2, 260), "efficientnet-b3": (1.2, 1.4, 300),
    "efficientnet-b4": (1.4, 1.8, 380), "efficientnet-b5": (1.6, 2.2, 456),
    "efficientnet-b6": (1.8, 2.6, 528), "efficientnet-b7": (2.0, 3.1, 600),
}
SMP = {  # SMP's out_channels and stage_idxs (the block index after which stages 2, 3, 4 end)
    "efficientnet-b0": ((3, 32, 24, 40, 112, 320), (3, 5, 9)),
    "efficientnet-b1": ((3, 32, 24, 40, 112, 320), (5, 8, 16)),
    "efficientnet-b2": ((3, 32, 24, 48, 120, 352), (5, 8, 16)),
    "efficientnet-b3": ((3, 40, 32, 48, 136, 384), (5, 8, 18)),
    "efficientnet-b4": ((3, 48, 32, 56, 160, 448), (6, 10, 22)),
    "efficientnet-b5": ((3, 48, 40, 64, 176, 512), (8, 13, 27)),
    "efficientnet-b6": ((3, 56, 40, 72, 200, 576), (9, 15, 31)),
    "efficientnet-b7": ((3, 64, 48, 80, 224, 640), (11, 18, 38)),
}
BN_EPS = 1e-3
BN_MOMENTUM = 0.01


def round_filters(filters, width):
    filters *= width
    new = max(8, int(filters + 4) // 8 * 8)
    if new < 0.9 * filters:
        new += 8
    return int(new)


def round_repeats(repeats, depth):
    return int(math.ceil(depth * repeats))


def out_size(size, stride):
    return int(math.ceil(size / stride))


class Conv2dStaticSamePadding(nn.Conv2d):
    def __init__(self, cin, cout, kernel_size, image_size, stride=1, groups=1, bias=True):
        super().__init__(cin, cout, kernel_size, stride=stride, groups=groups, bias=bias)
        k, s = self.kernel_size[0], self.stride[0]
        pad = max((out_size(image_size, s) - 1) * s + (k - 1) * self.dilation[0] + 1 - image_size, 0)
        self.static_padding = nn.ZeroPad2d((pad // 2, pad - pad // 2, pad // 2, pad - pad // 2)) if pad > 0 else nn.Identity()

    def forward(self, x):
        return F.conv2d(self.static_padding(x), self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Swish(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(x)


class MBConvBlock(nn.Module):
    def __init__(self, kernel, cin, cout, expand, stride, se_ratio, image_size):
        super().__init__()
        self.expand, self.stride, self.cin, self.cout = expand, stride, cin, cout
        mid = cin * expand
        if expand != 1:
            self._expand_conv = Conv2dStaticSamePadding(cin, mid, 1, image_size, bias=False)
            self._bn0 = nn.BatchNorm2d(mid, momentum=BN_MOMENTUM, eps=BN_EPS)
        self._depthwise_conv = Conv2dStaticSamePadding(mid, mid, kernel, image_size, stride=stride, groups=mid, bias=False)
        self._bn1 = nn.BatchNorm2d(mid, momentum=BN_MOMENTUM, eps=BN_EPS)
        squeezed = max(1, int(cin * se_ratio))
        self._se_reduce = Conv2dStaticSamePadding(mid, squeezed, 1, 1)
        self._se_expand = Conv2dStaticSamePadding(squeezed, mid, 1, 1)
        self._project_conv = Conv2dStaticSamePadding(mid, cout, 1, out_size(image_size, stride), bias=False)
        self._bn2 = nn.BatchNorm2d(cout, momentum=BN_MOMENTUM, eps=BN_EPS)
        self._swish = Swish()

    def forward(self, inputs):
        x = inputs
        if self.expand != 1:
            x = self._swish(self._bn0(self._expand_conv(x)))
        x = self._swish(self._bn1(self._depthwise_conv(x)))
        s = self._se_expand(self._swish(self._se_reduce(F.adaptive_avg_pool2d(x, 1))))
        x = self._bn2(self._project_conv(torch.sigmoid(s) * x))
        if self.stride == 1 and self.cin == self.cout:
            x = x + inputs
        return x


class EfficientNetEncoder(nn.Module):
    def __init__(self, name, depth=5):
        super().__init__()
        width, depth_mult, image_size = PARAMS[name]
        self.out_channels, stage_idxs = SMP[name]
        self._depth = depth
        stem = round_filters(32, width)
        self._conv_stem = Conv2dStaticSamePadding(3, stem, 3, image_size, stride=2, bias=False)
        self._bn0 = nn.BatchNorm2d(stem, momentum=BN_MOMENTUM, eps=BN_EPS)
        size = out_size(image_size, 2)
        blocks = []
        for kernel, repeats, cin, cout, expand, stride, se in BLOCKS:
            cin, cout = round_filters(cin, width), round_filters(cout, width)
            blocks.append(MBConvBlock(kernel, cin, cout, expand, stride, se, size))
            size = out_size(size, stride)
            blocks += [MBConvBlock(kernel, cout, cout, expand, 1, se, size) for _ in range(round_repeats(repeats, depth_mult) - 1)]
        self._blocks = nn.ModuleList(blocks)
        head = round_filters(1280, width)
        self._conv_head = Conv2dStaticSamePadding(cout, head, 1, size, bias=False)
        self._bn1 = nn.BatchNorm2d(head, momentum=BN_MOMENTUM, eps=BN_EPS)
        self._swish = Swish()
        self._stage_idxs = list(stage_idxs) + [len(self._blocks)]

    def get_stages(self):
        i = [0] + self._stage_idxs
        return [nn.Identity(), nn.Sequential(self._conv_stem, self._bn0, self._swish)] + \
            [self._blocks[i[s]:i[s + 1]] for s in range(4)]

    def forward(self, x):
        features = []
        for stage in self.get_stages()[: self._depth + 1]:
            if isinstance(stage, nn.ModuleList):
                for block in stage:
                    x = block(x)
            else:
                x = stage(x)
            features.append(x)
        return features

    def make_dilated(self, stages):
        # SMP's replace_strides_with_dilation, including its removal of the static 'same' padding.
        s = self.get_stages()
        for index, dilation in stages.items():
            for mod in s[index].modules():
                if isinstance(mod, nn.Conv2d):
                    mod.stride = (1, 1)
                    mod.dilation = (dilation, dilation)
                    kh, _ = mod.kernel_size
                    mod.padding = ((kh // 2) * dilation, (kh // 2) * dilation)
                    if hasattr(mod, "static_padding"):
                        mod.static_padding = nn.Identity()


EFFICIENTNETS = {name: (lambda n: lambda depth: EfficientNetEncoder(n, depth))(name) for name in PARAMS}
