import { invalidInput } from '@microseg/errors';
import { decodeImage } from '@microseg/micrograph';
import { type Raster, type SixteenBitInput, type TrainingSample, toUnitRange } from '@microseg/tf-runtime';
import type { Client } from 'minio';
import { readObject } from '../s3-client.ts';
import type { DataItem, JobData } from '../training.tables.ts';

export interface LoadedItem {
  imageId: string;
  name: string;
  sample: TrainingSample;
}

export interface LoadedData {
  train: LoadedItem[];
  val: LoadedItem[];
  test: LoadedItem[];
}

/** Class indices as the targets take them; a binary task folds every class but 0 into the foreground. */
function maskRaster(pixels: Uint8Array | Uint16Array, width: number, height: number, classes: number): Raster<Uint8Array> {
  const data = new Uint8Array(width * height);
  let beyond = 0;
  for (let i = 0; i < data.length; i++) {
    const value = pixels[i]!;
    if (value >= classes) beyond = Math.max(beyond, value);
    data[i] = value;
  }
  if (beyond > 0) throw invalidInput(`mask holds class ${beyond}, beyond the ${classes} classes of the task`, { reason: 'classes-mismatch', label: beyond, classes });
  return { data, width, height, channels: 1 };
}

async function loadItem(client: Client, item: DataItem, classes: number, sixteenBit: SixteenBitInput): Promise<LoadedItem> {
  const [imageBytes, maskBytes] = await Promise.all([
    readObject(client, item.image.bucket, item.image.key),
    readObject(client, item.mask.bucket, item.mask.key),
  ]);
  const [image, mask] = await Promise.all([decodeImage(imageBytes), decodeImage(maskBytes)]);
  if (image.info.width !== mask.info.width || image.info.height !== mask.info.height || mask.info.channels !== 1) {
    throw invalidInput(`mask of ${item.name} does not match its image`, { image: item.imageId });
  }
  const { width, height, channels, bitDepth } = image.info;
  return {
    imageId: item.imageId,
    name: item.name,
    sample: {
      image: toUnitRange({ data: image.pixels, width, height, channels, bitDepth }, sixteenBit),
      mask: maskRaster(mask.pixels, width, height, classes),
    },
  };
}

/**
 * Reads a job's images and masks from S3 and decodes them once; they stay in memory for the run
 * (the paper's datasets are tens of images). 16-bit images are converted as the version will be at
 * inference.
 */
export async function loadJobData(client: Client, data: JobData, classes: number, sixteenBit: SixteenBitInput): Promise<LoadedData> {
  const load = (items: DataItem[]) => Promise.all(items.map((item) => loadItem(client, item, classes, sixteenBit)));
  const [train, val, test] = await Promise.all([load(data.train), load(data.val), load(data.test)]);
  return { train, val, test };
}
