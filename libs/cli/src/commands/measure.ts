import { writeFile } from 'node:fs/promises';
import {
  type ParticleAnalysis,
  type PlotFormat,
  type ThicknessMeasurement,
  analyseParticles,
  measureThickness,
  parseClassList,
  parsePixelSize,
  readIndexMask,
  renderPlot,
  sizeHistogramSpec,
  thicknessHistogramSpec,
} from '@microseg/metrology';
import { invalidInput } from '@microseg/errors';
import { type Command, Option } from 'commander';
import { printResult } from '../output.ts';

interface ParticleFlags {
  classes?: string;
  connectivity: string;
  pixelSize?: string;
  plot?: string;
  json?: boolean;
}

interface ThicknessFlags {
  classes?: string;
  radius: string;
  minArea: string;
  pixelSize?: string;
  plot?: string;
  json?: boolean;
}

/** `microseg measure particles|thickness MASK.png`: metrology of a local index mask, no server needed. */
export function registerMeasureCommands(program: Command): void {
  const measure = program
    .command('measure')
    .description('measure a segmentation mask (single-channel index PNG)');

  measure
    .command('particles')
    .description('count and size the particles of each class')
    .argument('<mask>', 'index mask PNG (8 or 16 bit, one channel)')
    .option('--classes <list>', 'classes to measure, e.g. 1,2 (default: every non-zero class)')
    .addOption(
      new Option('--connectivity <n>', 'pixel connectivity').choices(['4', '8']).default('8'),
    )
    .option('--pixel-size <size>', 'physical size of a pixel, e.g. 0.5um, 12.5nm, 0.001mm')
    .option('--plot <file>', 'write the size histogram (log bins) as .svg or .png')
    .option('--json', 'print JSON')
    .action(async (path: string, flags: ParticleFlags) => {
      const mask = await readIndexMask(path);
      const analysis = analyseParticles(mask, {
        classes: flags.classes === undefined ? undefined : parseClassList(flags.classes),
        connectivity: flags.connectivity === '4' ? 4 : 8,
        pixelSize: flags.pixelSize === undefined ? undefined : parsePixelSize(flags.pixelSize),
      });
      if (flags.plot) {
        const series = analysis.classes.map((c) => ({
          label: `class ${c.class}`,
          histogram: c.histogram,
        }));
        await writePlot(flags.plot, (format) =>
          renderPlot(sizeHistogramSpec(series, { unit: analysis.unit }), format),
        );
      }
      printResult(flags, particlesJson(analysis), readableParticles);
    });

  measure
    .command('thickness')
    .description('thickness of a layer along its medial axis')
    .argument('<mask>', 'index mask PNG (8 or 16 bit, one channel)')
    .option(
      '--classes <list>',
      'classes forming the layer, e.g. 1,2 (default: every non-zero class)',
    )
    .option('--radius <px>', 'radius of the closing/opening disk', '5')
    .option('--min-area <px>', 'smallest object or hole kept, in pixels', '1000')
    .option('--pixel-size <size>', 'physical size of a pixel, e.g. 0.5um, 12.5nm, 0.001mm')
    .option('--plot <file>', 'write the thickness histogram as .svg or .png')
    .option('--json', 'print JSON')
    .action(async (path: string, flags: ThicknessFlags) => {
      const mask = await readIndexMask(path);
      const measurement = measureThickness(mask, {
        classes: flags.classes === undefined ? undefined : parseClassList(flags.classes),
        radius: wholeNumber('--radius', flags.radius),
        minArea: wholeNumber('--min-area', flags.minArea),
        pixelSize: flags.pixelSize === undefined ? undefined : parsePixelSize(flags.pixelSize),
      });
      if (flags.plot) {
        const spec = thicknessHistogramSpec(measurement.values, { unit: measurement.unit });
        await writePlot(flags.plot, (format) => renderPlot(spec, format));
      }
      printResult(flags, thicknessJson(measurement), readableThickness);
    });
}

/** The fixed `--json` shape of `measure particles` (issue 5): scripts and LIMS depend on these names. */
function particlesJson(analysis: ParticleAnalysis) {
  return {
    width: analysis.width,
    height: analysis.height,
    unit: analysis.unit,
    classes: analysis.classes.map((c) => ({
      class: c.class,
      count: c.count,
      areaFraction: c.areaFraction,
      meanArea: c.area.mean,
      medianArea: c.area.median,
      meanEquivalentDiameter: c.equivalentDiameter.mean,
      interior: { count: c.interior.count, meanArea: c.interior.area.mean },
      objects: c.objects.map((o) => ({
        area: o.area,
        centroid: o.centroid,
        bbox: o.bbox,
        equivalentDiameter: o.equivalentDiameter,
        touchesBorder: o.touchesBorder,
      })),
    })),
  };
}

/** The fixed `--json` shape of `measure thickness` (issue 5). */
function thicknessJson(measurement: ThicknessMeasurement) {
  return {
    unit: measurement.unit,
    meanThickness: measurement.thickness.mean,
    medianThickness: measurement.thickness.median,
    stdThickness: measurement.thickness.std,
    skeletonPixels: measurement.skeletonPixels,
    layerPixels: measurement.layerPixels,
  };
}

function readableParticles(result: ReturnType<typeof particlesJson>): string {
  const lines = [`${result.width}x${result.height} px, lengths in ${result.unit}`];
  for (const c of result.classes) {
    lines.push(
      `class ${c.class}: ${c.count} objects (${c.interior.count} not touching the border), ` +
        `area fraction ${(c.areaFraction * 100).toFixed(2)}%, mean area ${format(c.meanArea)} ${result.unit}², ` +
        `median area ${format(c.medianArea)} ${result.unit}², mean equivalent diameter ${format(c.meanEquivalentDiameter)} ${result.unit}`,
    );
  }
  return lines.join('\n');
}

function readableThickness(result: ReturnType<typeof thicknessJson>): string {
  return (
    `thickness: mean ${format(result.meanThickness)} ${result.unit}, median ${format(result.medianThickness)}, ` +
    `std ${format(result.stdThickness)} (${result.skeletonPixels} medial-axis pixels, layer ${result.layerPixels} px)`
  );
}

const format = (value: number | null) => (value === null ? '-' : value.toPrecision(6));

function wholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw invalidInput(`${flag} must be a whole number >= 0, got "${text}"`, { [flag]: text });
  return value;
}

/** Writes a plot in the format its file extension names (.png, else SVG). */
async function writePlot(
  file: string,
  render: (format: PlotFormat) => Promise<string | Buffer>,
): Promise<void> {
  await writeFile(file, await render(file.toLowerCase().endsWith('.png') ? 'png' : 'svg'));
}
