#!/bin/sh
# Regenerates the committed parity fixtures of @microseg/segmentation (logits only; the weights
# come from synthetic_weights.py on both sides). Needs Debian's python3-torch and python3-torchvision.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../../libs/segmentation/src/parity/__fixtures__/synthetic"
rm -rf "$out" && mkdir -p "$out"
/usr/bin/python3 "$here/parity_oracle.py" synthetic --out "$out" \
  unet:resnet18 unet:resnet18:3 unet:resnet34:1:64:128-64-32-16-8 unetplusplus:resnet18:3 linknet:resnet18 \
  fpn:resnet18 pspnet:resnet18 pan:resnet18:1:128 deeplabv3plus:resnet18 \
  pan:resnet50:1:128 deeplabv3plus:resnext50_32x4d \
  unet:resnet34 unet:resnet50 unet:resnet101 unet:resnet152 unet:resnext50_32x4d \
  unet:vgg11_bn unet:vgg13_bn unet:vgg16_bn unet:vgg19_bn unetplusplus:vgg11_bn linknet:vgg13_bn \
  unet:densenet121 unet:densenet161 unet:densenet169 unet:densenet201 pspnet:densenet121 \
  unet:mobilenet_v2 fpn:mobilenet_v2 deeplabv3plus:mobilenet_v2 \
  unet:se_resnet50 unet:se_resnext50_32x4d fpn:se_resnext50_32x4d \
  unet:efficientnet-b0 unet:efficientnet-b1 deeplabv3plus:efficientnet-b0 pan:efficientnet-b1:1:128 \
  unet:efficientnet-b2 unet:efficientnet-b3 unet:efficientnet-b4 unet:efficientnet-b5 unet:efficientnet-b6 \
  unet:efficientnet-b7 unet:xception unet:inceptionv4 unet:dpn68 unet:dpn92 deeplabv3plus:dpn68 >/dev/null
