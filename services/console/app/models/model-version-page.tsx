import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { CalibrationView } from './calibration-view.tsx';
import { CompareVersionsForm } from './compare-versions-form.tsx';
import { LineageView } from './lineage-view.tsx';
import { MetricsTable } from './metrics-table.tsx';
import { SetAliasForm } from './set-alias-form.tsx';
import { ModelVersionShareForm } from './share-form.tsx';
import { enumWord } from '../graphql/enum-words.ts';

const ModelVersionQuery = graphql(`
  query ModelVersion($id: ID!) {
    modelVersion(id: $id) {
      id
      modelId
      modelName
      number
      architecture
      encoder
      material
      binary
      owner {
        id
        name
      }
      metrics {
        val {
          iou
          images
          perClass {
            index
            name
            iou
          }
        }
        test {
          iou
          images
          perClass {
            index
            name
            iou
          }
        }
      }
      codeVersion
      seed
      durationSeconds
      workerKind
      visibility {
        level
        sharedWith
      }
      aliases
      createdAt
      classes {
        index
        name
      }
      intervalCalibration {
        coverage
        images
        classes {
          class
          scales {
            quantity
            factor
            fields
          }
          missedRanges {
            quantity
            low
            high
            fields
          }
        }
        thickness {
          classes
          radius
          minArea
          scales {
            quantity
            factor
            fields
          }
        }
      }
      outOfDistribution {
        threshold
        rule {
          quantile
          margin
        }
        validationScores
      }
    }
    lineage(versionId: $id) {
      dataset {
        datasetId
        versionId
        contentHash
        experiment
      }
      ancestors {
        weights {
          kind
          id
          name
        }
        version {
          id
          modelName
          number
        }
      }
      job {
        id
        state
      }
      descendants(first: 500) { nodes {
        id
        modelName
        number
      }  }
    }
    me {
      groupId
    }
  }
`);

/** /model-versions/:id: one version's metrics, calibrations (how far to trust its intervals and flags), lineage, aliases (set one here), sharing, and its drift against another version. */
export function ModelVersionPage() {
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const [{ data, error, fetching }] = useQuery({ query: ModelVersionQuery, variables: { id } });
  const version = data?.modelVersion;
  usePageTitle(version ? `${version.modelName} v${version.number}` : undefined);
  if (error) return <ErrorMessage error={error} />;
  if (data && (!version || !data.lineage)) return <NotFoundMessage what="model version" />;
  if (!version || !data?.lineage) return <p aria-live="polite">{fetching ? 'Loading the model version…' : ''}</p>;
  const owned = version.owner?.id === data.me.groupId;
  return (
    <section>
      <p class="breadcrumb">
        <a href="/models">Models</a> / <a href={`/models/${version.modelId}`}>{version.modelName}</a>
      </p>
      <h1>
        {version.modelName} v{version.number}
      </h1>
      <p class="subtitle">
        {version.architecture} / {version.encoder} · {version.material} · {version.binary ? 'binary' : 'one channel per class'} · trained in {Math.round(version.durationSeconds)} s on{' '}
        {enumWord(version.workerKind)} · code {version.codeVersion} · seed {version.seed}
      </p>
      <p data-testid="version-aliases">Aliases: {version.aliases.join(', ') || 'none'}</p>
      <MetricsTable val={version.metrics.val} test={version.metrics.test} />
      <CalibrationView calibrations={version} classes={version.classes} />
      <LineageView lineage={{ ...data.lineage, descendants: data.lineage.descendants.nodes }} />
      <div class="columns">
        {owned ? (
          <>
            <SetAliasForm modelId={version.modelId} versionId={version.id} />
            <ModelVersionShareForm versionId={version.id} visibility={version.visibility} />
          </>
        ) : (
          <p>Shared with your group read-only: only {version.owner?.name ?? 'its owning group'} can move its aliases or share it.</p>
        )}
        <CompareVersionsForm modelId={version.modelId} versionId={version.id} trainingDatasetId={data.lineage.dataset?.datasetId} />
      </div>
    </section>
  );
}
