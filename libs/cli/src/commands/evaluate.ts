import { writeFile } from 'node:fs/promises';
import {
  type SegmentationEvaluation,
  evaluateSegmentation,
  parseClassList,
  readIndexMask,
  renderAccuracyMap,
} from '@microseg/metrology';
import type { Command } from 'commander';
import { printResult } from '../output.ts';

interface EvaluateFlags {
  classes?: string;
  accuracyMap?: string;
  json?: boolean;
}

/** `microseg evaluate PRED.png TRUTH.png`: per-class IoU, precision and recall of a prediction. */
export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description('score a predicted index mask against the ground truth')
    .argument('<prediction>', 'predicted index mask PNG')
    .argument('<truth>', 'ground-truth index mask PNG')
    .option(
      '--classes <list>',
      'classes to score, e.g. 1,2 (default: every non-zero class in either mask)',
    )
    .option(
      '--accuracy-map <file>',
      'write the accuracy map PNG (TP white, FN magenta, FP cyan, TN black)',
    )
    .option('--json', 'print JSON')
    .action(async (predictionPath: string, truthPath: string, flags: EvaluateFlags) => {
      const [prediction, truth] = await Promise.all([
        readIndexMask(predictionPath),
        readIndexMask(truthPath),
      ]);
      const classes = flags.classes === undefined ? undefined : parseClassList(flags.classes);
      const evaluation = evaluateSegmentation(prediction, truth, { classes });
      if (flags.accuracyMap)
        await writeFile(flags.accuracyMap, await renderAccuracyMap(prediction, truth, classes));
      printResult(flags, evaluationJson(evaluation), readableEvaluation);
    });
}

/** The fixed `--json` shape of `evaluate` (issue 5): scripts and LIMS depend on these names. */
function evaluationJson(evaluation: SegmentationEvaluation) {
  return {
    classes: evaluation.classes.map((c) => ({
      class: c.class,
      iou: c.iou,
      precision: c.precision,
      recall: c.recall,
    })),
    meanIoU: evaluation.meanIoU,
  };
}

function readableEvaluation(result: ReturnType<typeof evaluationJson>): string {
  const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(2)}%`);
  return [
    ...result.classes.map(
      (c) =>
        `class ${c.class}: IoU ${percent(c.iou)}, precision ${percent(c.precision)}, recall ${percent(c.recall)}`,
    ),
    `mean IoU ${percent(result.meanIoU)}`,
  ].join('\n');
}
