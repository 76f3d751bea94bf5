import { invalidInput } from '@microseg/errors';
import { densenetEncoders } from './densenet.ts';
import { dpnEncoders } from './dpn.ts';
import { efficientnetEncoders } from './efficientnet.ts';
import { inceptionEncoders } from './inceptionv4.ts';
import type { EncoderSpec } from './encoder-spec.ts';
import { mobilenetEncoders } from './mobilenet-v2.ts';
import { resnetEncoders } from './resnet.ts';
import { senetEncoders } from './senet.ts';
import { vggEncoders } from './vgg.ts';
import { xceptionEncoders } from './xception.ts';

const ENCODERS: ReadonlyMap<string, EncoderSpec> = new Map(
  [...resnetEncoders, ...senetEncoders, ...vggEncoders, ...densenetEncoders, ...mobilenetEncoders, ...efficientnetEncoders, ...inceptionEncoders, ...xceptionEncoders, ...dpnEncoders].map((spec) => [spec.name, spec]),
);

export function getEncoder(name: string): EncoderSpec {
  const spec = ENCODERS.get(name);
  if (!spec) throw invalidInput(`unknown encoder '${name}'`, { encoder: name, known: [...ENCODERS.keys()] });
  return spec;
}

export interface EncoderInfo {
  name: string;
  family: string;
  outChannels: readonly number[];
  supportsDilation: boolean;
}

export function listEncoders(): EncoderInfo[] {
  return [...ENCODERS.values()].map(({ name, family, outChannels, supportsDilation }) => ({ name, family, outChannels, supportsDilation }));
}
