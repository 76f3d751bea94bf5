import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import { graphql } from '../generated/index.ts';
import type { MaskSource } from '../generated/graphql.ts';
import { errorInWords } from '../graphql/error-words.ts';

const ExportQuery = graphql(`
  query ExportMeasurements($datasetId: ID!, $imageId: ID, $source: MaskSource, $modelVersionId: ID) {
    exportDatasetMeasurements(datasetId: $datasetId, imageId: $imageId, source: $source, modelVersionId: $modelVersionId, format: CSV) {
      url
      rowCount
    }
  }
`);

export interface CsvSelection {
  datasetId: string;
  /** One image's masks; the whole dataset pooled without. */
  imageId?: string;
  source: MaskSource;
  modelVersionId?: string | null;
}

/**
 * Asks the platform for a fresh CSV of the objects (one row each, with provenance) and lets the
 * browser download it from the presigned URL; a refusal is said next to the button.
 */
export function CsvDownloadButton({ selection, label }: { selection: CsvSelection; label: string }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    const result = await client
      .query(ExportQuery, { datasetId: selection.datasetId, imageId: selection.imageId ?? null, source: selection.source, modelVersionId: selection.modelVersionId ?? null }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    if (result.error) setProblem(errorInWords(result.error));
    else if (result.data) window.location.assign(result.data.exportDatasetMeasurements.url);
  };
  return (
    <p class="csv-download">
      <button type="button" disabled={busy} onClick={() => void download()}>
        {label}
      </button>
      {problem && (
        <span class="error" role="alert">
          {' '}
          {problem}
        </span>
      )}
    </p>
  );
}
