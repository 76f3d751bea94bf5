import type {
  ClassParticleMeasurement,
  MeasurementProfile,
  PixelSizeValue,
} from '@microseg/contracts';
import {
  type ClassParticles,
  type IndexMask,
  type Summary,
  analyseParticles,
  assertClassValues,
  measureThickness,
} from '@microseg/metrology';

/** The objects of one class as columns: one array per property, the same order as scikit-image's regionprops. */
export interface ObjectColumns {
  area: number[];
  equivalentDiameter: number[];
  perimeter: number[];
  majorAxisLength: number[];
  minorAxisLength: number[];
  orientation: number[];
  eccentricity: number[];
  solidity: number[];
  centroidRow: number[];
  centroidCol: number[];
  /** [minRow, minCol, maxRow, maxCol] per object, flattened; end exclusive. */
  bbox: number[];
  touchesBorder: boolean[];
}

export interface ClassResult {
  statistics: ClassParticleMeasurement;
  objects: ObjectColumns;
}

export interface ThicknessResult {
  statistics: {
    classes: number[];
    radius: number;
    minArea: number;
    thickness: Summary;
    skeletonPixels: number;
    layerPixels: number;
    layerArea: number;
  };
  values: number[];
  profile: { position: number; thickness: number }[];
}

export interface MaskAnalysis {
  unit: string;
  particles: ClassResult[];
  thickness: ThicknessResult | null;
}

/**
 * Runs the profile's analyses on a decoded mask. A mask holding values outside the profile's
 * classes is refused (INVALID_INPUT) before anything is measured. `between` runs between the
 * analyses so a long mask can keep its job alive.
 */
export function analyseMask(
  mask: IndexMask,
  profile: MeasurementProfile,
  pixelSize: PixelSizeValue | null,
  between: () => void = () => {},
): MaskAnalysis {
  assertClassValues(mask, profile.classes);
  const scale = pixelSize ?? undefined;
  let unit = pixelSize?.unit ?? 'px';
  const particles = profile.particles
    ? analyseParticles(mask, {
        classes: profile.particles.classes,
        connectivity: profile.particles.connectivity,
        histogramBins: profile.histogramBins,
        ...(scale ? { pixelSize: scale } : {}),
      }).classes.map(toClassResult)
    : [];
  between();
  let thickness: ThicknessResult | null = null;
  if (profile.thickness) {
    const measured = measureThickness(mask, {
      classes: profile.thickness.classes,
      radius: profile.thickness.radius,
      minArea: profile.thickness.minArea,
      ...(scale ? { pixelSize: scale } : {}),
    });
    unit = measured.unit;
    thickness = {
      statistics: {
        classes: [...profile.thickness.classes],
        radius: measured.radius,
        minArea: measured.minArea,
        thickness: measured.thickness,
        skeletonPixels: measured.skeletonPixels,
        layerPixels: measured.layerPixels,
        layerArea: measured.layerArea,
      },
      values: [...measured.values],
      profile: measured.profile.map((point) => ({ ...point })),
    };
  }
  return { unit, particles, thickness };
}

function toClassResult(particles: ClassParticles): ClassResult {
  const objects: ObjectColumns = {
    area: [],
    equivalentDiameter: [],
    perimeter: [],
    majorAxisLength: [],
    minorAxisLength: [],
    orientation: [],
    eccentricity: [],
    solidity: [],
    centroidRow: [],
    centroidCol: [],
    bbox: [],
    touchesBorder: [],
  };
  for (const o of particles.objects) {
    objects.area.push(o.area);
    objects.equivalentDiameter.push(o.equivalentDiameter);
    objects.perimeter.push(o.perimeter);
    objects.majorAxisLength.push(o.majorAxisLength);
    objects.minorAxisLength.push(o.minorAxisLength);
    objects.orientation.push(o.orientation);
    objects.eccentricity.push(o.eccentricity);
    objects.solidity.push(o.solidity);
    objects.centroidRow.push(o.centroid[0]);
    objects.centroidCol.push(o.centroid[1]);
    objects.bbox.push(...o.bbox);
    objects.touchesBorder.push(o.touchesBorder);
  }
  return {
    statistics: {
      class: particles.class,
      count: particles.count,
      pixelCount: particles.pixelCount,
      areaFraction: particles.areaFraction,
      area: particles.area,
      equivalentDiameter: particles.equivalentDiameter,
      interiorCount: particles.interior.count,
      interiorMeanArea: particles.interior.area.mean,
      borderCorrectedCount: particles.borderCorrected.count,
      borderCorrectedMeanArea: particles.borderCorrected.meanArea,
      histogram: { edges: [...particles.histogram.edges], counts: [...particles.histogram.counts] },
    },
    objects,
  };
}
