#!/usr/bin/python3
"""scikit-image reference for @microseg/metrology (issue 5).

Run with Debian's python3-skimage (0.19): /usr/bin/python3 skimage_oracle.py COMMAND ...
  particles MASK.png [--classes 1,2] [--connectivity 4|8] [--summary]
      regionprops of every class, as JSON on stdout (--summary: per-class sums instead of objects)
  thickness MASK.png [--classes 1,2] [--radius 5] [--min-area 1000] [--seeds 10]
      layer thickness (2 x EDT on the medial axis) for each medial-axis tie-break seed
  timing particles|thickness MASK.png ...
      the same, printing only {"seconds": ...} for the measured part (decoding excluded)
"""
import argparse
import json
import sys
import time

import numpy as np
from PIL import Image
from skimage import measure, morphology


def read_mask(path):
    return np.asarray(Image.open(path))


def classes_of(mask, classes):
    if classes:
        return [int(c) for c in classes.split(',')]
    return [int(v) for v in np.unique(mask) if v != 0]


PROPS = ('area', 'centroid', 'bbox', 'perimeter', 'equivalent_diameter_area', 'axis_major_length',
         'axis_minor_length', 'orientation', 'eccentricity', 'area_convex', 'solidity')


def particles(mask, classes, connectivity):
    out = []
    for cls in classes:
        labels = measure.label(mask == cls, connectivity=1 if connectivity == 4 else 2)
        objects = []
        for region in measure.regionprops(labels):
            objects.append({
                'area': int(region.area),
                'centroid': [float(v) for v in region.centroid],
                'bbox': [int(v) for v in region.bbox],
                'perimeter': float(region.perimeter),
                'equivalentDiameter': float(region.equivalent_diameter_area),
                'majorAxisLength': float(region.axis_major_length),
                'minorAxisLength': float(region.axis_minor_length),
                'orientation': float(region.orientation),
                'eccentricity': float(region.eccentricity),
                'convexArea': int(region.area_convex),
                'solidity': float(region.solidity),
            })
        out.append({'class': cls, 'count': len(objects), 'objects': objects})
    return out


def summarise(classes_result):
    """Per-class sums: enough to check a whole benchmark mask without committing every object."""
    summary = []
    for entry in classes_result:
        objs = entry['objects']
        summary.append({
            'class': entry['class'],
            'count': entry['count'],
            'areas': [o['area'] for o in objs],
            'sumCentroid': [sum(o['centroid'][0] for o in objs), sum(o['centroid'][1] for o in objs)],
            'sumBbox': [sum(o['bbox'][i] for o in objs) for i in range(4)],
            'sumEquivalentDiameter': sum(o['equivalentDiameter'] for o in objs),
            'sumPerimeter': sum(o['perimeter'] for o in objs),
            'sumMajorAxisLength': sum(o['majorAxisLength'] for o in objs),
            'sumMinorAxisLength': sum(o['minorAxisLength'] for o in objs),
            'sumEccentricity': sum(o['eccentricity'] for o in objs),
            'convexAreas': [o['convexArea'] for o in objs],
        })
    return summary


def clean_layer(mask, classes, radius, min_area):
    layer = np.isin(mask, classes)
    footprint = morphology.disk(radius)
    layer = morphology.binary_closing(layer, footprint)
    layer = morphology.binary_opening(layer, footprint)
    layer = morphology.remove_small_objects(layer, min_size=min_area)
    layer = morphology.remove_small_holes(layer, area_threshold=min_area)
    return layer


def thickness_once(layer, seed):
    skeleton, distance = morphology.medial_axis(layer, return_distance=True, random_state=seed)
    values = 2 * distance[skeleton]
    return {
        'seed': seed,
        'meanThickness': float(values.mean()) if values.size else None,
        'medianThickness': float(np.median(values)) if values.size else None,
        'stdThickness': float(values.std()) if values.size else None,
        'skeletonPixels': int(skeleton.sum()),
    }


def thickness(mask, classes, radius, min_area, seeds):
    layer = clean_layer(mask, classes, radius, min_area)
    runs = [thickness_once(layer, seed) for seed in range(seeds)]
    means = [r['meanThickness'] for r in runs if r['meanThickness'] is not None]
    return {
        'layerPixels': int(layer.sum()),
        'runs': runs,
        'meanThicknessRange': [min(means), max(means)] if means else None,
    }


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('command', choices=['particles', 'thickness', 'timing'])
    parser.add_argument('args', nargs='+')
    parser.add_argument('--classes')
    parser.add_argument('--connectivity', type=int, default=8)
    parser.add_argument('--summary', action='store_true')
    parser.add_argument('--radius', type=int, default=5)
    parser.add_argument('--min-area', type=int, default=1000)
    parser.add_argument('--seeds', type=int, default=10)
    opts = parser.parse_args(argv)

    if opts.command == 'timing':
        what, path = opts.args
        mask = read_mask(path)
        start = time.perf_counter()
        if what == 'particles':
            result = particles(mask, classes_of(mask, opts.classes), opts.connectivity)
        else:
            layer = clean_layer(mask, classes_of(mask, opts.classes), opts.radius, opts.min_area)
            result = {**thickness_once(layer, 0), 'layerPixels': int(layer.sum())}
        seconds = time.perf_counter() - start
        json.dump({'seconds': seconds, 'result': summarise(result) if what == 'particles' else result}, sys.stdout)
        return

    (path,) = opts.args
    mask = read_mask(path)
    classes = classes_of(mask, opts.classes)
    if opts.command == 'particles':
        result = particles(mask, classes, opts.connectivity)
        json.dump({'width': mask.shape[1], 'height': mask.shape[0], 'connectivity': opts.connectivity,
                   'classes': summarise(result) if opts.summary else result}, sys.stdout)
    else:
        json.dump(thickness(mask, classes, opts.radius, opts.min_area, opts.seeds), sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1:])
