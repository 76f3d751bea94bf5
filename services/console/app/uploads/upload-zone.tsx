import { useState } from 'preact/hooks';
import { filesFromDrop, filesFromInput } from './picked-files.ts';
import { planUploads } from './plan-uploads.ts';
import { UploadRow } from './upload-row.tsx';
import { useAutomaticResults } from './use-automatic-results.ts';
import { useLiveImages } from './use-live-images.ts';
import { useUploadQueue } from './use-upload-queue.ts';
import './uploads.css';

const ACCEPT = '.png,.tif,.tiff,.jpg,.jpeg,image/png,image/tiff,image/jpeg';

/** A folder picker: the attribute has no JSX type, the DOM property has one. */
const pickFolders = (input: HTMLInputElement | null) => {
  if (input) input.webkitdirectory = true;
};

/**
 * Drop images, masks or a folder of them onto the dataset: a row per file with its progress, and
 * the platform's answer in words. New images (from here or any other client) appear in the grid
 * without reloading, and each upload's automatic result shows up on its row when the pipeline has it.
 */
export function UploadZone({ datasetId }: { datasetId: string }) {
  const { items, add, clearFinished } = useUploadQueue(datasetId);
  const results = useAutomaticResults(datasetId);
  useLiveImages(datasetId);
  const [over, setOver] = useState(false);
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer) add(planUploads(await filesFromDrop(event.dataTransfer)));
  };
  const onPick = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    add(planUploads(filesFromInput(input)));
    input.value = '';
  };
  const finished = items.some((item) => item.state !== 'waiting' && item.state !== 'working');
  return (
    <section class="uploads" aria-labelledby="uploads-heading">
      <h3 id="uploads-heading">Upload images and masks</h3>
      <div
        class={over ? 'drop-zone over' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <p>
          Drop PNG, TIFF or JPEG micrographs here, or a folder of them. A mask goes in a <code>masks</code> folder beside its image, with the same name as a PNG
          (<code>masks/grain-01.png</code> for <code>grain-01.tif</code>), as <code>microseg dataset import</code> reads a folder.
        </p>
        <label class="file-button">
          Choose images
          <input type="file" multiple accept={ACCEPT} onChange={onPick} />
        </label>
        <label class="file-button">
          Choose a folder
          <input type="file" ref={pickFolders} onChange={onPick} />
        </label>
      </div>
      {items.length > 0 && (
        <>
          <ul class="upload-list" aria-label="Uploads">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} result={item.state === 'done' ? results.get(item.imageId) : undefined} />
            ))}
          </ul>
          {finished && (
            <button type="button" onClick={clearFinished}>
              Clear finished uploads
            </button>
          )}
        </>
      )}
    </section>
  );
}
