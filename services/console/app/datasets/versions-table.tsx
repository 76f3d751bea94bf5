export interface DatasetVersionView {
  id: string;
  number: number;
  imageCount: number;
  maskCount: number;
  experiments: readonly string[];
  note?: string | null;
  createdAt: string;
}

export function VersionsTable({ versions }: { versions: readonly DatasetVersionView[] }) {
  return (
    <div>
      <h2>Versions</h2>
      {versions.length === 0 ? (
        <p>No frozen version yet.</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Images</th>
              <th scope="col">Masks</th>
              <th scope="col">Experiments</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  v{v.number}
                  {v.note && <span class="note"> {v.note}</span>}
                </td>
                <td class="number">{v.imageCount}</td>
                <td class="number">{v.maskCount}</td>
                <td>{v.experiments.join(', ') || '—'}</td>
                <td>{new Date(v.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
