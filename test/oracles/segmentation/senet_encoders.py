"""SE-ResNet / SE-ResNeXt encoders in pretrainedmodels' senet layout, as SMP's SENetEncoder uses them.

pretrainedmodels is not installable here; this rebuilds the modules with its names (layer0 with
conv1/bn1/relu1/pool, SE modules as fc1/fc2 1x1 convs) so that state_dict keys are the package's.
SE-ResNet strides in conv1 (Caffe style), SE-ResNeXt in the grouped conv2. SMP has no dilated mode here.
"""
import math
from collections import OrderedDict

import torch.nn as nn


class SEModule(nn.Module):
    def __init__(self, channels, reduction):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(channels, channels // reduction, kernel_size=1, padding=0)
        self.relu = nn.ReLU(inplace=True)
        self.fc2 = nn.Conv2d(channels // reduction, channels, kernel_size=1, padding=0)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return x * self.sigmoid(self.fc2(self.relu(self.fc1(self.avg_pool(x)))))


class Bottleneck(nn.Module):
    def forward(self, x):
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        return self.relu(self.se_module(out) + residual)


class SEResNetBottleneck(Bottleneck):
    expansion = 4

    def __init__(self, inplanes, planes, groups, reduction, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False, stride=stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, padding=1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.se_module = SEModule(planes * 4, reduction=reduction)
        self.downsample = downsample
        self.stride = stride


class SEResNeXtBottleneck(Bottleneck):
    expansion = 4

    def __init__(self, inplanes, planes, groups, reduction, stride=1, downsample=None, base_width=4):
        super().__init__()
        width = math.floor(planes * (base_width / 64)) * groups
        self.conv1 = nn.Conv2d(inplanes, width, kernel_size=1, bias=False, stride=1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, kernel_size=3, stride=stride, padding=1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, planes * 4, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.se_module = SEModule(planes * 4, reduction=reduction)
        self.downsample = downsample
        self.stride = stride


class SENetEncoder(nn.Module):
    """SENet(input_3x3=False, inplanes=64, downsample 1x1) without avg_pool/last_linear."""

    def __init__(self, block, layers, groups, reduction=16, depth=5):
        super().__init__()
        self.out_channels = (3, 64, 256, 512, 1024, 2048)
        self._depth = depth
        self.inplanes = 64
        self.layer0 = nn.Sequential(OrderedDict([
            ("conv1", nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)),
            ("bn1", nn.BatchNorm2d(64)),
            ("relu1", nn.ReLU(inplace=True)),
            ("pool", nn.MaxPool2d(3, stride=2, ceil_mode=True)),
        ]))
        self.layer1 = self._make_layer(block, 64, layers[0], groups, reduction)
        self.layer2 = self._make_layer(block, 128, layers[1], groups, reduction, stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], groups, reduction, stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], groups, reduction, stride=2)

    def _make_layer(self, block, planes, blocks, groups, reduction, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, kernel_size=1, stride=stride, padding=0, bias=False),
                nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, groups, reduction, stride, downsample)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes, groups, reduction) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        stages = [nn.Identity(), self.layer0[:-1], nn.Sequential(self.layer0[-1], self.layer1),
                  self.layer2, self.layer3, self.layer4]
        features = []
        for stage in stages[: self._depth + 1]:
            x = stage(x)
            features.append(x)
        return features

    def make_dilated(self, stages):
        raise ValueError("SENet encoders do not support dilated mode")


SENETS = {
    "se_resnet50": lambda depth: SENetEncoder(SEResNetBottleneck, [3, 4, 6, 3], groups=1, depth=depth),
    "se_resnext50_32x4d": lambda depth: SENetEncoder(SEResNeXtBottleneck, [3, 4, 6, 3], groups=32, depth=depth),
}
