export interface ExperimentView {
  name: string;
  train: readonly string[];
  val: readonly string[];
  test: readonly string[];
}

/** Each experiment's train/val/test split, each count a link to the grid filtered to it. */
export function SplitsTable({ experiments }: { experiments: readonly ExperimentView[] }) {
  return (
    <div>
      <h2>Splits</h2>
      {experiments.length === 0 ? (
        <p>No experiment splits.</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Experiment</th>
              <th scope="col">Train</th>
              <th scope="col">Val</th>
              <th scope="col">Test</th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((e) => (
              <tr key={e.name}>
                <th scope="row">{e.name}</th>
                {(['train', 'val', 'test'] as const).map((subset) => (
                  <td class="number" key={subset}>
                    <a href={`?split=${encodeURIComponent(`${e.name}:${subset}`)}`} aria-label={`${e[subset].length} ${subset} images of ${e.name}`}>
                      {e[subset].length}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
