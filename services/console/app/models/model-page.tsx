import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { AliasHistory } from './alias-history.tsx';
import { ModelCardView } from './model-card.tsx';
import { formatIou } from './metrics-table.tsx';
import { enumWord } from '../graphql/enum-words.ts';

const ModelQuery = graphql(`
  query Model($id: ID!) {
    model(id: $id) {
      id
      name
      material
      task
      owner {
        id
        name
      }
      classes {
        index
        name
      }
      card {
        markdown
        intendedMaterial
        magnification
        pixelSize {
          value
          unit
        }
        limits
      }
      aliases {
        alias
        versionId
        versionNumber
        movedAt
      }
      versions(first: 100) {
        nodes {
          id
          number
          architecture
          encoder
          aliases
          metrics {
            val {
              iou
            }
            test {
              iou
            }
          }
          dataset {
            datasetId
            experiment
          }
          visibility {
            level
          }
          createdAt
        }
      }
      aliasHistory(first: 100) { nodes {
        id
        alias
        fromVersionId
        toVersionId
        movedBy
        movedAt
        outcome
        gateSkipped
        gateReport {
          passed
          images
          experiment
          subset
          referenceVersionId
          checks {
            passed
            summary
          }
          skippedImages {
            imageId
            reason
          }
          error {
            message
          }
        }
      }  }
    }
    me {
      groupId
    }
  }
`);

/** /models/:id: a model's versions with their metrics, its card, its aliases and their history. */
export function ModelPage() {
  const { params } = useRoute();
  const [{ data, error, fetching }] = useQuery({ query: ModelQuery, variables: { id: params['id'] ?? '' } });
  const model = data?.model;
  usePageTitle(model?.name);
  if (error) return <ErrorMessage error={error} />;
  if (data && !model) return <NotFoundMessage what="model" />;
  if (!model) return <p aria-live="polite">{fetching ? 'Loading the model…' : ''}</p>;
  const numbers = new Map(model.versions.nodes.map((v) => [v.id, v.number]));
  return (
    <section>
      <p class="breadcrumb">
        <a href="/models">Models</a>
      </p>
      <h1>{model.name}</h1>
      <p class="subtitle">
        {model.material} · {model.task} · classes {model.classes.map((c) => c.name).join(', ')} · owned by {model.owner?.name ?? 'another group'}
      </p>
      <h2>Versions</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Network</th>
            <th scope="col">Val IoU</th>
            <th scope="col">Test IoU</th>
            <th scope="col">Trained on</th>
            <th scope="col">Aliases</th>
            <th scope="col">Visibility</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {model.versions.nodes.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <a href={`/model-versions/${v.id}`}>v{v.number}</a>
              </th>
              <td>
                {v.architecture} / {v.encoder}
              </td>
              <td class="number">{formatIou(v.metrics.val.iou)}</td>
              <td class="number">{formatIou(v.metrics.test?.iou)}</td>
              <td>
                <a href={`/datasets/${v.dataset.datasetId}`}>dataset</a> · {v.dataset.experiment}
              </td>
              <td>{v.aliases.join(', ') || '—'}</td>
              <td>{enumWord(v.visibility.level)}</td>
              <td>{new Date(v.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="columns">
        <ModelCardView modelId={model.id} card={model.card} editable={model.owner?.id === data.me.groupId} />
        <AliasHistory aliases={model.aliases} history={model.aliasHistory.nodes} versionNumbers={numbers} />
      </div>
    </section>
  );
}
