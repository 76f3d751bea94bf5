import './models.css';
import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { figure } from '../measurements/particle-table.tsx';
import { ModelVersionLink } from './model-version-label.tsx';

const DriftReportQuery = graphql(`
  query DriftReport($datasetId: ID!, $from: ID!, $to: ID!) {
    dataset(id: $datasetId) {
      id
      name
      classes {
        index
        name
      }
      images(first: 100) {
        nodes {
          id
          name
        }
      }
    }
    driftReport(datasetId: $datasetId, fromVersionId: $from, toVersionId: $to) {
      images {
        imageId
        classes {
          class
          count {
            old
            new
            delta
          }
          areaFraction {
            old
            new
            delta
          }
          meanArea {
            old
            new
            delta
          }
        }
        meanThickness {
          old
          new
          delta
        }
      }
      unmatched {
        onlyOld
        onlyNew
      }
      dataset {
        class
        countDelta
        meanAbsAreaFractionDelta
        images
      }
    }
  }
`);

/** The URL of the drift page of two versions on a dataset: what the version page links to. */
export function driftUrl(datasetId: string, fromVersionId: string, toVersionId: string): string {
  return `/drift?${new URLSearchParams({ dataset: datasetId, from: fromVersionId, to: toVersionId }).toString()}`;
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(100 * value).toFixed(2)} %`);
const signed = (value: number | null | undefined, format: (v: number) => string) =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format(Math.abs(value))}`;

/**
 * /drift?dataset=ID&from=VERSION&to=VERSION: what moving from one model version to another changes
 * in a dataset's measurements, the old and new numbers side by side (the platform's `driftReport`).
 */
export function DriftPage() {
  const { query } = useRoute();
  const datasetId = query['dataset'] ?? '';
  const from = query['from'] ?? '';
  const to = query['to'] ?? '';
  const missing = [!datasetId && 'dataset', !from && 'from', !to && 'to'].filter(Boolean);
  const [{ data, error, fetching }] = useQuery({ query: DriftReportQuery, variables: { datasetId, from, to }, pause: missing.length > 0 });
  usePageTitle(data?.dataset ? `Drift on ${data.dataset.name}` : 'Drift');
  if (missing.length > 0) {
    return (
      <p class="error" role="alert">
        This address names no {missing.join(', ')}: open the drift report from a model version's page.
      </p>
    );
  }
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p aria-live="polite">{fetching ? 'Loading the drift report…' : ''}</p>;
  const { dataset, driftReport: report } = data;
  if (!dataset) return <NotFoundMessage what="dataset" />;
  const className = (index: number) => dataset.classes.find((c) => c.index === index)?.name ?? `class ${index}`;
  const imageName = (id: string) => dataset.images.nodes.find((image) => image.id === id)?.name ?? id;
  return (
    <section>
      <p class="breadcrumb">
        <a href={`/datasets/${dataset.id}`}>{dataset.name}</a>
      </p>
      <h1>Drift on {dataset.name}</h1>
      <p class="subtitle">
        Old: <ModelVersionLink id={from} /> · new: <ModelVersionLink id={to} />. Numbers from the dataset profile's measurements of both versions' masks; change = new − old.
      </p>
      {report.images.length === 0 ? (
        <p>No image is measured by both versions yet.</p>
      ) : (
        <>
          <table class="data-table">
            <caption>Per class, over the {report.images.length} images both versions measured</caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Images</th>
                <th scope="col">Objects, change</th>
                <th scope="col">Area fraction, mean absolute change</th>
              </tr>
            </thead>
            <tbody>
              {report.dataset.map((c) => (
                <tr key={c.class}>
                  <th scope="row">{className(c.class)}</th>
                  <td class="number">{c.images}</td>
                  <td class="number">{signed(c.countDelta, String)}</td>
                  <td class="number">{percent(c.meanAbsAreaFractionDelta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="data-table drift-images">
            <caption>Per image: old and new side by side</caption>
            <thead>
              <tr>
                <th scope="col">Image</th>
                <th scope="col">Class</th>
                <th scope="col">Objects old</th>
                <th scope="col">Objects new</th>
                <th scope="col">Change</th>
                <th scope="col">Area fraction old</th>
                <th scope="col">Area fraction new</th>
                <th scope="col">Change</th>
                <th scope="col">Mean area old</th>
                <th scope="col">Mean area new</th>
                <th scope="col">Mean thickness old</th>
                <th scope="col">Mean thickness new</th>
              </tr>
            </thead>
            <tbody>
              {report.images.flatMap((image) =>
                image.classes.map((c, i) => (
                  <tr key={`${image.imageId}:${c.class}`}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={image.classes.length}>
                        <a href={`/images/${image.imageId}`}>{imageName(image.imageId)}</a>
                      </th>
                    ) : null}
                    <td>{className(c.class)}</td>
                    <td class="number">{c.count.old}</td>
                    <td class="number">{c.count.new}</td>
                    <td class="number">{signed(c.count.delta, String)}</td>
                    <td class="number">{percent(c.areaFraction.old)}</td>
                    <td class="number">{percent(c.areaFraction.new)}</td>
                    <td class="number">{signed(c.areaFraction.delta, (v) => percent(v))}</td>
                    <td class="number">{figure(c.meanArea.old)}</td>
                    <td class="number">{figure(c.meanArea.new)}</td>
                    {i === 0 ? (
                      <>
                        <td class="number" rowSpan={image.classes.length}>
                          {figure(image.meanThickness.old)}
                        </td>
                        <td class="number" rowSpan={image.classes.length}>
                          {figure(image.meanThickness.new)}
                        </td>
                      </>
                    ) : null}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
      {(report.unmatched.onlyOld.length > 0 || report.unmatched.onlyNew.length > 0) && (
        <section aria-labelledby="unmatched-heading">
          <h2 id="unmatched-heading">Measured by one version only</h2>
          <p>Left out of the comparison: the other version failed on them or has not measured them yet.</p>
          <ul>
            {report.unmatched.onlyOld.map((id) => (
              <li key={`old:${id}`}>
                <a href={`/images/${id}`}>{imageName(id)}</a>: old version only
              </li>
            ))}
            {report.unmatched.onlyNew.map((id) => (
              <li key={`new:${id}`}>
                <a href={`/images/${id}`}>{imageName(id)}</a>: new version only
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
