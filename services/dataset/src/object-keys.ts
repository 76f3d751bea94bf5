/**
 * Where objects live in the dataset bucket. Every key starts with the owning group and dataset,
 * so a group's data can be listed, exported or purged by prefix. Upload ids (not image ids) name
 * the folders: the key is fixed when the URL is handed out, before any image exists.
 */
const base = (groupId: string, datasetId: string) => `groups/${groupId}/datasets/${datasetId}`;

/** File names reduced to a safe character set; the original name is kept in the database. */
const safe = (fileName: string) => fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120) || 'file';

export const objectKeys = {
  imageOriginal: (groupId: string, datasetId: string, uploadId: string, fileName: string) =>
    `${base(groupId, datasetId)}/images/${uploadId}/original/${safe(fileName)}`,
  imageNormalised: (groupId: string, datasetId: string, uploadId: string) => `${base(groupId, datasetId)}/images/${uploadId}/normalised.png`,
  imageThumbnail: (groupId: string, datasetId: string, uploadId: string) => `${base(groupId, datasetId)}/images/${uploadId}/thumbnail.jpg`,
  maskOriginal: (groupId: string, datasetId: string, uploadId: string, fileName: string) =>
    `${base(groupId, datasetId)}/masks/${uploadId}/original/${safe(fileName)}`,
  maskIndex: (groupId: string, datasetId: string, uploadId: string) => `${base(groupId, datasetId)}/masks/${uploadId}/index.png`,
  /**
   * The deep-zoom pyramids of an image and of its masks: beside the image's working copy, so they
   * go with its folder; nothing records them one by one, so they are found (and deleted) by it.
   */
  deepZoomFolder: (normalisedKey: string) => `${normalisedKey.slice(0, normalisedKey.lastIndexOf('/') + 1)}deep-zoom/`,
};
