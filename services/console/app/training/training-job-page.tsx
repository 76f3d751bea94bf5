import { useMutation, useQuery, useSubscription } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ErrorMessage, NotFoundMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import type { TrainingJobState } from '../generated/graphql.ts';
import { type CurvePoint, EpochTable, TrainingCurves } from './training-curves.tsx';

const TrainingJobQuery = graphql(`
  query TrainingJob($id: ID!) {
    trainingJob(id: $id) {
      id
      state
      queuePosition
      workerKind
      attempts
      datasetId
      datasetVersionId
      experiment
      architecture
      encoder
      binary
      modelName
      init {
        kind
        name
      }
      recipe {
        maxEpochs
        crop
        learningRate
        seed
      }
      progress {
        epoch
        maxEpochs
        etaSeconds
      }
      checkpointEpoch
      error {
        code
        message
      }
      modelVersion {
        id
        number
        modelName
      }
      createdAt
      startedAt
      finishedAt
      epochs {
        epoch
        loss
        valIou
      }
    }
  }
`);

const TrainingJobProgress = graphql(`
  subscription TrainingJobProgress($jobId: ID!) {
    trainingJobProgress(jobId: $jobId) {
      jobId
      state
      at
      progress {
        epoch
        loss
        valIou
        maxEpochs
        etaSeconds
      }
    }
  }
`);

const CancelTrainingJob = graphql(`
  mutation CancelTrainingJob($id: ID!) {
    cancelTrainingJob(id: $id) {
      id
      state
    }
  }
`);

const RetryTrainingJob = graphql(`
  mutation RetryTrainingJob($id: ID!) {
    retryTrainingJob(id: $id) {
      id
      state
      attempts
    }
  }
`);

const ACTIVE: ReadonlySet<TrainingJobState> = new Set(['QUEUED', 'RUNNING']);

interface Live {
  state: TrainingJobState | null;
  etaSeconds: number | null;
  points: Map<number, CurvePoint>;
}

/** /training/:id: a job's settings, its live loss and IoU curves (graphql-ws), cancel and retry. */
export function TrainingJobPage() {
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const [{ data, error, fetching }, refetch] = useQuery({ query: TrainingJobQuery, variables: { id } });
  const job = data?.trainingJob;
  const active = job ? ACTIVE.has(job.state) : false;
  // Each epoch the worker finishes arrives here; the job's stored epochs are the starting point.
  const [{ data: live, error: liveError }] = useSubscription(
    { query: TrainingJobProgress, variables: { jobId: id }, pause: !active },
    (previous: Live | undefined, update): Live => {
      const { state, progress } = update.trainingJobProgress;
      const points = new Map(previous?.points);
      if (progress.loss !== null && progress.loss !== undefined && progress.valIou !== null && progress.valIou !== undefined && progress.epoch > 0) {
        points.set(progress.epoch, { epoch: progress.epoch, loss: progress.loss, valIou: progress.valIou });
      }
      // Each move (queued to running, a retry's new attempt; a finished job's model version or
      // error) is in the record: read it again once per move, not per epoch.
      if (state !== (previous?.state ?? job?.state)) setTimeout(() => refetch({ requestPolicy: 'network-only' }), 0);
      return { state, etaSeconds: progress.etaSeconds ?? null, points };
    },
  );
  const points = useMemo(() => {
    const merged = new Map<number, CurvePoint>((job?.epochs ?? []).map((e) => [e.epoch, e]));
    for (const [epoch, point] of live?.points ?? []) if (!merged.has(epoch)) merged.set(epoch, point);
    return [...merged.values()].sort((a, b) => a.epoch - b.epoch);
  }, [job?.epochs, live]);
  usePageTitle(job ? `Training ${job.modelName}` : undefined);
  if (error) return <ErrorMessage error={error} />;
  if (data && !job) return <NotFoundMessage what="training job" />;
  if (!job) return <p aria-live="polite">{fetching ? 'Loading the training job…' : ''}</p>;
  const state = active && live?.state ? live.state : job.state;
  const eta = active ? (live?.etaSeconds ?? job.progress.etaSeconds) : null;
  return (
    <section>
      <p class="breadcrumb">
        <a href="/training">Training jobs</a>
      </p>
      <h1>Training {job.modelName}</h1>
      <p class="subtitle">
        {job.architecture} / {job.encoder} on split {job.experiment} of <a href={`/datasets/${job.datasetId}`}>the dataset</a> · initial weights {job.init.name} · {job.recipe.maxEpochs} epochs at
        most, crops of {job.recipe.crop} px, learning rate {job.recipe.learningRate}, seed {job.recipe.seed}
      </p>
      <p role="status" data-testid="job-state">
        {stateInWords(state, job.queuePosition)}
        {points.length > 0 && ` · epoch ${points.at(-1)?.epoch} of ${job.recipe.maxEpochs}`}
        {eta !== null && eta !== undefined && eta > 0 && ` · about ${Math.ceil(eta)} s left`}
        {job.attempts > 1 && ` · attempt ${job.attempts}`}
      </p>
      {job.error && (
        <p class="error" role="alert">
          The job failed ({job.error.code}): {job.error.message}
        </p>
      )}
      {liveError && <ErrorMessage error={liveError} />}
      {job.modelVersion && (
        <p>
          Registered as <a href={`/model-versions/${job.modelVersion.id}`}>{`${job.modelVersion.modelName} v${job.modelVersion.number}`}</a>.
        </p>
      )}
      <JobActions id={job.id} state={state} />
      <TrainingCurves points={points} maxEpochs={job.recipe.maxEpochs} />
      {points.length > 0 && <EpochTable points={points} />}
    </section>
  );
}

function JobActions({ id, state }: { id: string; state: TrainingJobState }) {
  const [cancelled, cancel] = useMutation(CancelTrainingJob);
  const [retried, retry] = useMutation(RetryTrainingJob);
  const error = cancelled.error ?? retried.error;
  return (
    <div class="actions">
      {ACTIVE.has(state) && (
        <button type="button" disabled={cancelled.fetching} onClick={() => void cancel({ id })}>
          Cancel the job
        </button>
      )}
      {(state === 'FAILED' || state === 'CANCELLED') && (
        <button type="button" disabled={retried.fetching} onClick={() => void retry({ id })}>
          Retry from the last checkpoint
        </button>
      )}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

function stateInWords(state: TrainingJobState, queuePosition: number | null | undefined): string {
  switch (state) {
    case 'QUEUED':
      return queuePosition ? `Queued (position ${queuePosition})` : 'Queued';
    case 'RUNNING':
      return 'Running';
    case 'SUCCEEDED':
      return 'Succeeded';
    case 'FAILED':
      return 'Failed';
    case 'CANCELLED':
      return 'Cancelled';
  }
}
