import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { formText } from '../components/form-text.ts';
import { graphql } from '../generated/index.ts';
import type { VisibilityInput, VisibilityLevel } from '../generated/graphql.ts';

const GroupsQuery = graphql(`
  query Groups {
    groups(first: 200) {
      nodes {
        id
        name
      }
    }
    me {
      groupId
    }
  }
`);

const ShareModelVersion = graphql(`
  mutation ShareModelVersion($id: ID!, $visibility: VisibilityInput!) {
    shareModelVersion(id: $id, visibility: $visibility) {
      id
      visibility {
        level
        sharedWith
      }
    }
  }
`);

const ShareDataset = graphql(`
  mutation ShareDataset($id: ID!, $visibility: VisibilityInput!) {
    updateDataset(id: $id, input: { visibility: $visibility }) {
      id
      visibility {
        level
        sharedWith
      }
    }
  }
`);

interface VisibilityView {
  level: VisibilityLevel;
  sharedWith: readonly string[];
}

const levels = (what: string): readonly { level: VisibilityLevel; words: string }[] => [
  { level: 'PRIVATE', words: 'Private: your group only' },
  { level: 'SHARED', words: 'Shared with the groups ticked below' },
  { level: 'PUBLIC', words: `Public: every group can see this ${what}` },
];

/** Who may read (and segment with) this version: the owning group, named groups, or everyone. */
export function ModelVersionShareForm({ versionId, visibility }: { versionId: string; visibility: VisibilityView }) {
  const [, share] = useMutation(ShareModelVersion);
  return <ShareForm what="version" legend="Who can use this version" visibility={visibility} save={async (next) => (await share({ id: versionId, visibility: next })).error} />;
}

/** Who may read this dataset (its images, masks and measurements, read-only): the owning group, named groups, or everyone. */
export function DatasetShareForm({ datasetId, visibility }: { datasetId: string; visibility: VisibilityView }) {
  const [, share] = useMutation(ShareDataset);
  return <ShareForm what="dataset" legend="Who can see this dataset" visibility={visibility} save={async (next) => (await share({ id: datasetId, visibility: next })).error} />;
}

function ShareForm({ what, legend, visibility, save }: { what: string; legend: string; visibility: VisibilityView; save: (visibility: VisibilityInput) => Promise<CombinedError | undefined> }) {
  const [{ data, error: groupsError }] = useQuery({ query: GroupsQuery });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setError(undefined);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const level = formText(form, 'level') as VisibilityLevel;
    const sharedWith = form.getAll('group').filter((v): v is string => typeof v === 'string');
    setSaving(true);
    const failure = await save({ level, sharedWith }).finally(() => setSaving(false));
    if (failure) setError(failure);
    else setSaved(true);
  };
  const others = data?.groups.nodes.filter((g) => g.id !== data.me.groupId) ?? [];
  return (
    <form class="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby={`share-${what}-heading`}>
      <h2 id={`share-${what}-heading`}>Sharing</h2>
      <fieldset>
        <legend>{legend}</legend>
        {levels(what).map(({ level, words }) => (
          <label class="inline" key={level}>
            <input type="radio" name="level" value={level} defaultChecked={visibility.level === level} /> {words}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Groups</legend>
        {groupsError && <ErrorMessage error={groupsError} />}
        {others.length === 0 && <p>No other group on this platform yet.</p>}
        {others.map((g) => (
          <label class="inline" key={g.id}>
            <input type="checkbox" name="group" value={g.id} defaultChecked={visibility.sharedWith.includes(g.id)} /> {g.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={saving}>
        Save sharing
      </button>
      {error && <ErrorMessage error={error} />}
      {saved && <p role="status">Sharing saved.</p>}
    </form>
  );
}
