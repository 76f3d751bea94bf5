import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { graphql } from '../generated/index.ts';
import type { VisibilityLevel } from '../generated/graphql.ts';
import { formText } from '../components/form-text.ts';

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

const LEVELS: readonly { level: VisibilityLevel; words: string }[] = [
  { level: 'PRIVATE', words: 'Private: your group only' },
  { level: 'SHARED', words: 'Shared with the groups ticked below' },
  { level: 'PUBLIC', words: 'Public: every group' },
];

/** Who may read (and segment with) this version: the owning group, named groups, or everyone. */
export function ShareForm({ versionId, visibility }: { versionId: string; visibility: { level: VisibilityLevel; sharedWith: readonly string[] } }) {
  const [{ data, error: groupsError }] = useQuery({ query: GroupsQuery });
  const [{ error, fetching }, share] = useMutation(ShareModelVersion);
  const [saved, setSaved] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const level = formText(form, 'level') as VisibilityLevel;
    const sharedWith = form.getAll('group').filter((v): v is string => typeof v === 'string');
    const result = await share({ id: versionId, visibility: { level, sharedWith } });
    if (!result.error) setSaved(true);
  };
  const others = data?.groups.nodes.filter((g) => g.id !== data.me.groupId) ?? [];
  return (
    <form class="stacked-form" onSubmit={(event) => void submit(event)} aria-labelledby="share-heading">
      <h2 id="share-heading">Sharing</h2>
      <fieldset>
        <legend>Who can use this version</legend>
        {LEVELS.map(({ level, words }) => (
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
      <button type="submit" disabled={fetching}>
        Save sharing
      </button>
      {error && <ErrorMessage error={error} />}
      {saved && <p role="status">Sharing saved.</p>}
    </form>
  );
}
