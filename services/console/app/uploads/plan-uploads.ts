/** A file the user dropped or picked, with its path inside what was dropped (`run-3/masks/a.png`, or `a.png`). */
export interface PickedFile {
  path: string;
  file: File;
}

/** One row of the upload list: an image with its mask, or a file that will not be uploaded and why. */
export type PlannedUpload =
  | { kind: 'image'; name: string; image: PickedFile; mask: PickedFile | null }
  | { kind: 'refused'; path: string; why: string };

/** What the platform decodes (README, "Images"); `microseg dataset import` takes the same. */
const IMAGE_EXTENSIONS = ['.png', '.tif', '.tiff', '.jpg', '.jpeg'];

const split = (path: string) => {
  const parts = path.split('/').filter(Boolean);
  const fileName = parts.pop() ?? '';
  const dot = fileName.lastIndexOf('.');
  return { folders: parts, fileName, stem: dot > 0 ? fileName.slice(0, dot) : fileName, extension: dot > 0 ? fileName.slice(dot).toLowerCase() : '' };
};

/**
 * The plain-folder convention of `microseg dataset import DIR`, for files dropped in the browser:
 * every PNG, TIFF or JPEG is an image named after its file, and `masks/<name>.png` beside it is
 * its mask. Every file gets a row: what is not uploaded says why, nothing is dropped silently.
 */
export function planUploads(files: readonly PickedFile[]): PlannedUpload[] {
  const images = new Map<string, Extract<PlannedUpload, { kind: 'image' }>>();
  const planned: PlannedUpload[] = [];
  const masks: { key: string; picked: PickedFile }[] = [];
  for (const picked of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const { folders, fileName, stem, extension } = split(picked.path);
    if (fileName.startsWith('.')) continue; // .DS_Store and the like: not something the user chose
    const inMasks = folders.at(-1) === 'masks';
    const root = (inMasks ? folders.slice(0, -1) : folders).join('/');
    if ((inMasks ? folders.length - 1 : folders.length) > 1) {
      planned.push({ kind: 'refused', path: picked.path, why: 'It is in a subfolder: drop that folder itself to upload it.' });
    } else if (!IMAGE_EXTENSIONS.includes(extension)) {
      planned.push({ kind: 'refused', path: picked.path, why: 'Not a PNG, TIFF or JPEG image.' });
    } else if (inMasks) {
      if (extension === '.png') masks.push({ key: `${root}/${stem}`, picked });
      else planned.push({ kind: 'refused', path: picked.path, why: 'A mask must be a PNG (an index or colour mask).' });
    } else if (images.has(`${root}/${stem}`)) {
      planned.push({ kind: 'refused', path: picked.path, why: `Another dropped file is also named “${stem}”; image names are unique in a dataset.` });
    } else {
      const row = { kind: 'image' as const, name: stem, image: picked, mask: null };
      images.set(`${root}/${stem}`, row);
      planned.push(row);
    }
  }
  for (const { key, picked } of masks) {
    const image = images.get(key);
    if (image) image.mask = picked;
    else planned.push({ kind: 'refused', path: picked.path, why: 'No image with this name was dropped with this mask.' });
  }
  return planned;
}
