/** The seven decoders of the paper, by SMP's names (lower-case, as PMM passes them to smp.create_model). */
export const ARCHITECTURES = ['unet', 'unetplusplus', 'linknet', 'fpn', 'pspnet', 'pan', 'deeplabv3plus'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

const ALIASES: Readonly<Record<string, Architecture>> = {
  unet: 'unet',
  'unet++': 'unetplusplus',
  unetplusplus: 'unetplusplus',
  linknet: 'linknet',
  fpn: 'fpn',
  pspnet: 'pspnet',
  pan: 'pan',
  deeplabv3plus: 'deeplabv3plus',
  'deeplabv3+': 'deeplabv3plus',
};

/** Accepts SMP's class names too (`Unet`, `UnetPlusPlus`, `DeepLabV3Plus`), as checkpoints carry them. */
export function normaliseArchitecture(name: string): Architecture | undefined {
  return ALIASES[name.toLowerCase().replace(/[\s_-]/g, '')];
}

export function listArchitectures(): Architecture[] {
  return [...ARCHITECTURES];
}
