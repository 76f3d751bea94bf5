"""Xception, Inception-v4 and DPN-68/92 encoders in pretrainedmodels' layout, as SMP uses them.

pretrainedmodels is not installable here; this rebuilds its modules with the package's names and
SMP's changes: Xception's conv1/conv2 padded by 1; Inception-v4's 3x3 convs and max pools padded
by 1; DPN's stages cut at stage_idxs, with ReLU(cat(residual, dense)) as the skip feature.
Xception and Inception-v4 have no dilated mode in SMP; DPN has the generic one.
"""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


def replace_strides_with_dilation(module, dilation):
    for mod in module.modules():
        if isinstance(mod, nn.Conv2d):
            mod.stride = (1, 1)
            mod.dilation = (dilation, dilation)
            kh, _ = mod.kernel_size
            mod.padding = ((kh // 2) * dilation, (kh // 2) * dilation)


def no_dilation(self, stages):
    raise ValueError(f"{type(self).__name__} does not support dilated mode")


def run_stages(stages, x, depth):
    features = []
    for stage in stages[: depth + 1]:
        x = stage(x)
        features.append(F.relu(torch.cat(x, dim=1)) if isinstance(x, tuple) else x)
    return features


# ---------------------------------------------------------------- Xception


class SeparableConv2d(nn.Module):
    def __init__(self, cin, cout, kernel_size=1, stride=1, padding=0, bias=False):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cin, kernel_size, stride, padding, groups=cin, bias=bias)
        self.pointwise = nn.Conv2d(cin, cout, 1, bias=bias)

    def forward(self, x):
        return self.pointwise(self.conv1(x))


class XceptionBlock(nn.Module):
    def __init__(self, cin, cout, reps, strides=1, start_with_relu=True, grow_first=True):
        super().__init__()
        if cout != cin or strides != 1:
            self.skip = nn.Conv2d(cin, cout, 1, stride=strides, bias=False)
            self.skipbn = nn.BatchNorm2d(cout)
        else:
            self.skip = None
        rep = []
        filters = cin
        if grow_first:
            rep += [nn.ReLU(), SeparableConv2d(cin, cout, 3, 1, 1), nn.BatchNorm2d(cout)]
            filters = cout
        for _ in range(reps - 1):
            rep += [nn.ReLU(), SeparableConv2d(filters, filters, 3, 1, 1), nn.BatchNorm2d(filters)]
        if not grow_first:
            rep += [nn.ReLU(), SeparableConv2d(cin, cout, 3, 1, 1), nn.BatchNorm2d(cout)]
        if not start_with_relu:
            rep = rep[1:]
        if strides != 1:
            rep.append(nn.MaxPool2d(3, strides, 1))
        self.rep = nn.Sequential(*rep)

    def forward(self, inp):
        skip = self.skipbn(self.skip(inp)) if self.skip is not None else inp
        return self.rep(inp) + skip


class XceptionEncoder(nn.Module):
    def __init__(self, depth=5):
        super().__init__()
        self.out_channels = (3, 64, 128, 256, 728, 2048)
        self._depth = depth
        self.conv1 = nn.Conv2d(3, 32, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(64)
        self.block1 = XceptionBlock(64, 128, 2, 2, start_with_relu=False)
        self.block2 = XceptionBlock(128, 256, 2, 2)
        self.block3 = XceptionBlock(256, 728, 2, 2)
        for i in range(4, 12):
            setattr(self, f"block{i}", XceptionBlock(728, 728, 3, 1))
        self.block12 = XceptionBlock(728, 1024, 2, 2, grow_first=False)
        self.conv3 = SeparableConv2d(1024, 1536, 3, 1, 1)
        self.bn3 = nn.BatchNorm2d(1536)
        self.conv4 = SeparableConv2d(1536, 2048, 3, 1, 1)
        self.bn4 = nn.BatchNorm2d(2048)

    def forward(self, x):
        b = [getattr(self, f"block{i}") for i in range(1, 13)]
        stages = [nn.Identity(), nn.Sequential(self.conv1, self.bn1, nn.ReLU(), self.conv2, self.bn2, nn.ReLU()),
                  b[0], b[1], nn.Sequential(*b[2:11]),
                  nn.Sequential(b[11], self.conv3, self.bn3, nn.ReLU(), self.conv4, self.bn4)]
        return run_stages(stages, x, self._depth)

    make_dilated = no_dilation


# ---------------------------------------------------------------- Inception-v4


class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, kernel_size, stride=1, padding=0):
        super().__init__()
        # SMP pads every 3x3 conv by 1.
        if kernel_size in (3, (3, 3)):
            padding = 1
        self.conv = nn.Conv2d(cin, cout, kernel_size, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


def pool3():
    return nn.MaxPool2d(3, stride=2, padding=1)


def avg3():
    return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)


class Branches(nn.Module):
    def forward(self, x):
        return torch.cat([getattr(self, n)(x) for n in self.order], 1)


class Mixed_3a(Branches):
    order = ("maxpool", "conv")

    def __init__(self):
        super().__init__()
        self.maxpool = pool3()
        self.conv = BasicConv2d(64, 96, 3, stride=2)


class Mixed_4a(Branches):
    order = ("branch0", "branch1")

    def __init__(self):
        super().__init__()
        self.branch0 = nn.Sequential(BasicConv2d(160, 64, 1), BasicConv2d(64, 96, 3))
        self.branch1 = nn.Sequential(BasicConv2d(160, 64, 1), BasicConv2d(64, 64, (1, 7), padding=(0, 3)),
                                     BasicConv2d(64, 64, (7, 1), padding=(3, 0)), BasicConv2d(64, 96, (3, 3)))


class Mixed_5a(Branches):
    order = ("conv", "maxpool")

    def __init__(self):
        super().__init__()
        self.conv = BasicConv2d(192, 192, 3, stride=2)
        self.maxpool = pool3()


class Inception_A(Branches):
    order = ("branch0", "branch1", "branch2", "branch3")

    def __init__(self):
        super().__init__()
        self.branch0 = BasicConv2d(384, 96, 1)
        self.branch1 = nn.Sequential(BasicConv2d(384, 64, 1), BasicConv2d(64, 96, 3))
        self.branch2 = nn.Sequential(BasicConv2d(384, 64, 1), BasicConv2d(64, 96, 3), BasicConv2d(96, 96, 3))
        self.branch3 = nn.Sequential(avg3(), BasicConv2d(384, 96, 1))


class Reduction_A(Branches):
    order = ("branch0", "branch1", "branch2")

    def __init__(self):
        super().__init__()
        self.branch0 = BasicConv2d(384, 384, 3, stride=2)
        self.branch1 = nn.Sequential(BasicConv2d(384, 192, 1), BasicConv2d(192, 224, 3), BasicConv2d(224, 256, 3, stride=2))
        self.branch2 = pool3()


class Inception_B(Branches):
    order = ("branch0", "branch1", "branch2", "branch3")

    def __init__(self):
        super().__init__()
        self.branch0 = BasicConv2d(1024, 384, 1)
        self.branch1 = nn.Sequential(BasicConv2d(1024, 192, 1), BasicConv2d(192, 224, (1, 7), padding=(0, 3)),
                                     BasicConv2d(224, 256, (7, 1), padding=(3, 0)))
        self.branch2 = nn.Sequential(BasicConv2d(1024, 192, 1), BasicConv2d(192, 192, (7, 1), padding=(3, 0)),
                                     BasicConv2d(192, 224, (1, 7), padding=(0, 3)), BasicConv2d(224, 224, (7, 1), padding=(3, 0)),
                                     BasicConv2d(224, 256, (1, 7), padding=(0, 3)))
        self.branch3 = nn.Sequential(avg3(), BasicConv2d(1024, 128, 1))


class Reduction_B(Branches):
    order = ("branch0", "branch1", "branch2")

    def __init__(self):
        super().__init__()
        self.branch0 = nn.Sequential(BasicConv2d(1024, 192, 1), BasicConv2d(192, 192, 3, stride=2))
        self.branch1 = nn.Sequential(BasicConv2d(1024, 256, 1), BasicConv2d(256, 256, (1, 7), padding=(0, 3)),
                                     BasicConv2d(256, 320, (7, 1), padding=(3, 0)), BasicConv2d(320, 320, 3, stride=2))
        self.branch2 = pool3()


class Inception_C(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch0 = BasicConv2d(1536, 256, 1)
        self.branch1_0 = BasicConv2d(1536, 384, 1)
        self.branch1_1a = BasicConv2d(384, 256, (1, 3), padding=(0, 1))
        self.branch1_1b = BasicConv2d(384, 256, (3, 1), padding=(1, 0))
        self.branch2_0 = BasicConv2d(1536, 384, 1)
        self.branch2_1 = BasicConv2d(384, 448, (3, 1), padding=(1, 0))
        self.branch2_2 = BasicConv2d(448, 512, (1, 3), padding=(0, 1))
        self.branch2_3a = BasicConv2d(512, 256, (1, 3), padding=(0, 1))
        self.branch2_3b = BasicConv2d(512, 256, (3, 1), padding=(1, 0))
        self.branch3 = nn.Sequential(avg3(), BasicConv2d(1536, 256, 1))

    def forward(self, x):
        x1 = self.branch1_0(x)
        x2 = self.branch2_2(self.branch2_1(self.branch2_0(x)))
        return torch.cat([self.branch0(x), self.branch1_1a(x1), self.branch1_1b(x1),
                          self.branch2_3a(x2), self.branch2_3b(x2), self.branch3(x)], 1)


class InceptionV4Encoder(nn.Module):
    def __init__(self, depth=5):
        super().__init__()
        self.out_channels = (3, 64, 192, 384, 1024, 1536)
        self._depth = depth
        self.features = nn.Sequential(
            BasicConv2d(3, 32, 3, stride=2), BasicConv2d(32, 32, 3), BasicConv2d(32, 64, 3),
            Mixed_3a(), Mixed_4a(), Mixed_5a(), *[Inception_A() for _ in range(4)], Reduction_A(),
            *[Inception_B() for _ in range(7)], Reduction_B(), *[Inception_C() for _ in range(3)])

    def forward(self, x):
        f, i = self.features, (3, 5, 9, 15)
        stages = [nn.Identity(), f[: i[0]], f[i[0]: i[1]], f[i[1]: i[2]], f[i[2]: i[3]], f[i[3]:]]
        return run_stages(stages, x, self._depth)

    make_dilated = no_dilation


# ---------------------------------------------------------------- DPN


class CatBnAct(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin, eps=0.001)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.bn(torch.cat(x, dim=1) if isinstance(x, tuple) else x))


class BnActConv2d(nn.Module):
    def __init__(self, cin, cout, kernel_size, stride, padding=0, groups=1):
        super().__init__()
        self.bn = nn.BatchNorm2d(cin, eps=0.001)
        self.act = nn.ReLU()
        self.conv = nn.Conv2d(cin, cout, kernel_size, stride, padding, groups=groups, bias=False)

    def forward(self, x):
        return self.conv(self.act(self.bn(x)))


class InputBlock(nn.Module):
    def __init__(self, features, kernel_size, padding):
        super().__init__()
        self.conv = nn.Conv2d(3, features, kernel_size=kernel_size, stride=2, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(features, eps=0.001)
        self.act = nn.ReLU()
        self.pool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)


class DualPathBlock(nn.Module):
    def __init__(self, cin, num_1x1_a, num_3x3_b, num_1x1_c, inc, groups, block_type):
        super().__init__()
        self.num_1x1_c = num_1x1_c
        self.key_stride = 2 if block_type == "down" else 1
        self.has_proj = block_type != "normal"
        if block_type == "down":
            self.c1x1_w_s2 = BnActConv2d(cin, num_1x1_c + 2 * inc, 1, 2)
        elif block_type == "proj":
            self.c1x1_w_s1 = BnActConv2d(cin, num_1x1_c + 2 * inc, 1, 1)
        self.c1x1_a = BnActConv2d(cin, num_1x1_a, 1, 1)
        self.c3x3_b = BnActConv2d(num_1x1_a, num_3x3_b, 3, self.key_stride, 1, groups)
        self.c1x1_c = BnActConv2d(num_3x3_b, num_1x1_c + inc, 1, 1)

    def forward(self, x):
        x_in = torch.cat(x, dim=1) if isinstance(x, tuple) else x
        if self.has_proj:
            x_s = self.c1x1_w_s2(x_in) if self.key_stride == 2 else self.c1x1_w_s1(x_in)
            x_s1, x_s2 = x_s[:, : self.num_1x1_c], x_s[:, self.num_1x1_c:]
        else:
            x_s1, x_s2 = x
        out = self.c1x1_c(self.c3x3_b(self.c1x1_a(x_in)))
        return x_s1 + out[:, : self.num_1x1_c], torch.cat([x_s2, out[:, self.num_1x1_c:]], dim=1)


class DPNEncoder(nn.Module):
    def __init__(self, stage_idxs, out_channels, small, num_init_features, k_r, groups, k_sec, inc_sec, depth=5):
        super().__init__()
        self._stage_idxs = stage_idxs
        self.out_channels = out_channels
        self._depth = depth
        bw_factor = 1 if small else 4
        blocks = OrderedDict()
        blocks["conv1_1"] = InputBlock(num_init_features, 3 if small else 7, 1 if small else 3)
        in_chs = num_init_features
        for stage, (repeats, inc) in enumerate(zip(k_sec, inc_sec), start=2):
            bw = 64 * 2 ** (stage - 2) * bw_factor
            r = (k_r * bw) // (64 * bw_factor)
            blocks[f"conv{stage}_1"] = DualPathBlock(in_chs, r, r, bw, inc, groups, "proj" if stage == 2 else "down")
            in_chs = bw + 3 * inc
            for i in range(2, repeats + 1):
                blocks[f"conv{stage}_{i}"] = DualPathBlock(in_chs, r, r, bw, inc, groups, "normal")
                in_chs += inc
        blocks["conv5_bn_ac"] = CatBnAct(in_chs)
        self.features = nn.Sequential(blocks)

    def get_stages(self):
        f, i = self.features, self._stage_idxs
        return [nn.Identity(), nn.Sequential(f[0].conv, f[0].bn, f[0].act), nn.Sequential(f[0].pool, f[1: i[0]]),
                f[i[0]: i[1]], f[i[1]: i[2]], f[i[2]: i[3]]]

    def forward(self, x):
        return run_stages(self.get_stages(), x, self._depth)

    def make_dilated(self, stages):
        s = self.get_stages()
        for index, dilation in stages.items():
            replace_strides_with_dilation(s[index], dilation)


PRETRAINEDMODELS = {
    "xception": lambda depth: XceptionEncoder(depth),
    "inceptionv4": lambda depth: InceptionV4Encoder(depth),
    "dpn68": lambda depth: DPNEncoder((4, 8, 20, 24), (3, 10, 144, 320, 704, 832), True, 10, 128, 32,
                                      (3, 4, 12, 3), (16, 32, 32, 64), depth),
    "dpn92": lambda depth: DPNEncoder((4, 8, 28, 32), (3, 64, 336, 704, 1552, 2688), False, 64, 96, 32,
                                      (3, 4, 20, 3), (16, 32, 24, 128), depth),
}
