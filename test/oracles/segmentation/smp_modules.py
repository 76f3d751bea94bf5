"""SMP-equivalent networks for the parity oracle.

segmentation_models_pytorch cannot be installed here, so this module rebuilds its encoders
(on torchvision's) and decoders with SMP's module names, so that state_dict keys are SMP's.
Only the forward pass at eval time matters; dropout is omitted where it is identity in eval.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as tvm

from efficientnet_encoders import EFFICIENTNETS
from pretrainedmodels_encoders import PRETRAINEDMODELS
from senet_encoders import SENETS

# ---------------------------------------------------------------- encoders


def replace_strides_with_dilation(module, dilation):
    for mod in module.modules():
        if isinstance(mod, nn.Conv2d):
            mod.stride = (1, 1)
            mod.dilation = (dilation, dilation)
            kh, _ = mod.kernel_size
            mod.padding = ((kh // 2) * dilation, (kh // 2) * dilation)


class ResNetEncoder(tvm.ResNet):
    def __init__(self, block, layers, out_channels, depth=5, **kwargs):
        super().__init__(block, layers, **kwargs)
        self.out_channels = out_channels
        self._depth = depth
        del self.fc
        del self.avgpool

    def get_stages(self):
        return [nn.Identity(), nn.Sequential(self.conv1, self.bn1, self.relu),
                nn.Sequential(self.maxpool, self.layer1), self.layer2, self.layer3, self.layer4]

    def forward(self, x):
        features = []
        for stage in self.get_stages()[: self._depth + 1]:
            x = stage(x)
            features.append(x)
        return features

    def make_dilated(self, stages):
        s = self.get_stages()
        for index, dilation in stages.items():
            replace_strides_with_dilation(s[index], dilation)


VGG_CFG = {
    "vgg11_bn": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg13_bn": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg16_bn": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "vgg19_bn": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


class VGGEncoder(tvm.VGG):
    def __init__(self, cfg, depth=5):
        super().__init__(tvm.vgg.make_layers(cfg, batch_norm=True), init_weights=False)
        self.out_channels = (64, 128, 256, 512, 512, 512)
        self._depth = depth
        del self.classifier

    def get_stages(self):
        stages, current = [], []
        for module in self.features:
            if isinstance(module, nn.MaxPool2d):
                stages.append(nn.Sequential(*current))
                current = []
            current.append(module)
        stages.append(nn.Sequential(*current))
        return stages

    def forward(self, x):
        features = []
        for stage in self.get_stages()[: self._depth + 1]:
            x = stage(x)
            features.append(x)
        return features


class TransitionWithSkip(nn.Module):
    def __init__(self, module):
        super().__init__()
        self.module = module

    def forward(self, x):
        skip = None
        for module in self.module:
            x = module(x)
            if isinstance(module, nn.ReLU):
                skip = x
        return x, skip


class DenseNetEncoder(tvm.DenseNet):
    def __init__(self, out_channels, depth=5, **kwargs):
        super().__init__(**kwargs)
        self.out_channels = out_channels
        self._depth = depth
        del self.classifier

    def get_stages(self):
        f = self.features
        return [nn.Identity(), nn.Sequential(f.conv0, f.norm0, f.relu0),
                nn.Sequential(f.pool0, f.denseblock1, TransitionWithSkip(f.transition1)),
                nn.Sequential(f.denseblock2, TransitionWithSkip(f.transition2)),
                nn.Sequential(f.denseblock3, TransitionWithSkip(f.transition3)),
                nn.Sequential(f.denseblock4, f.norm5)]

    def forward(self, x):
        features = []
        for stage in self.get_stages()[: self._depth + 1]:
            x = stage(x)
            if isinstance(x, (list, tuple)):
                x, skip = x
                features.append(skip)
            else:
                features.append(x)
        return features


class MobileNetV2Encoder(tvm.MobileNetV2):
    def __init__(self, depth=5):
        super().__init__()
        self.out_channels = (3, 16, 24, 32, 96, 1280)
        self._depth = depth
        del self.classifier

    def get_stages(self):
        f = self.features
        return [nn.Identity(), f[:2], f[2:4], f[4:7], f[7:14], f[14:]]

    def forward(self, x):
        features = []
        for stage in self.get_stages()[: self._depth + 1]:
            x = stage(x)
            features.append(x)
        return features

    def make_dilated(self, stages):
        s = self.get_stages()
        for index, dilation in stages.items():
            replace_strides_with_dilation(s[index], dilation)


def resnet(block, layers, out, **kw):
    return lambda depth: ResNetEncoder(block, layers, out, depth=depth, **kw)


SMALL = (3, 64, 64, 128, 256, 512)
WIDE = (3, 64, 256, 512, 1024, 2048)
ENCODERS = {
    "resnet18": resnet(tvm.resnet.BasicBlock, [2, 2, 2, 2], SMALL),
    "resnet34": resnet(tvm.resnet.BasicBlock, [3, 4, 6, 3], SMALL),
    "resnet50": resnet(tvm.resnet.Bottleneck, [3, 4, 6, 3], WIDE),
    "resnet101": resnet(tvm.resnet.Bottleneck, [3, 4, 23, 3], WIDE),
    "resnet152": resnet(tvm.resnet.Bottleneck, [3, 8, 36, 3], WIDE),
    "resnext50_32x4d": resnet(tvm.resnet.Bottleneck, [3, 4, 6, 3], WIDE, groups=32, width_per_group=4),
}
DENSENETS = {
    "densenet121": ((3, 64, 256, 512, 1024, 1024), dict(growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64)),
    "densenet161": ((3, 96, 384, 768, 2112, 2208), dict(growth_rate=48, block_config=(6, 12, 36, 24), num_init_features=96)),
    "densenet169": ((3, 64, 256, 512, 1280, 1664), dict(growth_rate=32, block_config=(6, 12, 32, 32), num_init_features=64)),
    "densenet201": ((3, 64, 256, 512, 1792, 1920), dict(growth_rate=32, block_config=(6, 12, 48, 32), num_init_features=64)),
}
for _name, (_out, _kw) in DENSENETS.items():
    ENCODERS[_name] = (lambda out, kw: lambda depth: DenseNetEncoder(out, depth, **kw))(_out, _kw)
ENCODERS["mobilenet_v2"] = lambda depth: MobileNetV2Encoder(depth)
for _name, _cfg in VGG_CFG.items():
    ENCODERS[_name] = (lambda cfg: lambda depth: VGGEncoder(cfg, depth))(_cfg)
ENCODERS.update(SENETS)
ENCODERS.update(EFFICIENTNETS)
ENCODERS.update(PRETRAINEDMODELS)

# ---------------------------------------------------------------- decoders


class Conv2dReLU(nn.Sequential):
    def __init__(self, cin, cout, kernel_size, padding=0, stride=1, use_batchnorm=True):
        conv = nn.Conv2d(cin, cout, kernel_size, stride=stride, padding=padding, bias=not use_batchnorm)
        bn = nn.BatchNorm2d(cout) if use_batchnorm else nn.Identity()
        super().__init__(conv, bn, nn.ReLU(inplace=True))


class UnetBlock(nn.Module):
    def __init__(self, cin, skip, cout):
        super().__init__()
        self.conv1 = Conv2dReLU(cin + skip, cout, 3, padding=1)
        self.conv2 = Conv2dReLU(cout, cout, 3, padding=1)

    def forward(self, x, skip=None):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        if skip is not None:
            x = torch.cat([x, skip], dim=1)
        return self.conv2(self.conv1(x))


class CenterBlock(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(Conv2dReLU(cin, cout, 3, padding=1), Conv2dReLU(cout, cout, 3, padding=1))


class UnetDecoder(nn.Module):
    def __init__(self, encoder_channels, decoder_channels, center=False):
        super().__init__()
        enc = list(encoder_channels[1:])[::-1]
        head = enc[0]
        in_ch = [head] + list(decoder_channels[:-1])
        skip_ch = list(enc[1:]) + [0]
        self.center = CenterBlock(head, head) if center else nn.Identity()
        self.blocks = nn.ModuleList([UnetBlock(i, s, o) for i, s, o in zip(in_ch, skip_ch, decoder_channels)])

    def forward(self, *features):
        features = features[1:][::-1]
        x = self.center(features[0])
        skips = features[1:]
        for i, block in enumerate(self.blocks):
            x = block(x, skips[i] if i < len(skips) else None)
        return x


class UnetPlusPlusDecoder(nn.Module):
    def __init__(self, encoder_channels, decoder_channels, center=False):
        super().__init__()
        enc = list(encoder_channels[1:])[::-1]
        head = enc[0]
        self.in_channels = [head] + list(decoder_channels[:-1])
        self.skip_channels = list(enc[1:]) + [0]
        self.out_channels = decoder_channels
        self.center = CenterBlock(head, head) if center else nn.Identity()
        blocks = {}
        for layer_idx in range(len(self.in_channels) - 1):
            for depth_idx in range(layer_idx + 1):
                if depth_idx == 0:
                    in_ch = self.in_channels[layer_idx]
                    skip_ch = self.skip_channels[layer_idx] * (layer_idx + 1)
                    out_ch = self.out_channels[layer_idx]
                else:
                    out_ch = self.skip_channels[layer_idx]
                    skip_ch = self.skip_channels[layer_idx] * (layer_idx + 1 - depth_idx)
                    in_ch = self.skip_channels[layer_idx - 1]
                blocks[f"x_{depth_idx}_{layer_idx}"] = UnetBlock(in_ch, skip_ch, out_ch)
        blocks[f"x_0_{len(self.in_channels) - 1}"] = UnetBlock(self.in_channels[-1], 0, self.out_channels[-1])
        self.blocks = nn.ModuleDict(blocks)
        self.depth = len(self.in_channels) - 1

    def forward(self, *features):
        features = features[1:][::-1]
        dense = {}
        for layer_idx in range(len(self.in_channels) - 1):
            for depth_idx in range(self.depth - layer_idx):
                if layer_idx == 0:
                    dense[f"x_{depth_idx}_{depth_idx}"] = self.blocks[f"x_{depth_idx}_{depth_idx}"](
                        features[depth_idx], features[depth_idx + 1])
                else:
                    l = depth_idx + layer_idx
                    cat = [dense[f"x_{idx}_{l}"] for idx in range(depth_idx + 1, l + 1)]
                    cat = torch.cat(cat + [features[l + 1]], dim=1)
                    dense[f"x_{depth_idx}_{l}"] = self.blocks[f"x_{depth_idx}_{l}"](dense[f"x_{depth_idx}_{l - 1}"], cat)
        return self.blocks[f"x_0_{self.depth}"](dense[f"x_0_{self.depth - 1}"])


class TransposeX2(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.ConvTranspose2d(cin, cout, kernel_size=4, stride=2, padding=1),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class LinknetBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.block = nn.Sequential(Conv2dReLU(cin, cin // 4, 1), TransposeX2(cin // 4, cin // 4),
                                   Conv2dReLU(cin // 4, cout, 1))

    def forward(self, x, skip=None):
        x = self.block(x)
        return x + skip if skip is not None else x


class LinknetDecoder(nn.Module):
    def __init__(self, encoder_channels, prefinal_channels=32, n_blocks=5):
        super().__init__()
        enc = list(encoder_channels[1:])[::-1]
        channels = enc + [prefinal_channels]
        self.blocks = nn.ModuleList([LinknetBlock(channels[i], channels[i + 1]) for i in range(n_blocks)])

    def forward(self, *features):
        features = features[1:][::-1]
        x, skips = features[0], features[1:]
        for i, block in enumerate(self.blocks):
            x = block(x, skips[i] if i < len(skips) else None)
        return x


class Conv3x3GNReLU(nn.Module):
    def __init__(self, cin, cout, upsample=False):
        super().__init__()
        self.upsample = upsample
        self.block = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.GroupNorm(32, cout), nn.ReLU(inplace=True))

    def forward(self, x):
        x = self.block(x)
        return F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True) if self.upsample else x


class SegmentationBlock(nn.Module):
    def __init__(self, cin, cout, n_upsamples=0):
        super().__init__()
        blocks = [Conv3x3GNReLU(cin, cout, upsample=bool(n_upsamples))]
        for _ in range(1, n_upsamples):
            blocks.append(Conv3x3GNReLU(cout, cout, upsample=True))
        self.block = nn.Sequential(*blocks)

    def forward(self, x):
        return self.block(x)


class FPNBlock(nn.Module):
    def __init__(self, pyramid, skip):
        super().__init__()
        self.skip_conv = nn.Conv2d(skip, pyramid, kernel_size=1)

    def forward(self, x, skip):
        return F.interpolate(x, scale_factor=2, mode="nearest") + self.skip_conv(skip)


class FPNDecoder(nn.Module):
    def __init__(self, encoder_channels, pyramid=256, segmentation=128):
        super().__init__()
        enc = list(encoder_channels)[::-1]
        self.p5 = nn.Conv2d(enc[0], pyramid, kernel_size=1)
        self.p4 = FPNBlock(pyramid, enc[1])
        self.p3 = FPNBlock(pyramid, enc[2])
        self.p2 = FPNBlock(pyramid, enc[3])
        self.seg_blocks = nn.ModuleList([SegmentationBlock(pyramid, segmentation, n) for n in [3, 2, 1, 0]])

    def forward(self, *features):
        c2, c3, c4, c5 = features[-4:]
        p5 = self.p5(c5)
        p4 = self.p4(p5, c4)
        p3 = self.p3(p4, c3)
        p2 = self.p2(p3, c2)
        return sum(block(p) for block, p in zip(self.seg_blocks, [p5, p4, p3, p2]))


class PSPBlock(nn.Module):
    def __init__(self, cin, cout, pool_size, use_batchnorm=True):
        super().__init__()
        if pool_size == 1:
            use_batchnorm = False
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d((pool_size, pool_size)), Conv2dReLU(cin, cout, 1, use_batchnorm=use_batchnorm))

    def forward(self, x):
        h, w = x.shape[2:]
        return F.interpolate(self.pool(x), size=(h, w), mode="bilinear", align_corners=True)


class PSPModule(nn.Module):
    def __init__(self, cin, sizes=(1, 2, 3, 6)):
        super().__init__()
        self.blocks = nn.ModuleList([PSPBlock(cin, cin // len(sizes), s) for s in sizes])

    def forward(self, x):
        return torch.cat([b(x) for b in self.blocks] + [x], dim=1)


class PSPDecoder(nn.Module):
    def __init__(self, encoder_channels, out_channels=512):
        super().__init__()
        self.psp = PSPModule(encoder_channels[-1])
        self.conv = Conv2dReLU(encoder_channels[-1] * 2, out_channels, 1)

    def forward(self, *features):
        return self.conv(self.psp(features[-1]))


class ConvBnRelu(nn.Module):
    def __init__(self, cin, cout, kernel_size, padding=0, add_relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size, padding=padding, bias=True)
        self.bn = nn.BatchNorm2d(cout)
        self.activation = nn.ReLU(inplace=True)
        self.add_relu = add_relu

    def forward(self, x):
        x = self.bn(self.conv(x))
        return self.activation(x) if self.add_relu else x


def up(x, size):
    return F.interpolate(x, size=size, mode="bilinear", align_corners=True)


class FPABlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.branch1 = nn.Sequential(nn.AdaptiveAvgPool2d(1), ConvBnRelu(cin, cout, 1))
        self.mid = nn.Sequential(ConvBnRelu(cin, cout, 1))
        self.down1 = nn.Sequential(nn.MaxPool2d(2, 2), ConvBnRelu(cin, 1, 7, padding=3))
        self.down2 = nn.Sequential(nn.MaxPool2d(2, 2), ConvBnRelu(1, 1, 5, padding=2))
        self.down3 = nn.Sequential(nn.MaxPool2d(2, 2), ConvBnRelu(1, 1, 3, padding=1), ConvBnRelu(1, 1, 3, padding=1))
        self.conv2 = ConvBnRelu(1, 1, 5, padding=2)
        self.conv1 = ConvBnRelu(1, 1, 7, padding=3)

    def forward(self, x):
        h, w = x.shape[2:]
        b1 = up(self.branch1(x), (h, w))
        mid = self.mid(x)
        x1 = self.down1(x)
        x2 = self.down2(x1)
        x3 = up(self.down3(x2), (h // 4, w // 4))
        x = up(self.conv2(x2) + x3, (h // 2, w // 2))
        x = up(x + self.conv1(x1), (h, w))
        return x * mid + b1


class GAUBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Sequential(nn.AdaptiveAvgPool2d(1), ConvBnRelu(cout, cout, 1, add_relu=False), nn.Sigmoid())
        self.conv2 = ConvBnRelu(cin, cout, 3, padding=1)

    def forward(self, x, y):
        y_up = up(y, x.shape[2:])
        return y_up + self.conv2(x) * self.conv1(y)


class PANDecoder(nn.Module):
    def __init__(self, encoder_channels, channels=32):
        super().__init__()
        self.fpa = FPABlock(encoder_channels[-1], channels)
        self.gau3 = GAUBlock(encoder_channels[-2], channels)
        self.gau2 = GAUBlock(encoder_channels[-3], channels)
        self.gau1 = GAUBlock(encoder_channels[-4], channels)

    def forward(self, *features):
        x5 = self.fpa(features[-1])
        x4 = self.gau3(features[-2], x5)
        x3 = self.gau2(features[-3], x4)
        return self.gau1(features[-4], x3)


class SeparableConv2d(nn.Sequential):
    def __init__(self, cin, cout, kernel_size, padding=0, dilation=1, bias=True):
        super().__init__(nn.Conv2d(cin, cin, kernel_size, padding=padding, dilation=dilation, groups=cin, bias=False),
                         nn.Conv2d(cin, cout, 1, bias=bias))


class ASPPPooling(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.AdaptiveAvgPool2d(1), nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())

    def forward(self, x):
        size = x.shape[-2:]
        for mod in self:
            x = mod(x)
        return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


class ASPP(nn.Module):
    def __init__(self, cin, cout, rates):
        super().__init__()
        modules = [nn.Sequential(nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())]
        for r in rates:
            modules.append(nn.Sequential(SeparableConv2d(cin, cout, 3, padding=r, dilation=r, bias=False), nn.BatchNorm2d(cout), nn.ReLU()))
        modules.append(ASPPPooling(cin, cout))
        self.convs = nn.ModuleList(modules)
        self.project = nn.Sequential(nn.Conv2d(5 * cout, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(), nn.Dropout(0.5))

    def forward(self, x):
        return self.project(torch.cat([c(x) for c in self.convs], dim=1))


class DeepLabV3PlusDecoder(nn.Module):
    def __init__(self, encoder_channels, out_channels=256, rates=(12, 24, 36), output_stride=16):
        super().__init__()
        self.aspp = nn.Sequential(ASPP(encoder_channels[-1], out_channels, rates),
                                  SeparableConv2d(out_channels, out_channels, 3, padding=1, bias=False),
                                  nn.BatchNorm2d(out_channels), nn.ReLU())
        self.up = nn.UpsamplingBilinear2d(scale_factor=2 if output_stride == 8 else 4)
        self.block1 = nn.Sequential(nn.Conv2d(encoder_channels[-4], 48, 1, bias=False), nn.BatchNorm2d(48), nn.ReLU())
        self.block2 = nn.Sequential(SeparableConv2d(48 + out_channels, out_channels, 3, padding=1, bias=False),
                                    nn.BatchNorm2d(out_channels), nn.ReLU())

    def forward(self, *features):
        a = self.up(self.aspp(features[-1]))
        return self.block2(torch.cat([a, self.block1(features[-4])], dim=1))


class SegmentationHead(nn.Sequential):
    def __init__(self, cin, classes, kernel_size=3, upsampling=1):
        conv = nn.Conv2d(cin, classes, kernel_size, padding=kernel_size // 2)
        upsample = nn.UpsamplingBilinear2d(scale_factor=upsampling) if upsampling > 1 else nn.Identity()
        super().__init__(conv, upsample)


class SegmentationModel(nn.Module):
    """Returns logits; the product applies sigmoid (1 class) or softmax over channels."""

    def __init__(self, encoder, decoder, head):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder
        self.segmentation_head = head

    def forward(self, x):
        return self.segmentation_head(self.decoder(*self.encoder(x)))


def build(arch, encoder_name, classes=1, decoder_channels=(256, 128, 64, 32, 16), depth=None):
    if depth is None:
        depth = 3 if arch == "pspnet" else 5
    encoder = ENCODERS[encoder_name](depth)
    ch = list(encoder.out_channels[: depth + 1])
    vgg = encoder_name.startswith("vgg")
    if arch == "unet":
        return SegmentationModel(encoder, UnetDecoder(ch, decoder_channels, center=vgg), SegmentationHead(decoder_channels[-1], classes, 3))
    if arch == "unetplusplus":
        return SegmentationModel(encoder, UnetPlusPlusDecoder(ch, decoder_channels, center=vgg), SegmentationHead(decoder_channels[-1], classes, 3))
    if arch == "linknet":
        return SegmentationModel(encoder, LinknetDecoder(ch, 32, depth), SegmentationHead(32, classes, 1))
    if arch == "fpn":
        return SegmentationModel(encoder, FPNDecoder(ch), SegmentationHead(128, classes, 1, 4))
    if arch == "pspnet":
        return SegmentationModel(encoder, PSPDecoder(ch), SegmentationHead(512, classes, 3, 8))
    if arch == "pan":
        encoder.make_dilated({5: 2})
        return SegmentationModel(encoder, PANDecoder(ch), SegmentationHead(32, classes, 3, 4))
    if arch == "deeplabv3plus":
        encoder.make_dilated({5: 2})
        return SegmentationModel(encoder, DeepLabV3PlusDecoder(ch), SegmentationHead(256, classes, 1, 4))
    raise ValueError(arch)
