import type { CombinedError } from '@urql/core';
import { useState } from 'preact/hooks';
import { ErrorMessage } from '../components/error-message.tsx';
import { usePageTitle } from '../components/page-title.ts';
import { graphql } from '../generated/index.ts';
import { createGraphqlClient } from '../graphql/client.ts';
import { useSession } from '../session/session.tsx';

const SignInCheckQuery = graphql(`
  query SignInCheck {
    me {
      groupId
    }
  }
`);

/** Checks the key with the gateway before keeping it, so a wrong key is told at once. */
export function SignInPage() {
  usePageTitle('Sign in');
  const { signIn, notice } = useSession();
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<CombinedError | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const key = apiKey.trim();
    if (!key) return;
    setChecking(true);
    const result = await createGraphqlClient(key, () => undefined).query(SignInCheckQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setChecking(false);
    if (result.error) setError(result.error);
    else signIn(key);
  };

  return (
    <main id="main" class="sign-in">
      <h1>MicroSeg console</h1>
      {notice && (
        <p class="error" role="alert">
          {notice}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          value={apiKey}
          onInput={(event) => setApiKey(event.currentTarget.value)}
          required
        />
        <p class="hint">
          The key from <code>microseg admin bootstrap</code> or <code>microseg keys create</code>. It is kept for this browser tab only.
        </p>
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
        {error && <ErrorMessage error={error} />}
      </form>
    </main>
  );
}
