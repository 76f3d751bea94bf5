#!/usr/bin/python3
"""Writes the committed fixtures of @microseg/metrology's oracle tests (issue 5).

  /usr/bin/python3 generate_fixtures.py [BENCHMARK_DIR]

cases/*.png: small generated edge-case masks; cases-expected.json: scikit-image regionprops of every
case at 4- and 8-connectivity, and layer thickness over 10 medial-axis seeds for the layer cases.
benchmark-expected.json: per-class summaries of every benchmark mask and thickness ranges of the
EBC masks (skipped when BENCHMARK_DIR is absent).
"""
import json
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage as ndi

from skimage_oracle import particles, summarise, thickness

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, 'cases')


def blobs(shape, classes, seed, sigma=2.5):
    rng = np.random.default_rng(seed)
    mask = np.zeros(shape, np.uint8)
    for cls in classes:
        field = ndi.gaussian_filter(rng.random(shape), sigma)
        mask[field > np.quantile(field, 0.8)] = cls
    return mask


def cases():
    out = {}
    out['random-blobs'] = blobs((96, 80), [1, 2], 1)
    out['random-blobs-fine'] = blobs((64, 64), [1, 2, 3], 2, sigma=1.2)

    touching = np.zeros((24, 24), np.uint8)
    touching[2:6, 2:6] = 1
    touching[6:10, 6:10] = 1      # corner-touching the first: one object at 8-connectivity, two at 4
    touching[2:6, 6:10] = 2       # edge-touching, other class: never merges
    touching[12:20, 3:12] = 1
    touching[12:20, 12:21] = 1    # edge-touching same class: one object
    touching[20, 0:24:2] = 2
    touching[21, 1:24:2] = 2      # zig-zag of diagonal pixels
    out['touching'] = touching

    rng = np.random.default_rng(3)
    single = np.zeros((40, 40), np.uint8)
    ys, xs = rng.integers(0, 20, 60) * 2, rng.integers(0, 20, 60) * 2
    single[ys, xs] = 1 + (ys + xs) % 2
    out['one-pixel-objects'] = single

    holes = np.zeros((50, 60), np.uint8)
    yy, xx = np.mgrid[0:50, 0:60]
    ring = ((yy - 20) ** 2 + (xx - 22) ** 2 <= 15 ** 2) & ((yy - 20) ** 2 + (xx - 22) ** 2 > 6 ** 2)
    holes[ring] = 1
    holes[5:45, 42:56] = 2
    holes[10:14, 46:50] = 0
    holes[30:33, 45:53] = 0
    holes[21, 22] = 1
    out['holes'] = holes

    border = np.zeros((30, 40), np.uint8)
    border[0:3, 0:3] = 1
    border[0:2, 15:25] = 1
    border[0:4, 37:40] = 2
    border[10:20, 0:2] = 2
    border[12:18, 38:40] = 1
    border[27:30, 0:5] = 1
    border[29, 10:30] = 2
    border[25:30, 36:40] = 1
    border[12:16, 15:22] = 1
    out['objects-on-every-border'] = border

    out['empty'] = np.zeros((16, 20), np.uint8)
    out['full'] = np.ones((16, 20), np.uint8)
    out['one-pixel-image'] = np.ones((1, 1), np.uint8)
    row = np.zeros((1, 17), np.uint8)
    row[0, [0, 1, 2, 5, 9, 10, 16]] = 1
    out['one-by-n'] = row
    out['n-by-one'] = row.reshape(17, 1).copy()

    lines = np.zeros((40, 40), np.uint8)
    np.fill_diagonal(lines[0:20, 0:20], 1)
    np.fill_diagonal(np.fliplr(lines[20:40, 0:20]), 2)
    lines[5, 25:39] = 1
    lines[10:35, 30] = 2
    out['thin-lines'] = lines

    sixteen = np.zeros((32, 48), np.uint16)
    sixteen[3:12, 4:20] = 300
    sixteen[15:30, 10:14] = 1000
    sixteen[20:25, 30:47] = 65535
    out['sixteen-bit'] = sixteen

    yy, xx = np.mgrid[0:120, 0:160]
    centre = 60 + 12 * np.sin(xx / 17.0)
    half = 14 + 5 * np.cos(xx / 23.0)
    layer = np.zeros((120, 160), np.uint8)
    layer[np.abs(yy - centre) <= half] = 1
    crack = (np.abs(yy - centre) <= 3) & (xx > 40) & (xx < 70)
    layer[crack] = 2
    layer[rng.random((120, 160)) < 0.01] = 1
    layer[5:9, 5:9] = 1
    out['wavy-layer'] = layer
    return out


THICKNESS_CASES = {
    'wavy-layer': {'classes': [1, 2], 'radius': 3, 'minArea': 200},
    'empty': {'classes': [1], 'radius': 2, 'minArea': 10},
    'random-blobs': {'classes': [1, 2], 'radius': 1, 'minArea': 30},
}


def case_fixtures():
    os.makedirs(CASES, exist_ok=True)
    expected = {}
    for name, mask in cases().items():
        Image.fromarray(mask).save(os.path.join(CASES, f'{name}.png'))
        back = np.asarray(Image.open(os.path.join(CASES, f'{name}.png')))
        assert back.shape == mask.shape and (back == mask).all(), name
        classes = [int(v) for v in np.unique(mask) if v != 0]
        expected[name] = {
            'width': mask.shape[1],
            'height': mask.shape[0],
            'particles': {str(c): particles(mask, classes, c) for c in (4, 8)},
        }
        if name in THICKNESS_CASES:
            params = THICKNESS_CASES[name]
            expected[name]['thickness'] = {**params, **thickness(mask, params['classes'], params['radius'],
                                                                 params['minArea'], 10)}
    with open(os.path.join(HERE, 'cases-expected.json'), 'w') as f:
        json.dump(expected, f, separators=(',', ':'))


def benchmark_fixtures(root):
    expected = {}
    for material in ('super', 'ebc'):
        folder = os.path.join(root, 'masks', material)
        for file in sorted(os.listdir(folder)):
            mask = np.asarray(Image.open(os.path.join(folder, file)))
            classes = [int(v) for v in np.unique(mask) if v != 0]
            entry = {'material': material, 'particles': {str(c): summarise(particles(mask, classes, c)) for c in (4, 8)}}
            if material == 'ebc':
                entry['thickness'] = thickness(mask, [1, 2], 5, 1000, 10)
            expected[f'{material}/{file}'] = entry
            print(material, file, file=sys.stderr)
    with open(os.path.join(HERE, 'benchmark-expected.json'), 'w') as f:
        json.dump(expected, f, separators=(',', ':'))


if __name__ == '__main__':
    case_fixtures()
    if len(sys.argv) > 1 and os.path.isdir(sys.argv[1]):
        benchmark_fixtures(sys.argv[1])
