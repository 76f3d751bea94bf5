import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { IntervalCalibration } from '@microseg/contracts';
import {
  DEFAULT_THICKNESS_MIN_AREA,
  DEFAULT_THICKNESS_RADIUS,
  type LabelledMasks,
  type LayerDefinition,
  type LabelledField,
  type MissedField,
  calibrateClassIntervals,
  calibrateMissedRanges,
  calibrateThicknessIntervals,
  createIndexMask,
  labelledImageFields,
  labelledThicknessFields,
} from '@microseg/metrology';
import { type ClassRule, DEFAULT_PROBABILITY_BAND, probabilitiesToMask, probabilityBandMasks, rasterToInput } from '@microseg/tf-runtime';
import type { LoadedItem } from './training-data.ts';

/** The coverage the intervals are calibrated to: metrology's nominal one. */
const COVERAGE = 0.95;

const roundUp = (value: number, multiple: number) => Math.ceil(value / multiple) * multiple;

const asMask = (width: number, height: number, data: Uint8Array | Uint16Array) => createIndexMask(width, height, data instanceof Uint8Array ? data : Uint8Array.from(data));

/**
 * Calibrates the version's measurement intervals on its validation split, as the out-of-
 * distribution score is: each validation image is segmented whole (as evaluateSplit does) with
 * the probability band inference makes, its image and quadrants measured as particles of every
 * class but the background and as the layer those classes form (thickness, with a measurement
 * profile's default disk and minimum area) on the nominal, band and true masks, and the
 * intervals' sides given the split-conformal factor that makes them hold the truth at 95 %
 * (@microseg/metrology's calibrateClassIntervals and calibrateThicknessIntervals); fields where
 * the model found no object of a class calibrate, on their own, the size range such a set gets
 * (calibrateMissedRanges). The model's
 * own probabilities say where it is unsure; only labelled images it never trained on say how
 * wrong it is where it is sure. Null without a validation split. A binary task calibrates the
 * thickness of its foreground alone (its mask's single class is named by the dataset, not the
 * network, so particle scales by class would not carry over), and is null without a layer.
 */
export async function calibrateMeasurementIntervals(
  model: LayersModel,
  items: readonly LoadedItem[],
  channels: number,
  classRule: ClassRule,
  binary: boolean,
): Promise<IntervalCalibration | null> {
  if (items.length === 0 || (!binary && channels < 2)) return null;
  const foreground = binary ? [1] : Array.from({ length: channels - 1 }, (_, i) => i + 1);
  const particleClasses = binary ? [] : foreground;
  const layer: LayerDefinition = { classes: foreground, radius: DEFAULT_THICKNESS_RADIUS, minArea: DEFAULT_THICKNESS_MIN_AREA };
  const fields: LabelledField[] = [];
  const missed: MissedField[] = [];
  const thicknessFields = [];
  for (const { sample } of items) {
    const { width, height } = sample.image;
    const probabilities = tf.tidy(() => {
      const input = rasterToInput(sample.image);
      const padded = tf.pad(input, [[0, 0], [0, roundUp(height, 32) - height], [0, roundUp(width, 32) - width], [0, 0]]);
      return tf.slice(model.predict(padded) as tf.Tensor4D, [0, 0, 0, 0], [1, height, width, channels]);
    });
    const values = (await probabilities.data()) as Float32Array;
    probabilities.dispose();
    const band = probabilityBandMasks(values, channels, classRule, DEFAULT_PROBABILITY_BAND);
    // A binary truth holds the dataset's class value; the network's mask holds 1 there.
    const truth = binary ? Uint8Array.from(sample.mask.data, (value) => (value > 0 ? 1 : 0)) : sample.mask.data;
    const masks: LabelledMasks = {
      nominal: asMask(width, height, probabilitiesToMask(values, channels, classRule)),
      lower: asMask(width, height, band.lower),
      upper: asMask(width, height, band.upper),
      truth: asMask(width, height, truth),
    };
    const own = labelledImageFields(masks, particleClasses, COVERAGE);
    fields.push(...own.fields);
    missed.push(...own.missed);
    thicknessFields.push(...labelledThicknessFields(masks, layer, COVERAGE));
  }
  const thickness = calibrateThicknessIntervals(thicknessFields, layer, COVERAGE);
  if (binary && !thickness) return null;
  return {
    coverage: COVERAGE,
    method:
      `split conformal on ${items.length} validation images (each whole and in quadrants): per class and quantity, and for the layer thickness, ` +
      'the interval sides are multiplied by the smallest factor that makes them hold the ground truth of that share of the fields; ' +
      'a size of a class the model found no object of gets the range the truth had in such fields',
    images: items.length,
    classes: calibrateClassIntervals(fields, particleClasses, COVERAGE).map((c) => ({
      class: c.class,
      scales: { ...c.scales },
      missed: { ...calibrateMissedRanges(missed, [c.class], COVERAGE)[0]!.ranges },
    })),
    thickness: thickness ? { classes: [...thickness.classes], radius: thickness.radius, minArea: thickness.minArea, scales: { ...thickness.scales } } : null,
  };
}
