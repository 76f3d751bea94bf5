import type { ArtifactManifest } from '@microseg/model-artifact';
import { MICRONET_CITATION } from './micronet.ts';

/** The package's documentation (README.md): what the model is, takes and gives, how it was checked, and the registry's own card. */
export function modelCard(manifest: ArtifactManifest, options: { card?: string | undefined; inputId: string; outputId: string; binary: boolean }): string {
  const { input, classes } = manifest;
  const metrics = Object.entries(manifest.metrics).map(([name, value]) => `| ${name} | ${value.toFixed(4)} |`);
  const pixel = manifest.trainingPixelSize ? `${manifest.trainingPixelSize.value} ${manifest.trainingPixelSize.unit}` : 'not recorded';
  return [
    `# ${manifest.name}`,
    '',
    `Semantic segmentation of micrographs: a ${manifest.architecture} decoder with a ${manifest.encoder} encoder, exported by MicroSeg`,
    `(code ${manifest.codeVersion}) as ONNX (opset ${manifest.onnx?.opset ?? '?'}).`,
    '',
    '## Input',
    `\`${options.inputId}\`: float32, axes batch, channel (${input.channels}), y, x; intensities scaled to [0, 1]`,
    `(8-bit values / 255, 16-bit values / 65535; a grayscale image repeated on every channel). The`,
    `preprocessing normalises each channel with mean ${JSON.stringify(input.normalisation.mean)} and std ${JSON.stringify(input.normalisation.std)}.`,
    `Height and width: multiples of 32. MicroSeg runs images in ${manifest.tile.size} px tiles with stride ${manifest.tile.stride} and keeps each tile's centre.`,
    `Pixel size of the training images: ${pixel}.`,
    '',
    '## Output',
    options.binary
      ? `\`${options.outputId}\`: the probability of ${classes[1]?.name ?? 'the foreground'} per pixel (sigmoid); the mask is probability >= 0.5.`
      : `\`${options.outputId}\`: per-class probabilities (softmax) per pixel; the mask is the most probable class.`,
    '',
    '| index | class | colour |',
    '| --- | --- | --- |',
    ...classes.map((c) => `| ${c.index} | ${c.name} | ${c.color} |`),
    '',
    '## Validation',
    metrics.length ? ['| metric | value |', '| --- | --- |', ...metrics].join('\n') : 'No metrics recorded.',
    '',
    `The test tensors reproduce within an absolute difference of ${manifest.test.tolerance} on ONNX Runtime (CPU).`,
    '',
    ...(options.card?.trim() ? ['## Model card', '', options.card.trim(), ''] : []),
    '## Licence and citation',
    `Licence: ${manifest.licence}.`,
    '',
    `Architectures, training recipe and benchmark: ${MICRONET_CITATION.text} https://doi.org/${MICRONET_CITATION.doi}`,
    '',
  ].join('\n');
}
